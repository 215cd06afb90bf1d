package com.phala.cloud.errors;

/**
 * A call stopped before it finished because it was asked to: the calling thread was interrupted
 * (its interrupt flag is left set, so the code above still sees it), or the call's future was
 * cancelled. Nothing is retried after it. (A call stopped by closing the client ends with {@link
 * PhalaClosedException}.)
 */
public class PhalaCancelledException extends PhalaException {
  private static final long serialVersionUID = 1L;

  /** A cancellation with what stopped the call, such as the {@code InterruptedException}. */
  public PhalaCancelledException(String message, Throwable cause) {
    super(message, cause);
  }
}
