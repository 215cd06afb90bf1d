package com.phala.cloud.errors;

/**
 * The API could not be reached or the connection failed (DNS, refused, reset, TLS, truncated body),
 * after the client's retries.
 */
public class PhalaIoException extends PhalaException {
  private static final long serialVersionUID = 1L;

  /** A network failure with its cause. */
  public PhalaIoException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True: the network may work on the next try. */
  @Override
  public boolean retryable() {
    return true;
  }
}
