package com.phala.cloud.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time ("SIMD within a register"): the parser's scans over strings and its
 * member-name comparisons read a {@code long} per step instead of a byte, which is most of what
 * makes string-heavy JSON fast without vector instructions.
 */
final class Swar {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long SPACES = 0x2020202020202020L;

  private Swar() {}

  /** The eight bytes at {@code bytes[i..i + 8)}, the first in the lowest bits. */
  static long longAt(byte[] bytes, int i) {
    return (long) LONGS.get(bytes, i);
  }

  /** The four bytes at {@code bytes[i..i + 4)}, the first in the lowest bits. */
  static int intAt(byte[] bytes, int i) {
    return (int) INTS.get(bytes, i);
  }

  /**
   * The index of the first byte in {@code bytes[i..end)} that ends a run of plain string content: a
   * quote, a backslash, a control character or a byte of a multi-byte UTF-8 sequence (>= 0x80);
   * {@code end} when there is none.
   */
  static int skipPlainString(byte[] bytes, int i, int end) {
    for (; i <= end - 8; i += 8) {
      long stops = stringStops(longAt(bytes, i));
      if (stops != 0) {
        return i + (Long.numberOfTrailingZeros(stops) >>> 3);
      }
    }
    for (; i < end; i++) {
      byte c = bytes[i];
      if (c < 0x20 || c == '"' || c == '\\') { // c < 0x20 includes bytes >= 0x80, negative in Java
        return i;
      }
    }
    return end;
  }

  /**
   * The high bit set in the lowest byte of {@code word} that {@link #skipPlainString} stops at
   * (bits for later bytes may be wrong, which does not matter: only the lowest is used). A byte is
   * flagged when it equals '"' or '\\' (it XORs to zero, and zero minus one borrows), when it is
   * below 0x20 (minus 0x20 borrows), or when its own high bit is set. Plain bytes before it borrow
   * nothing, so they cannot flag it falsely.
   */
  private static long stringStops(long word) {
    long quote = word ^ QUOTES;
    long backslash = word ^ BACKSLASHES;
    return ((quote - ONES) & ~quote | (backslash - ONES) & ~backslash | (word - SPACES) | word)
        & HIGH_BITS;
  }

  /**
   * Whether {@code a[0..length)} equals {@code b[start..start + length)}; both hold at least that
   * many bytes.
   */
  static boolean equalBytes(byte[] a, byte[] b, int start, int length) {
    if (length >= 8) {
      int last = length - 8;
      for (int i = 0; i < last; i += 8) {
        if (longAt(a, i) != longAt(b, start + i)) {
          return false;
        }
      }
      return longAt(a, last) == longAt(b, start + last); // overlaps the previous word; that is fine
    }
    if (length >= 4) {
      return intAt(a, 0) == intAt(b, start) && intAt(a, length - 4) == intAt(b, start + length - 4);
    }
    for (int i = 0; i < length; i++) {
      if (a[i] != b[start + i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash of {@code bytes[start..start + length)} from its first and last words and its length:
   * cheap, and good enough to spread member names over a table (names that share both ends and the
   * length merely probe further).
   */
  static int hash(byte[] bytes, int start, int length) {
    long h;
    if (length >= 8) {
      h = longAt(bytes, start) * 0x9E3779B97F4A7C15L + longAt(bytes, start + length - 8);
    } else if (length >= 4) {
      h = (long) intAt(bytes, start) << 32 ^ (intAt(bytes, start + length - 4) & 0xFFFFFFFFL);
    } else {
      h = 0;
      for (int i = 0; i < length; i++) {
        h = h << 8 | (bytes[start + i] & 0xFF);
      }
    }
    h = (h + length) * 0xC2B2AE3D27D4EB4FL;
    return (int) (h >>> 32);
  }
}
