package com.phala.cloud.errors;

import com.phala.cloud.ResponseInfo;
import java.time.Duration;
import java.util.Optional;

/** HTTP 429 Too Many Requests, after the client's retries: slow down. */
public class RateLimitException extends PhalaServiceException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** An exception for a 429, with how long the API asked to wait (may be {@code null}). */
  public RateLimitException(
      String message, ResponseInfo response, ErrorBody body, Duration retryAfter) {
    super(message, response, body);
    this.retryAfter = retryAfter;
  }

  /** How long the API asked to wait ({@code Retry-After} or {@code retry-after-ms}), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
