package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;

/** HTTP an error status with no class of its own (for example 402, 408 after retries, 3xx). */
public class UnexpectedStatusCodeException extends PhalaServiceException {
  private static final long serialVersionUID = 1L;

  /** An exception for this status, with a message a person can act on. */
  public UnexpectedStatusCodeException(String message, ResponseInfo response, ErrorBody body) {
    super(message, response, body);
  }
}
