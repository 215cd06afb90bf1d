package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;

/** HTTP 5xx: the server failed or is unavailable (retried). */
public class InternalServerException extends PhalaServiceException {
  private static final long serialVersionUID = 1L;

  /** An exception for this status, with a message a person can act on. */
  public InternalServerException(String message, ResponseInfo response, ErrorBody body) {
    super(message, response, body);
  }
}
