package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.internal.http.RetryPolicy;
import java.util.Optional;

/**
 * The API answered with an error status. Subclasses name the status family; each carries the
 * response's status, headers and request id, and the parsed error body.
 */
public class PhalaServiceException extends PhalaException {
  private static final long serialVersionUID = 1L;

  private final ResponseInfo response;
  private final ErrorBody body;

  /** An exception for an error response, with a message a person can act on. */
  public PhalaServiceException(String message, ResponseInfo response, ErrorBody body) {
    super(message);
    this.response = response;
    this.body = body;
  }

  /** The HTTP status code. */
  public int statusCode() {
    return response.statusCode();
  }

  /** The response's status, headers and request id. */
  public ResponseInfo response() {
    return response;
  }

  /**
   * The request id (body {@code request_id}, else header {@code X-Request-ID}), to quote to
   * support.
   */
  public Optional<String> requestId() {
    return response.requestId();
  }

  /** The error body as the API sent it, parsed. */
  public ErrorBody body() {
    return body;
  }

  /**
   * Whether the status is one that may pass (408, 409, 429, 500, 502, 503, 504): the statuses the
   * client retries itself before it throws.
   */
  @Override
  public boolean retryable() {
    return RetryPolicy.isRetryable(statusCode());
  }
}
