package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;

/**
 * The hashed id of a user: {@code usr_} and letters and digits, for example {@code usr_0123abcd}.
 */
public final class UserId extends HashedId {
  /** The prefix every user id starts with. */
  public static final String PREFIX = "usr_";

  private UserId(String value) {
    super(value);
  }

  /**
   * Parses a user id.
   *
   * @throws PhalaInvalidInputException if {@code value} is not {@code usr_} and 1 to 64 letters and
   *     digits
   */
  public static UserId parse(String value) {
    return parse(value, "A user id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static UserId parse(String value, String what) {
    return new UserId(require(value, PREFIX, what));
  }

  /** Whether {@code value} is a well-formed user id. */
  public static boolean isValid(String value) {
    return isWellFormed(value, PREFIX);
  }
}
