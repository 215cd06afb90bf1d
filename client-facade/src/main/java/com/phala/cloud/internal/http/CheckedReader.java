package com.phala.cloud.internal.http;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * A body whose every read first asks {@link Check} whether reading may go on: before the read, when
 * the read fails, and at an end of the body (a cancelled call may look like one). The deadline of a
 * stream and the close of its client are both checks of this kind.
 */
final class CheckedReader extends FilterReader {
  /** Throws when reading must stop; {@code cause} is the read's failure, or {@code null}. */
  @FunctionalInterface
  interface Check {
    void check(IOException cause) throws IOException;
  }

  private final Check check;

  CheckedReader(Reader body, Check check) {
    super(body);
    this.check = check;
  }

  @Override
  public int read() throws IOException {
    char[] one = new char[1];
    return read(one, 0, 1) == -1 ? -1 : one[0];
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    check.check(null);
    int read;
    try {
      read = super.read(buffer, offset, length);
    } catch (IOException failure) {
      check.check(failure);
      throw failure;
    }
    if (read == -1) {
      check.check(null);
    }
    return read;
  }
}
