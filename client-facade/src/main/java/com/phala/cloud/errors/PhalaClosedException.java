package com.phala.cloud.errors;

/**
 * The client was closed: the call was made after {@code PhalaCloud.close()}, or was in progress
 * (waiting, retrying or streaming) when the client was closed. Nothing more is sent; build a new
 * client to make more calls.
 */
public class PhalaClosedException extends PhalaException {
  private static final long serialVersionUID = 1L;

  /** An exception saying which client was closed and what to do. */
  public PhalaClosedException(String message) {
    super(message);
  }
}
