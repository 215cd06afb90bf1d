package com.phala.cloud.errors;

/**
 * The root of every exception this library throws. Unchecked: catch it (or one of its subclasses)
 * where you can act on it. Messages never contain credentials. Every exception is serializable with
 * what its accessors return.
 */
public class PhalaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message a person can act on. */
  public PhalaException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public PhalaException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the same call may succeed if tried again later: true for what the client's own retries
   * try again (connection failures, timeouts, and statuses 408, 409, 429 and 5xx, see {@link
   * PhalaServiceException#retryable()}), which it throws once they are used up; false for what
   * comes back the same (a refused input, unusable data, 4xx such as 401 or 404).
   */
  public boolean retryable() {
    return false;
  }
}
