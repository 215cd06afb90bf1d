package com.phala.cloud;

import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.Objects;

/**
 * What one response may cost to read, so that no server (or proxy, or attacker in between) can
 * exhaust the caller's memory or time. Past a limit, reading stops with a {@link
 * PhalaInvalidDataException} that names the limit, the JSON path and the builder option that raises
 * it. The defaults are far above what any real account sends.
 *
 * <p>Immutable; made with {@link #builder()} (or {@link #toBuilder()} of another), so that a limit
 * added later breaks no caller.
 */
public final class ResponseLimits {
  /** The limits a client has unless told otherwise. */
  public static final ResponseLimits DEFAULTS =
      new ResponseLimits(1_000, 4_000_000, 1_000, 8_000_000L, 64_000_000L);

  private final int maxNestingDepth;
  private final int maxStringLength;
  private final int maxNumberLength;
  private final long maxCvmChars;
  private final long maxListChars;

  ResponseLimits(
      int maxNestingDepth,
      int maxStringLength,
      int maxNumberLength,
      long maxCvmChars,
      long maxListChars) {
    this.maxNestingDepth = positive("maxNestingDepth", maxNestingDepth);
    this.maxStringLength = positive("maxStringLength", maxStringLength);
    this.maxNumberLength = positive("maxNumberLength", maxNumberLength);
    this.maxCvmChars = positive("maxCvmChars", maxCvmChars);
    this.maxListChars = positive("maxListChars", maxListChars);
  }

  /** A builder that starts from {@link #DEFAULTS}. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  /** A builder that starts from these limits. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** How deeply objects and arrays may nest (default 1,000). */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /** The longest string or member name, in characters (default 4,000,000). */
  public int maxStringLength() {
    return maxStringLength;
  }

  /**
   * The longest number, in characters (default 1,000; Gson refuses numbers of 1,024 characters or
   * more whatever this says).
   */
  public int maxNumberLength() {
    return maxNumberLength;
  }

  /** The most characters one CVM may take (default 8,000,000). */
  public long maxCvmChars() {
    return maxCvmChars;
  }

  /**
   * The most characters a whole list read into memory may take, counted after gzip is undone
   * (default 64,000,000); streaming holds one CVM at a time and is bounded by {@link
   * #maxCvmChars()} alone.
   */
  public long maxListChars() {
    return maxListChars;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResponseLimits that
        && that.maxNestingDepth == maxNestingDepth
        && that.maxStringLength == maxStringLength
        && that.maxNumberLength == maxNumberLength
        && that.maxCvmChars == maxCvmChars
        && that.maxListChars == maxListChars;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        maxNestingDepth, maxStringLength, maxNumberLength, maxCvmChars, maxListChars);
  }

  @Override
  public String toString() {
    return "ResponseLimits{maxNestingDepth="
        + maxNestingDepth
        + ", maxStringLength="
        + maxStringLength
        + ", maxNumberLength="
        + maxNumberLength
        + ", maxCvmChars="
        + maxCvmChars
        + ", maxListChars="
        + maxListChars
        + "}";
  }

  private static int positive(String option, int value) {
    return (int) positive(option, (long) value);
  }

  private static long positive(String option, long value) {
    if (value < 1) {
      throw new PhalaInvalidInputException(option + " must be at least 1, but was " + value + ".");
    }
    return value;
  }

  /** Builds {@link ResponseLimits}; each setter checks its value when called. */
  public static final class Builder {
    private int maxNestingDepth;
    private int maxStringLength;
    private int maxNumberLength;
    private long maxCvmChars;
    private long maxListChars;

    private Builder(ResponseLimits from) {
      maxNestingDepth = from.maxNestingDepth;
      maxStringLength = from.maxStringLength;
      maxNumberLength = from.maxNumberLength;
      maxCvmChars = from.maxCvmChars;
      maxListChars = from.maxListChars;
    }

    /**
     * How deeply objects and arrays may nest.
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxNestingDepth(int depth) {
      maxNestingDepth = positive("maxNestingDepth", depth);
      return this;
    }

    /**
     * The longest string or member name, in characters.
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxStringLength(int chars) {
      maxStringLength = positive("maxStringLength", chars);
      return this;
    }

    /**
     * The longest number, in characters.
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxNumberLength(int chars) {
      maxNumberLength = positive("maxNumberLength", chars);
      return this;
    }

    /**
     * The most characters one CVM may take.
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxCvmChars(long chars) {
      maxCvmChars = positive("maxCvmChars", chars);
      return this;
    }

    /**
     * The most characters a whole list read into memory may take.
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxListChars(long chars) {
      maxListChars = positive("maxListChars", chars);
      return this;
    }

    /** The limits. */
    public ResponseLimits build() {
      return new ResponseLimits(
          maxNestingDepth, maxStringLength, maxNumberLength, maxCvmChars, maxListChars);
    }
  }
}
