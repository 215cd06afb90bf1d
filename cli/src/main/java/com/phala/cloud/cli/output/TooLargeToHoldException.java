package com.phala.cloud.cli.output;

import com.phala.cloud.errors.PhalaException;

/**
 * The rows the table or --sort-by must hold until the end would pass the share of the heap they may
 * take ({@code phala-cvms} exits 4 with the message, which says what to do).
 */
public final class TooLargeToHoldException extends PhalaException {
  private static final long serialVersionUID = 1L;

  TooLargeToHoldException(String message) {
    super(message);
  }
}
