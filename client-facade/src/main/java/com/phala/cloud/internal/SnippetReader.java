package com.phala.cloud.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes characters through while keeping the first and the most recent few, so an error can show
 * what was received around the point it broke without holding the whole body. It copies per chunk
 * read, not per character: it sits on the hot path of every listing.
 */
final class SnippetReader extends FilterReader {
  private static final int KEEP = 160;

  private final char[] head = new char[KEEP];
  private int headLength;
  private final char[] tail = new char[KEEP];
  private int tailLength;
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
    if (count > 0) {
      if (headLength < KEEP) {
        int copy = Math.min(KEEP - headLength, count);
        System.arraycopy(buffer, offset, head, headLength, copy);
        headLength += copy;
      }
      if (count >= KEEP) {
        System.arraycopy(buffer, offset + count - KEEP, tail, 0, KEEP);
        tailLength = KEEP;
      } else {
        int keep = Math.min(tailLength, KEEP - count);
        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
        System.arraycopy(buffer, offset, tail, keep, count);
        tailLength = keep + count;
      }
      total += count;
    }
    return count;
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    return read(one, 0, 1) < 0 ? -1 : one[0];
  }

  /**
   * Whether {@code failure} came from the underlying stream (the network) rather than from the JSON
   * parser reading it: an {@link java.io.EOFException} can be either.
   */
  boolean failedWith(IOException failure) {
    return failure == sourceFailure;
  }

  /**
   * Whether the last {@value #KEEP} characters read are all digits: the middle of a very long
   * number.
   */
  boolean endsInDigits() {
    if (tailLength < KEEP) {
      return false;
    }
    for (int i = 0; i < tailLength; i++) {
      if (tail[i] < '0' || tail[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /** The start of the body, or "..." and the last characters read when the body is longer. */
  String snippet() {
    String text;
    if (total <= KEEP) {
      text = new String(head, 0, headLength);
    } else if (total <= 2L * KEEP) {
      int overlap = (int) (2L * KEEP - total);
      text = new String(head, 0, headLength) + new String(tail, overlap, tailLength - overlap);
    } else {
      text = "..." + new String(tail, 0, tailLength);
    }
    return PlainText.replaceHidden(text, ' ').trim();
  }
}
