package com.phala.cloud.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes characters through while keeping the first and the most recent few, so an error can
 * show what was received around the point it broke without holding the whole body.
 */
final class SnippetReader extends FilterReader {
  private static final int KEEP = 160;

  private final StringBuilder head = new StringBuilder(KEEP);
  private final char[] tail = new char[KEEP];
  private long total;
  private IOException sourceFailure;

  SnippetReader(Reader in) {
    super(in);
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int count;
    try {
      count = super.read(buffer, offset, length);
    } catch (IOException failure) {
      sourceFailure = failure;
      throw failure;
    }
    for (int i = 0; i < count; i++) {
      char c = buffer[offset + i];
      if (head.length() < KEEP) {
        head.append(c);
      }
      tail[(int) (total % KEEP)] = c;
      total++;
    }
    return count;
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    return read(one, 0, 1) < 0 ? -1 : one[0];
  }

  /**
   * Whether {@code failure} came from the underlying stream (the network) rather than from the
   * JSON parser reading it: an {@link java.io.EOFException} can be either.
   */
  boolean failedWith(IOException failure) {
    return failure == sourceFailure;
  }

  /** The start of the body, or "..." and the last characters read when the body is longer. */
  String snippet() {
    String text;
    if (total <= 2L * KEEP) {
      text = head.toString() + (total > KEEP ? tailText((int) (total - KEEP)) : "");
    } else {
      text = "..." + tailText(KEEP);
    }
    StringBuilder printable = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      printable.append(Character.isISOControl(c) ? ' ' : c);
    }
    return printable.toString().trim();
  }

  private String tailText(int count) {
    StringBuilder out = new StringBuilder(count);
    for (long i = total - count; i < total; i++) {
      out.append(tail[(int) (i % KEEP)]);
    }
    return out.toString();
  }
}
