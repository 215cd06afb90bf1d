package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.regex.Pattern;

/**
 * The hashed id of a workspace, such as {@code wks_0123abcd}: valid when it matches the contract's
 * {@link #PATTERN}.
 */
public final class WorkspaceId extends HashedId {
  /** The prefix every workspace id starts with. */
  public static final String PREFIX = "wks_";

  /**
   * The contract's pattern for this id (its schema's {@code pattern}, such as {@code ^wks_.+}),
   * generated from the spec: the one rule {@link #parse}, {@link #isValid} and the views apply.
   */
  public static final String PATTERN = IdPatterns.of(WorkspaceId.class.getSimpleName());

  private static final Pattern RULE = Pattern.compile(PATTERN);

  private WorkspaceId(String value) {
    super(value);
  }

  /**
   * Parses a workspace id.
   *
   * @throws PhalaInvalidInputException if {@code value} does not match {@link #PATTERN}
   */
  public static WorkspaceId parse(String value) {
    return parse(value, "A workspace id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static WorkspaceId parse(String value, String what) {
    return new WorkspaceId(require(value, RULE, what, PREFIX + "0123abcd"));
  }

  /** Whether {@code value} is a valid workspace id: it matches {@link #PATTERN}. */
  public static boolean isValid(String value) {
    return matches(value, RULE);
  }
}
