package com.phala.cloud.internal.json;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte buffer under {@link Utf8JsonParser}: reads an {@link InputStream} in chunks into one
 * array the parser scans directly, and remembers the start of the body and the bytes most recently
 * dropped from the buffer, so an error can show what was received up to where it broke without
 * holding the whole body.
 *
 * <p>A token that does not fit in what is left of the buffer is moved to the front before the next
 * read, and the buffer doubles when a single token is larger than all of it; so the parser's
 * scanning loops only ever deal with one contiguous array.
 */
abstract class ByteInput implements Closeable {
  /** Bytes kept at the start of the body and before the error for a snippet. */
  private static final int KEEP = 160;

  /** Bytes after the error shown in a snippet, when they have been read already. */
  private static final int AFTER = 40;

  private final InputStream in;

  /** The bytes read and not yet dropped: {@code buf[0..limit)}. */
  byte[] buf;

  /** The next byte to parse; everything before it may be dropped by the next {@link #fill()}. */
  int pos;

  /** The end of the bytes read so far. */
  int limit;

  /** Whether the stream said it has no more bytes (it is not asked again). */
  private boolean ended;

  /** How many bytes were dropped from the front of the buffer so far (the offset of buf[0]). */
  private long dropped;

  private final byte[] head = new byte[KEEP];
  private final byte[] tail = new byte[KEEP];
  private int tailLength;

  ByteInput(InputStream in, int bufferSize) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("bufferSize must be at least 1, was " + bufferSize);
    }
    this.in = in;
    this.buf = new byte[bufferSize];
  }

  /**
   * Reads more bytes, keeping {@code buf[pos..limit)}: they move to the front when bytes before
   * them can be dropped, and the buffer grows when they fill all of it. Returns how far the kept
   * bytes moved (subtract it from any index held into the buffer). Afterwards {@code limit} is
   * unchanged, apart from that shift, only at the end of the input.
   */
  final int fill() throws IOException {
    int shift = pos;
    if (shift > 0) {
      remember(shift);
      System.arraycopy(buf, shift, buf, 0, limit - shift);
      limit -= shift;
      pos = 0;
      dropped += shift;
    } else if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    if (!ended) {
      int count;
      do {
        count = in.read(buf, limit, buf.length - limit);
      } while (count == 0);
      if (count > 0) {
        limit += count;
      } else {
        ended = true;
      }
    }
    return shift;
  }

  /**
   * Makes {@code buf[pos..pos + count)} available, reading as needed; false when the input ends
   * first.
   */
  final boolean require(int count) throws IOException {
    while (limit - pos < count) {
      int before = limit - pos;
      fill();
      if (limit - pos == before) {
        return false;
      }
    }
    return true;
  }

  /** Whether these are the body's very first bytes (for a byte order mark). */
  final boolean atStartOfBody() {
    return dropped == 0 && pos == 0;
  }

  /** Keeps the first and the last {@link #KEEP} of the {@code count} bytes about to be dropped. */
  private void remember(int count) {
    if (dropped < KEEP) {
      System.arraycopy(buf, 0, head, (int) dropped, (int) Math.min(KEEP - dropped, count));
    }
    if (count >= KEEP) {
      System.arraycopy(buf, count - KEEP, tail, 0, KEEP);
      tailLength = KEEP;
    } else {
      int keep = Math.min(tailLength, KEEP - count);
      System.arraycopy(tail, tailLength - keep, tail, 0, keep);
      System.arraycopy(buf, 0, tail, keep, count);
      tailLength = keep + count;
    }
  }

  /**
   * What was received up to {@code buf[end]} (exclusive) and up to {@value #AFTER} bytes after it
   * that are already buffered: all of it when short, else the start of the body, or "..." and the
   * last bytes. Decoded as UTF-8 with replacement characters, control characters shown as spaces,
   * so it is always printable.
   */
  final String snippet(int end) {
    // A little of what follows the break, when it is already buffered, shows what went wrong.
    long total = dropped + Math.min(limit, end + AFTER);
    byte[] bytes;
    String prefix = "";
    if (total <= 2L * KEEP) {
      bytes = new byte[(int) total];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = byteAt(i);
      }
    } else {
      prefix = "...";
      bytes = new byte[KEEP];
      for (int i = 0; i < KEEP; i++) {
        bytes[i] = byteAt(total - KEEP + i);
      }
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    StringBuilder printable = new StringBuilder(prefix.length() + text.length()).append(prefix);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      printable.append(Character.isISOControl(c) ? ' ' : c);
    }
    return printable.toString().trim();
  }

  /** The body's byte at {@code offset}; only asked for the ones {@link #snippet} keeps. */
  private byte byteAt(long offset) {
    if (offset >= dropped) {
      return buf[(int) (offset - dropped)];
    }
    if (offset < KEEP) {
      return head[(int) offset];
    }
    return tail[(int) (tailLength - (dropped - offset))];
  }

  /** Closes the stream. */
  @Override
  public void close() throws IOException {
    in.close();
  }
}
