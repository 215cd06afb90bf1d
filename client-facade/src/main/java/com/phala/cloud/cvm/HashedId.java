package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.internal.PlainText;

/**
 * A Phala hashed id: a type prefix ({@code prj_}, {@code usr_}, {@code kms_}) and 1 to {@value
 * #MAX_BODY_LENGTH} letters and digits. Subclasses are values: equal when their wire strings are,
 * and {@link #toString()} gives the wire string.
 */
public abstract class HashedId {
  /** The longest hash accepted after the prefix; real ids are far shorter. */
  public static final int MAX_BODY_LENGTH = 64;

  private final String value;

  HashedId(String value) {
    this.value = value;
  }

  /** Whether {@code value} is {@code prefix} followed by 1 to 64 ASCII letters and digits. */
  static boolean isWellFormed(String value, String prefix) {
    if (value == null || !value.startsWith(prefix)) {
      return false;
    }
    int bodyLength = value.length() - prefix.length();
    if (bodyLength < 1 || bodyLength > MAX_BODY_LENGTH) {
      return false;
    }
    for (int i = prefix.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      boolean letterOrDigit =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!letterOrDigit) {
        return false;
      }
    }
    return true;
  }

  /** Checks {@code value}, or throws an exception naming {@code what} and the accepted form. */
  static String require(String value, String prefix, String what) {
    if (!isWellFormed(value, prefix)) {
      throw new PhalaInvalidInputException(
          what
              + " must be '"
              + prefix
              + "' followed by 1 to "
              + MAX_BODY_LENGTH
              + " letters and digits (for example "
              + prefix
              + "0123abcd), but was "
              + describe(value)
              + ".");
    }
    return value;
  }

  /** A value quoted for an error message, shortened so hostile input cannot flood it. */
  static String describe(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return "'" + PlainText.replaceHidden(shown, '?') + "'";
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
