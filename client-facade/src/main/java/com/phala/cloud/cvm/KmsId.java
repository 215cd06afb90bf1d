package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;

/**
 * The hashed id of a key management service (KMS): {@code kms_} and letters and digits, for example
 * {@code kms_0123abcd}.
 */
public final class KmsId extends HashedId {
  /** The prefix every KMS id starts with. */
  public static final String PREFIX = "kms_";

  private KmsId(String value) {
    super(value);
  }

  /**
   * Parses a KMS id.
   *
   * @throws PhalaInvalidInputException if {@code value} is not {@code kms_} and 1 to 64 letters and
   *     digits
   */
  public static KmsId parse(String value) {
    return parse(value, "A KMS id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static KmsId parse(String value, String what) {
    return new KmsId(require(value, PREFIX, what));
  }

  /** Whether {@code value} is a well-formed KMS id. */
  public static boolean isValid(String value) {
    return isWellFormed(value, PREFIX);
  }
}
