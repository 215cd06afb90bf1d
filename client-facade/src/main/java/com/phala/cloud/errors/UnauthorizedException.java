package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;

/** HTTP 401 Unauthorized: the credential is missing, wrong or expired. */
public class UnauthorizedException extends PhalaServiceException {
  private static final long serialVersionUID = 1L;

  /** An exception for this status, with a message a person can act on. */
  public UnauthorizedException(String message, ResponseInfo response, ErrorBody body) {
    super(message, response, body);
  }
}
