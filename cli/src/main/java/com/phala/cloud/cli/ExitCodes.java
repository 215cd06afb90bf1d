package com.phala.cloud.cli;

import com.phala.cloud.cli.output.TooLargeToHoldException;
import com.phala.cloud.errors.PermissionDeniedException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.PhalaServiceException;
import com.phala.cloud.errors.UnauthorizedException;

/** The command's exit codes: a contract scripts depend on. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** A bug in phala-cvms itself (an exception it did not expect). */
  public static final int INTERNAL = 1;

  /** Bad usage or input; nothing was sent. */
  public static final int USAGE = 2;

  /** Authentication or permission refused (HTTP 401, 403). */
  public static final int AUTH = 3;

  /**
   * Any other API error, or a response that cannot be used, after retries; also a list whose rows
   * the table or --sort-by would hold past what the heap leaves them.
   */
  public static final int API = 4;

  /** Network failure or timeout. */
  public static final int NETWORK = 5;

  /** {@code check}: the response departs from the contract (the findings are printed). */
  public static final int DRIFT = 6;

  private ExitCodes() {}

  /** The exit code for a failure. */
  public static int of(Throwable failure) {
    if (failure instanceof PhalaInvalidInputException) {
      return USAGE;
    }
    if (failure instanceof UnauthorizedException || failure instanceof PermissionDeniedException) {
      return AUTH;
    }
    if (failure instanceof PhalaServiceException
        || failure instanceof PhalaInvalidDataException
        || failure instanceof TooLargeToHoldException) {
      return API;
    }
    if (failure instanceof PhalaIoException) {
      return NETWORK;
    }
    return INTERNAL;
  }
}
