package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.regex.Pattern;

/**
 * The hashed id of a user, such as {@code usr_0123abcd}: valid when it matches the contract's
 * {@link #PATTERN}.
 */
public final class UserId extends HashedId {
  /** The prefix every user id starts with. */
  public static final String PREFIX = "usr_";

  /**
   * The contract's pattern for this id (its schema's {@code pattern}, such as {@code ^usr_.+}),
   * generated from the spec: the one rule {@link #parse}, {@link #isValid} and the views apply.
   */
  public static final String PATTERN = IdPatterns.of(UserId.class.getSimpleName());

  private static final Pattern RULE = Pattern.compile(PATTERN);

  private UserId(String value) {
    super(value);
  }

  /**
   * Parses a user id.
   *
   * @throws PhalaInvalidInputException if {@code value} does not match {@link #PATTERN}
   */
  public static UserId parse(String value) {
    return parse(value, "A user id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static UserId parse(String value, String what) {
    return new UserId(require(value, RULE, what, PREFIX + "0123abcd"));
  }

  /** Whether {@code value} is a valid user id: it matches {@link #PATTERN}. */
  public static boolean isValid(String value) {
    return matches(value, RULE);
  }
}
