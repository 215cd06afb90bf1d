package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;

/** HTTP 403 Forbidden: the credential is valid but not allowed to do this. */
public class PermissionDeniedException extends PhalaServiceException {
  private static final long serialVersionUID = 1L;

  /** An exception for this status, with a message a person can act on. */
  public PermissionDeniedException(String message, ResponseInfo response, ErrorBody body) {
    super(message, response, body);
  }
}
