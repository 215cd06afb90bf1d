package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;

/** HTTP 404 Not Found. */
public class NotFoundException extends PhalaServiceException {
  private static final long serialVersionUID = 1L;

  /** An exception for this status, with a message a person can act on. */
  public NotFoundException(String message, ResponseInfo response, ErrorBody body) {
    super(message, response, body);
  }
}
