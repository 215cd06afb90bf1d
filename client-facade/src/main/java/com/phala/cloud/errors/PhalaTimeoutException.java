package com.phala.cloud.errors;

/**
 * A call ran out of time: a connect or read timeout on the last attempt, the whole-call deadline
 * (attempts and waits between them together) passed, or a stream's whole-stream deadline did.
 */
public class PhalaTimeoutException extends PhalaIoException {
  private static final long serialVersionUID = 1L;

  /** A timeout with its cause (may be {@code null} when the deadline passed between attempts). */
  public PhalaTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
