package com.phala.cloud.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The command's numeric options read as whole numbers, with a refusal in plain words ("a positive
 * whole number, such as 42") instead of picocli's Java type names ("'x' is not a long"). Ranges are
 * checked later, by the library's rules or the command's, which name the bounds.
 */
final class WholeNumbers {
  private WholeNumbers() {}

  /**
   * A number of seconds, retries or the like: any whole number here; the range is checked later.
   */
  static final class Count implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return parse(value, "a whole number, such as 5");
    }
  }

  /** {@code --max-retries}: a small whole number. */
  static final class SmallCount implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      long parsed = parse(value, "a whole number from 0 to 10");
      if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
        throw new TypeConversionException(
            "expected a whole number from 0 to 10, but was " + ListingOptions.quoted(value) + ".");
      }
      return (int) parsed;
    }
  }

  /** {@code --teepod-id}: a node's id. */
  static final class NodeId implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return parse(value, "a positive whole number (the node's id, such as 42)");
    }
  }

  private static long parse(String value, String expected) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException notANumber) {
      throw new TypeConversionException(
          "expected " + expected + ", but was " + ListingOptions.quoted(value) + ".");
    }
  }
}
