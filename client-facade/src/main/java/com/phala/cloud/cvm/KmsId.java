package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.regex.Pattern;

/**
 * The hashed id of a key management service (KMS), such as {@code kms_0123abcd}: valid when it
 * matches the contract's {@link #PATTERN}.
 */
public final class KmsId extends HashedId {
  /** The prefix every KMS id starts with. */
  public static final String PREFIX = "kms_";

  /**
   * The contract's pattern for this id (its schema's {@code pattern}, such as {@code ^kms_.+}),
   * generated from the spec: the one rule {@link #parse}, {@link #isValid} and the views apply.
   */
  public static final String PATTERN = IdPatterns.of(KmsId.class.getSimpleName());

  private static final Pattern RULE = Pattern.compile(PATTERN);

  private KmsId(String value) {
    super(value);
  }

  /**
   * Parses a KMS id.
   *
   * @throws PhalaInvalidInputException if {@code value} does not match {@link #PATTERN}
   */
  public static KmsId parse(String value) {
    return parse(value, "A KMS id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static KmsId parse(String value, String what) {
    return new KmsId(require(value, RULE, what, PREFIX + "0123abcd"));
  }

  /** Whether {@code value} is a valid KMS id: it matches {@link #PATTERN}. */
  public static boolean isValid(String value) {
    return matches(value, RULE);
  }
}
