package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;

/** HTTP 409 Conflict: the resource is in a state that does not allow this (retried). */
public class ConflictException extends PhalaServiceException {
  private static final long serialVersionUID = 1L;

  /** An exception for this status, with a message a person can act on. */
  public ConflictException(String message, ResponseInfo response, ErrorBody body) {
    super(message, response, body);
  }
}
