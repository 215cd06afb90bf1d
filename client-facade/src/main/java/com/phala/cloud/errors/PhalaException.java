package com.phala.cloud.errors;

/**
 * The root of every exception this library throws. Unchecked: catch it (or one of its subclasses)
 * where you can act on it. Messages never contain credentials.
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
}
