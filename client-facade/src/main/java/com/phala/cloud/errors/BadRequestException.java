package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;

/** HTTP 400 Bad Request: the request was malformed. */
public class BadRequestException extends PhalaServiceException {
  private static final long serialVersionUID = 1L;

  /** An exception for this status, with a message a person can act on. */
  public BadRequestException(String message, ResponseInfo response, ErrorBody body) {
    super(message, response, body);
  }
}
