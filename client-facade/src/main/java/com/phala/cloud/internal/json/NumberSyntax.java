package com.phala.cloud.internal.json;

/**
 * JSON's number grammar (RFC 8259 section 6), checked on raw bytes: {@code -? (0 | [1-9][0-9]*)
 * (.[0-9]+)? ([eE][+-]?[0-9]+)?}. So {@code 01}, {@code 1.}, {@code .5}, {@code +1} and a lone
 * {@code -} are refused, and {@code -0}, {@code 1.50} and {@code 1e400} pass as written.
 */
final class NumberSyntax {
  private NumberSyntax() {}

  /** Whether {@code bytes[start..end)} is exactly one JSON number. */
  static boolean isValid(byte[] bytes, int start, int end) {
    int i = start;
    if (i < end && bytes[i] == '-') {
      i++;
    }
    if (i == end) {
      return false;
    }
    if (bytes[i] == '0') {
      i++;
    } else if (isDigit(bytes[i])) {
      i = digits(bytes, i, end);
    } else {
      return false;
    }
    if (i < end && bytes[i] == '.') {
      int fraction = i + 1;
      i = digits(bytes, fraction, end);
      if (i == fraction) {
        return false;
      }
    }
    if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
      i++;
      if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
        i++;
      }
      int exponent = i;
      i = digits(bytes, exponent, end);
      if (i == exponent) {
        return false;
      }
    }
    return i == end;
  }

  private static int digits(byte[] bytes, int i, int end) {
    while (i < end && isDigit(bytes[i])) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
