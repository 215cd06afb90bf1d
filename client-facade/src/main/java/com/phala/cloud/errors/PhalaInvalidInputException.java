package com.phala.cloud.errors;

/**
 * Something the caller gave the client was refused before anything was sent: missing or malformed
 * credentials, a plain-http base URL to a remote host, an id or number in the wrong form. The
 * message names the input and the accepted form, never a secret's value.
 */
public class PhalaInvalidInputException extends PhalaException {
  private static final long serialVersionUID = 1L;

  /** An exception naming the input and the accepted form. */
  public PhalaInvalidInputException(String message) {
    super(message);
  }
}
