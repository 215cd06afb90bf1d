package com.phala.cloud;

import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaInvalidInputException;

/**
 * What one response may cost to read, so that no server (or proxy, or attacker in between) can
 * exhaust the caller's memory or time. Past a limit, reading stops with a {@link
 * PhalaInvalidDataException} that names the limit, the JSON path and the builder option that raises
 * it. The defaults are far above what any real account sends.
 *
 * @param maxNestingDepth how deeply objects and arrays may nest (default 1,000)
 * @param maxStringLength the longest string or member name, in characters (default 4,000,000)
 * @param maxNumberLength the longest number, in characters (default 1,000; Gson refuses numbers of
 *     1,024 characters or more whatever this says)
 * @param maxCvmChars the most characters one CVM may take (default 8,000,000)
 * @param maxListChars the most characters a whole list read into memory may take, counted after
 *     gzip is undone (default 64,000,000); streaming holds one CVM at a time and is bounded by
 *     {@code maxCvmChars} alone
 */
public record ResponseLimits(
    int maxNestingDepth,
    int maxStringLength,
    int maxNumberLength,
    long maxCvmChars,
    long maxListChars) {

  /** The limits a client has unless told otherwise. */
  public static final ResponseLimits DEFAULTS =
      new ResponseLimits(1_000, 4_000_000, 1_000, 8_000_000L, 64_000_000L);

  /** Checks that every limit is positive. */
  public ResponseLimits {
    positive("maxNestingDepth", maxNestingDepth);
    positive("maxStringLength", maxStringLength);
    positive("maxNumberLength", maxNumberLength);
    positive("maxCvmChars", maxCvmChars);
    positive("maxListChars", maxListChars);
  }

  private static void positive(String option, long value) {
    if (value < 1) {
      throw new PhalaInvalidInputException(option + " must be at least 1, but was " + value + ".");
    }
  }
}
