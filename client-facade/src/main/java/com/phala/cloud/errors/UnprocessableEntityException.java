package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;

/**
 * HTTP 422 Unprocessable Entity: a parameter was refused; see {@link ErrorBody#validationErrors()}.
 */
public class UnprocessableEntityException extends PhalaServiceException {
  private static final long serialVersionUID = 1L;

  /** An exception for this status, with a message a person can act on. */
  public UnprocessableEntityException(String message, ResponseInfo response, ErrorBody body) {
    super(message, response, body);
  }
}
