package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.internal.PlainText;
import java.util.regex.Pattern;

/**
 * A Phala hashed id, such as {@code prj_0123abcd}. What is a valid id is the contract's rule and
 * only that: the {@code pattern} of the id's schema in {@code openapi/phala-cloud.yaml} (such as
 * {@code ^prj_.+}), generated into each id type's {@code PATTERN} and matched as JSON Schema does
 * (anywhere in the value, so a pattern anchors itself with {@code ^} and {@code $}). The views'
 * accessors and the id types' {@code parse} and {@code isValid} apply the same pattern. Subclasses
 * are values: equal when their wire strings are, and {@link #toString()} gives the wire string.
 */
public abstract class HashedId {
  /**
   * The longest hash this library once accepted after the prefix.
   *
   * @deprecated no longer enforced: the contract's pattern is the one rule (see the class comment)
   */
  @Deprecated public static final int MAX_BODY_LENGTH = 64;

  private final String value;

  HashedId(String value) {
    this.value = value;
  }

  /** Whether {@code value} matches {@code pattern}, as JSON Schema's {@code pattern} does. */
  static boolean matches(String value, Pattern pattern) {
    return value != null && pattern.matcher(value).find();
  }

  /**
   * Checks {@code value} against {@code pattern}, or throws an exception naming {@code what}, the
   * pattern and an {@code example}.
   */
  static String require(String value, Pattern pattern, String what, String example) {
    if (!matches(value, pattern)) {
      throw new PhalaInvalidInputException(
          what
              + " must match the contract's pattern "
              + pattern.pattern()
              + " (for example "
              + example
              + "), but was "
              + PlainText.quoted(value)
              + ".");
    }
    return value;
  }

  /** The id as the API writes it. */
  @Override
  public final String toString() {
    return value;
  }

  @Override
  public final boolean equals(Object other) {
    return other != null
        && other.getClass() == getClass()
        && ((HashedId) other).value.equals(value);
  }

  @Override
  public final int hashCode() {
    return value.hashCode();
  }
}
