package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;

/**
 * The hashed id of a project: {@code prj_} and letters and digits, for example {@code
 * prj_0123abcd}.
 */
public final class ProjectId extends HashedId {
  /** The prefix every project id starts with. */
  public static final String PREFIX = "prj_";

  private ProjectId(String value) {
    super(value);
  }

  /**
   * Parses a project id.
   *
   * @throws PhalaInvalidInputException if {@code value} is not {@code prj_} and 1 to 64 letters and
   *     digits
   */
  public static ProjectId parse(String value) {
    return parse(value, "A project id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static ProjectId parse(String value, String what) {
    return new ProjectId(require(value, PREFIX, what));
  }

  /** Whether {@code value} is a well-formed project id. */
  public static boolean isValid(String value) {
    return isWellFormed(value, PREFIX);
  }
}
