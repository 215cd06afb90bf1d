package com.phala.cloud.internal.json;

import java.nio.charset.StandardCharsets;

/**
 * The small whole numbers one parser has seen, so a listing's repeated sizes, ports and counts
 * ({@code 4}, {@code 8192}, {@code 443} in every CVM) share one {@link JsonNumber} instead of
 * allocating three objects each time. {@link JsonNumber} is immutable, so sharing is safe; only
 * plain non-negative integers of up to six digits are kept, whose text and value determine each
 * other (timestamps and ids, which rarely repeat, are not). Direct-mapped, so a clash simply
 * replaces the older number. One per parser: nothing is shared between threads.
 */
final class RecentNumbers {
  private static final int MAX_DIGITS = 6;
  private static final int SLOTS = 64;

  private JsonNumber[] numbers;
  private int[] values;

  /** The number whose valid JSON text is {@code bytes[start..end)}, shared when it is small. */
  JsonNumber get(byte[] bytes, int start, int end) {
    int length = end - start;
    if (length > MAX_DIGITS) {
      return create(bytes, start, length);
    }
    int value = 0;
    for (int i = start; i < end; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9) {
        return create(bytes, start, length); // a sign, a fraction or an exponent
      }
      value = value * 10 + digit;
    }
    if (numbers == null) {
      numbers = new JsonNumber[SLOTS];
      values = new int[SLOTS];
    }
    int slot = value & (SLOTS - 1);
    JsonNumber number = numbers[slot];
    if (number == null || values[slot] != value) {
      number = create(bytes, start, length);
      numbers[slot] = number;
      values[slot] = value;
    }
    return number;
  }

  private static JsonNumber create(byte[] bytes, int start, int length) {
    return new JsonNumber(new String(bytes, start, length, StandardCharsets.ISO_8859_1));
  }
}
