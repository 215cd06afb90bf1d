package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;

/**
 * The hashed id of a workspace: {@code wks_} and letters and digits, for example {@code
 * wks_0123abcd}.
 */
public final class WorkspaceId extends HashedId {
  /** The prefix every workspace id starts with. */
  public static final String PREFIX = "wks_";

  private WorkspaceId(String value) {
    super(value);
  }

  /**
   * Parses a workspace id.
   *
   * @throws PhalaInvalidInputException if {@code value} is not {@code wks_} and 1 to 64 letters and
   *     digits
   */
  public static WorkspaceId parse(String value) {
    return parse(value, "A workspace id");
  }

  /** Parses a value that the caller names {@code what} in the error message. */
  public static WorkspaceId parse(String value, String what) {
    return new WorkspaceId(require(value, PREFIX, what));
  }

  /** Whether {@code value} is a well-formed workspace id. */
  public static boolean isValid(String value) {
    return isWellFormed(value, PREFIX);
  }
}
