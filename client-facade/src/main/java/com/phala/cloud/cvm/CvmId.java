package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.regex.Pattern;

/**
 * The hashed id of a CVM, such as {@code cvm_0123abcd}: valid when it matches the contract's {@link
 * #PATTERN}.
 */
public final class CvmId extends HashedId {
  /** The prefix every CVM id starts with. */
  public static final String PREFIX = "cvm_";

  /**
   * The contract's pattern for this id (its schema's {@code pattern}, such as {@code ^cvm_.+}),
   * generated from the spec: the one rule {@link #parse}, {@link #isValid} and the views apply.
   */
  public static final String PATTERN = IdPatterns.of(CvmId.class.getSimpleName());

  private static final Pattern RULE = Pattern.compile(PATTERN);

  private CvmId(String value) {
    super(value);
  }

  /**
   * Parses a CVM id.
   *
   * @throws PhalaInvalidInputException if {@code value} does not match {@link #PATTERN}
   */
  public static CvmId parse(String value) {
    return parse(value, "A CVM id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static CvmId parse(String value, String what) {
    return new CvmId(require(value, RULE, what, PREFIX + "0123abcd"));
  }

  /** Whether {@code value} is a valid CVM id: it matches {@link #PATTERN}. */
  public static boolean isValid(String value) {
    return matches(value, RULE);
  }
}
