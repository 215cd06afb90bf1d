package com.phala.cloud.internal;

import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.json.JsonArrayNode;
import com.phala.cloud.internal.json.JsonNumber;
import com.phala.cloud.internal.json.JsonObjectNode;
import com.phala.cloud.internal.json.Utf8JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;

/**
 * {@link CvmReader} over a UTF-8 byte stream, with {@link Utf8JsonParser}: the fast path every
 * listing takes. Same contract and JSON paths as the {@code Reader}-based {@link CvmArrayReader},
 * and the same kinds of message ("an object where a JSON array of CVMs belongs", "ended in the
 * middle of the JSON", "more data after the array"), with the parser's own detail for malformed
 * JSON instead of Gson's.
 */
public final class Utf8CvmArrayReader implements CvmReader {
  private final Utf8JsonParser parser;
  private boolean started;

  /** A ',' (or the '[') was consumed and an item follows. */
  private boolean ready;

  private boolean finished;
  private int index;

  /** The first invalid data found; the parser's state after it means nothing, so it is final. */
  private PhalaInvalidDataException failure;

  /**
   * Masks the credential in what it reports, for a body {@link Redaction#tag(InputStream) tagged}
   * with one.
   */
  private final Redaction redaction;

  /** A reader over {@code body}, which must be UTF-8 JSON; it closes it when closed. */
  public Utf8CvmArrayReader(InputStream body) {
    this(body, Utf8JsonParser.DEFAULT_BUFFER_SIZE);
  }

  /** A reader with its own buffer size, for tests. */
  Utf8CvmArrayReader(InputStream body, int bufferSize) {
    this.parser = new Utf8JsonParser(body, bufferSize);
    this.redaction = Redaction.of(body);
  }

  @Override
  public boolean hasNext() throws IOException {
    if (failure != null) {
      throw failure;
    }
    try {
      return advance();
    } catch (PhalaInvalidDataException e) {
      failure = (PhalaInvalidDataException) redaction.scrub(e);
      throw failure;
    }
  }

  /** {@link #hasNext()}, without the bookkeeping of failures. */
  private boolean advance() throws IOException {
    if (finished) {
      return false;
    }
    if (ready) {
      return true;
    }
    int b = parser.peek();
    if (!started) {
      if (b != '[') {
        throw notAn("a JSON array of CVMs", b);
      }
      parser.beginArray();
      started = true;
      b = parser.peek();
      if (b != ']') {
        ready = true;
        return true;
      }
    } else if (b == ',') {
      parser.skip();
      b = parser.peek();
      if (b == ']' || b < 0) {
        throw parser.unexpected(b, "a CVM after ','");
      }
      ready = true;
      return true;
    } else if (b != ']') {
      throw parser.unexpected(b, "',' or ']' after a CVM");
    }
    parser.endArray();
    if (parser.peek() >= 0) {
      throw parser.invalid("The API sent more data after the array of CVMs");
    }
    finished = true;
    return false;
  }

  @Override
  public JsonObjectNode next() throws IOException {
    if (!hasNext()) {
      throw new NoSuchElementException("No more CVMs");
    }
    try {
      int b = parser.peek();
      if (b != '{') {
        throw notAn("a CVM object", b);
      }
      JsonObjectNode object = parser.readObject();
      parser.itemRead();
      index++;
      ready = false;
      return object;
    } catch (PhalaInvalidDataException e) {
      failure = (PhalaInvalidDataException) redaction.scrub(e);
      throw failure;
    }
  }

  @Override
  public PhalaException scrub(PhalaException failure) {
    return redaction.scrub(failure);
  }

  @Override
  public int index() {
    return index;
  }

  /**
   * Something other than {@code expected} starts at {@code first}. The value is read first, so a
   * malformed one is reported as malformed JSON rather than named by its first byte.
   */
  private PhalaInvalidDataException notAn(String expected, int first) throws IOException {
    if (first < 0) {
      return started
          ? parser.truncated()
          : parser.invalid("The API sent an empty body where " + expected + " belongs");
    }
    Object value = parser.readValue();
    return parser.invalid("The API sent " + describe(value) + " where " + expected + " belongs");
  }

  private static String describe(Object value) {
    if (value instanceof JsonObjectNode) {
      return "an object";
    } else if (value instanceof JsonArrayNode) {
      return "an array";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof JsonNumber) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    }
    return "null";
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
