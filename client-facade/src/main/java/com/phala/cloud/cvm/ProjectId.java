package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.regex.Pattern;

/**
 * The hashed id of a project, such as {@code prj_0123abcd}: valid when it matches the contract's
 * {@link #PATTERN}.
 */
public final class ProjectId extends HashedId {
  /** The prefix every project id starts with. */
  public static final String PREFIX = "prj_";

  /**
   * The contract's pattern for this id (its schema's {@code pattern}, such as {@code ^prj_.+}),
   * generated from the spec: the one rule {@link #parse}, {@link #isValid} and the views apply.
   */
  public static final String PATTERN = IdPatterns.of(ProjectId.class.getSimpleName());

  private static final Pattern RULE = Pattern.compile(PATTERN);

  private ProjectId(String value) {
    super(value);
  }

  /**
   * Parses a project id.
   *
   * @throws PhalaInvalidInputException if {@code value} does not match {@link #PATTERN}
   */
  public static ProjectId parse(String value) {
    return parse(value, "A project id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static ProjectId parse(String value, String what) {
    return new ProjectId(require(value, RULE, what, PREFIX + "0123abcd"));
  }

  /** Whether {@code value} is a valid project id: it matches {@link #PATTERN}. */
  public static boolean isValid(String value) {
    return matches(value, RULE);
  }
}
