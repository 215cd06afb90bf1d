package com.phala.cloud.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number kept as the exact text it was received in, so writing it back out gives the same
 * digits (1769815500123 stays 1769815500123, 1.50 stays 1.50). Converted only when asked.
 */
public final class JsonNumber extends Number {
  private static final long serialVersionUID = 1L;

  /** The longest text {@link #longValueExact()} and {@link #intValueExact()} will parse. */
  static final int MAX_EXACT_LENGTH = 64;

  private final String text;

  /** Wraps a number literal as JSON wrote it. */
  public JsonNumber(String text) {
    this.text = text;
  }

  /**
   * The value as a {@code long}, or throws {@link ArithmeticException} if it is not a whole number
   * in range.
   */
  public long longValueExact() {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notPlain) {
      return exact().longValueExact();
    }
  }

  /**
   * The value as an {@code int}, or throws {@link ArithmeticException} if it is not a whole number
   * in range.
   */
  public int intValueExact() {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException notPlain) {
      return exact().intValueExact();
    }
  }

  /**
   * The value for an exact conversion to a whole number. Parsing a decimal takes time quadratic in
   * its length, and no number written with more than {@value #MAX_EXACT_LENGTH} characters is a
   * {@code long} in any sane form, so a longer one (a hostile body) is refused at once.
   */
  private BigDecimal exact() {
    if (text.length() > MAX_EXACT_LENGTH) {
      throw new ArithmeticException(
          "a number of " + text.length() + " characters is not a whole number in range");
    }
    return new BigDecimal(text);
  }

  /** The exact value. */
  public BigDecimal bigDecimalValue() {
    return new BigDecimal(text);
  }

  /** The value as a whole number, or throws {@link ArithmeticException} if it has a fraction. */
  public BigInteger bigIntegerValueExact() {
    return new BigDecimal(text).toBigIntegerExact();
  }

  @Override
  public int intValue() {
    return bigDecimalValue().intValue();
  }

  @Override
  public long longValue() {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notPlain) {
      return bigDecimalValue().longValue();
    }
  }

  @Override
  public float floatValue() {
    return Float.parseFloat(text);
  }

  @Override
  public double doubleValue() {
    return Double.parseDouble(text);
  }

  /** The number exactly as received. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JsonNumber && ((JsonNumber) other).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
