package com.phala.cloud.errors;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One way a JSON object the API sent breaks the contract ({@code openapi/phala-cloud.yaml}): where
 * ({@link #path()}, such as {@code $[1].hosted.name}), what kind of problem ({@link #kind()}), and
 * the message {@link com.phala.cloud.cvm.ApiObject#validate()} gives for it ({@link #message()}).
 * {@link com.phala.cloud.cvm.ApiObject#problems()} lists them; {@code validate()} is the same list
 * as messages, so the two never disagree.
 *
 * <p>A value: equal when path, kind and message are. A class rather than a record, so that what a
 * problem carries can grow without breaking a caller.
 */
public final class ContractProblem {
  /** An array index in a path. */
  private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

  /** What is wrong with a value. */
  public enum Kind {
    /** A required member is absent. */
    MISSING,
    /** A member is JSON {@code null} where the contract does not allow it. */
    NULL,
    /** A member has the wrong JSON type (a string where an integer belongs, ...). */
    WRONG_TYPE,
    /** A hashed id ({@code prj_...}, {@code cvm_...}) does not match the contract's pattern. */
    MALFORMED_ID,
    /** A string is not one of the values of a closed enum of the contract. */
    NOT_IN_ENUM,
    /**
     * A value of the right JSON type the contract's format refuses: a date-time, duration or
     * decimal that does not parse, an integer out of range.
     */
    INVALID_VALUE
  }

  private final String path;
  private final Kind kind;
  private final String message;

  /**
   * A problem; every argument is required.
   *
   * @param path the JSON path of the offending value, indexes included
   * @param kind what is wrong
   * @param message a one-line description naming the path, bounded in length
   */
  public ContractProblem(String path, Kind kind, String message) {
    this.path = Objects.requireNonNull(path, "path");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.message = Objects.requireNonNull(message, "message");
  }

  /** The JSON path of the offending value, indexes included ({@code $[1].hosted.name}). */
  public String path() {
    return path;
  }

  /** What is wrong. */
  public Kind kind() {
    return kind;
  }

  /** A one-line description naming the path, bounded in length. */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ContractProblem that
        && that.path.equals(path)
        && that.kind == kind
        && that.message.equals(message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, kind, message);
  }

  /**
   * {@link #path()} with every array index replaced by {@code *} ({@code $[3].hosted.ports[0].x} is
   * {@code $[*].hosted.ports[*].x}): the same problem on many items has one general path.
   */
  public String generalPath() {
    return generalize(path);
  }

  /** {@code path} with every array index replaced by {@code *}. */
  public static String generalize(String path) {
    return INDEX.matcher(path).replaceAll("[*]");
  }

  /** The message. */
  @Override
  public String toString() {
    return message;
  }
}
