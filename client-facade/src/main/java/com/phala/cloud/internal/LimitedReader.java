package com.phala.cloud.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes characters through while counting them, in all and since the current item started, and
 * stops with {@link LimitExceeded} past either limit: what bounds the memory a hostile body (a
 * string of hundreds of megabytes, a gzip bomb) can take before the JSON reader sees its end.
 */
final class LimitedReader extends FilterReader {
  private final long maxTotal;
  private final long maxItem;
  private long total;
  private long itemStart;

  LimitedReader(Reader in, long maxTotal, long maxItem) {
    super(in);
    this.maxTotal = maxTotal;
    this.maxItem = maxItem;
  }

  /**
   * Starts counting a new item. The JSON reader's buffer (1,024 characters) may already hold its
   * start, so the item limit is exact to within that.
   */
  void startItem() {
    itemStart = total;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    int count = super.read(buffer, offset, length);
    if (count > 0) {
      total += count;
      if (total > maxTotal) {
        throw new LimitExceeded("maxListChars", maxTotal, "characters in the whole list");
      }
      if (total - itemStart > maxItem) {
        throw new LimitExceeded("maxCvmChars", maxItem, "characters in one CVM");
      }
    }
    return count;
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    return read(one, 0, 1) < 0 ? -1 : one[0];
  }
}
