package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;

/**
 * The hashed id of a CVM: {@code cvm_} and letters and digits, for example {@code cvm_0123abcd}.
 */
public final class CvmId extends HashedId {
  /** The prefix every CVM id starts with. */
  public static final String PREFIX = "cvm_";

  private CvmId(String value) {
    super(value);
  }

  /**
   * Parses a CVM id.
   *
   * @throws PhalaInvalidInputException if {@code value} is not {@code cvm_} and 1 to 64 letters and
   *     digits
   */
  public static CvmId parse(String value) {
    return parse(value, "A CVM id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static CvmId parse(String value, String what) {
    return new CvmId(require(value, PREFIX, what));
  }

  /** Whether {@code value} is a well-formed CVM id. */
  public static boolean isValid(String value) {
    return isWellFormed(value, PREFIX);
  }
}
