package com.phala.cloud.internal;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.phala.cloud.ResponseLimits;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.io.IOException;
import java.io.Reader;
import java.util.regex.Pattern;

/**
 * Reads a response body that must be a JSON array of objects, one object at a time, so a list of
 * any length passes in constant memory. Malformed JSON, anything but an array of objects, or a body
 * past a {@link ResponseLimits} limit becomes a {@link PhalaInvalidDataException} with the JSON
 * path where it broke and a short snippet of what was read; I/O failures pass through as {@link
 * IOException}. The one reader of lists: {@code cvms().list()}, {@code cvms().stream()} and {@code
 * CvmList.parse} all read through it.
 */
public final class CvmArrayReader implements java.io.Closeable {
  /** The message of okio's GzipSource when a check of the gzip format fails. */
  private static final Pattern GZIP_CHECK = Pattern.compile("(ID1ID2|FHCRC|CRC|ISIZE): actual 0x");

  /** Gson's advice to parse leniently: meant for its callers, meaningless to ours. */
  private static final Pattern LENIENT_ADVICE =
      Pattern.compile("Use JsonReader\\.set\\w+\\([^)]*\\) to accept malformed JSON");

  /** The length of number Gson's reader refuses as malformed: its buffer's. */
  private static final int GSON_MAX_NUMBER = 1_024;

  /** The longest JSON path a message shows whole. */
  private static final int MAX_SHOWN_PATH = 120;

  private final SnippetReader source;
  private final LimitedReader limited;
  private final JsonReader reader;
  private final ResponseLimits limits;
  private final Redaction redaction;
  private final JsonTree.Shared shared = new JsonTree.Shared();
  private boolean started;
  private boolean finished;
  private int index;

  /**
   * A reader over {@code body}, which it closes when closed. If the body was {@link Redaction#tag
   * tagged}, its exceptions never quote the tagged secret.
   *
   * @param wholeList whether the caller keeps every CVM (so {@code maxListChars} applies), or one
   *     at a time
   */
  public CvmArrayReader(Reader body, ResponseLimits limits, boolean wholeList) {
    this.redaction = Redaction.of(body);
    this.limits = limits;
    this.source = new SnippetReader(body);
    this.limited =
        new LimitedReader(
            source, wholeList ? limits.maxListChars() : Long.MAX_VALUE, limits.maxCvmChars());
    this.reader = JsonTree.strictReader(limited, limits);
  }

  /** Whether another object follows; at the end, checks that nothing but whitespace is left. */
  public boolean hasNext() throws IOException {
    if (finished) {
      return false;
    }
    try {
      if (!started) {
        JsonToken first = firstToken();
        if (first != JsonToken.BEGIN_ARRAY) {
          throw invalid(
              "The API sent " + describe(first) + " where a JSON array of CVMs belongs", null);
        }
        reader.beginArray();
        started = true;
      }
      if (reader.hasNext()) {
        return true;
      }
      reader.endArray();
      if (!atEndOfDocument()) {
        throw invalid("The API sent more data after the array of CVMs", null);
      }
      finished = true;
      return false;
    } catch (IOException e) {
      throw asInvalid(e);
    } catch (IllegalStateException | NumberFormatException e) {
      throw invalid("The API sent malformed JSON", e);
    }
  }

  /** The next object, read whole. Call after {@link #hasNext()} returned true. */
  public JsonMembers next() throws IOException {
    try {
      limited.startItem();
      if (reader.peek() != JsonToken.BEGIN_OBJECT) {
        throw invalid(
            "The API sent " + describe(reader.peek()) + " where a CVM object belongs", null);
      }
      JsonMembers object = (JsonMembers) JsonTree.read(reader, limits, shared);
      index++;
      return object;
    } catch (IOException e) {
      throw asInvalid(e);
    } catch (IllegalStateException | NumberFormatException e) {
      throw invalid("The API sent malformed JSON", e);
    }
  }

  /** The body's first token; {@link JsonToken#END_DOCUMENT} when it is empty or only whitespace. */
  private JsonToken firstToken() throws IOException {
    try {
      return reader.peek();
    } catch (java.io.EOFException empty) {
      if (source.failedWith(empty)) {
        throw empty;
      }
      // A strict reader finds no value at all; that is an empty body, not one cut short.
      return JsonToken.END_DOCUMENT;
    }
  }

  /**
   * Whether only whitespace follows the array. A strict reader refuses anything else after the
   * top-level value with a {@link com.google.gson.stream.MalformedJsonException} that advises
   * lenient parsing, which means nothing to a caller; here it just means "more data".
   */
  private boolean atEndOfDocument() throws IOException {
    try {
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (com.google.gson.stream.MalformedJsonException moreData) {
      return false;
    }
  }

  /** How many objects have been read: the index the next one will have. */
  public int index() {
    return index;
  }

  /**
   * Malformed JSON (an {@link IOException} subclass in Gson) is data, not a network failure. A
   * failure of the body stream itself (such as the {@link java.io.EOFException} of a connection
   * closed between two chunks) stays an I/O failure, so the call is retried.
   */
  private IOException asInvalid(IOException e) throws IOException {
    if (source.failedWith(e)) {
      if (isCorruptGzip(e)) {
        // The same bytes would come back: a corrupt body is data, not a failed connection.
        throw invalid("The API's response is corrupt: its gzip compression does not decode", e);
      }
      return e;
    }
    if (e instanceof LimitExceeded || isNestingLimit(e)) {
      String option = e instanceof LimitExceeded ? ((LimitExceeded) e).option : "maxNestingDepth";
      String what =
          e instanceof LimitExceeded
              ? e.getMessage()
              : String.format("more than %,d levels of nesting", limits.maxNestingDepth());
      throw invalid(
          "The API's response is too large to read: "
              + what
              + " (a limit; if this response is genuine, raise it with ResponseLimits' "
              + option
              + "(...), given to the client builder's responseLimits(...))",
          null);
    }
    if (isOverlongNumber(e)) {
      // Gson reads no number of 1,024 characters or more, whatever maxNumberLength says.
      int limit = Math.min(limits.maxNumberLength(), GSON_MAX_NUMBER - 1);
      throw invalid(
          String.format(
              "The API's response is too large to read: more than %,d characters in one number"
                  + " (%s)",
              limit,
              limit < limits.maxNumberLength()
                  ? String.format(
                      "the JSON reader reads no number of %,d characters or more, whatever"
                          + " maxNumberLength says",
                      GSON_MAX_NUMBER)
                  : "a limit; if this response is genuine, raise it with ResponseLimits'"
                      + " maxNumberLength(...), given to the client builder's responseLimits(...)"),
          null);
    }
    if (e instanceof com.google.gson.stream.MalformedJsonException
        || e instanceof java.io.EOFException) {
      throw invalid(
          e instanceof java.io.EOFException
              ? "The API's response ended in the middle of the JSON"
              : "The API sent malformed JSON",
          e);
    }
    return e;
  }

  /**
   * Whether OkHttp failed to undo the body's gzip: the inflater refused the data, or okio's check
   * of the gzip header or trailer (magic number, CRC, size) failed.
   */
  private static boolean isCorruptGzip(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.util.zip.DataFormatException
          || cause.getMessage() != null && GZIP_CHECK.matcher(cause.getMessage()).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Gson's own refusal of a number that fills its whole buffer: it calls that malformed JSON,
   * advising lenient parsing, while the characters read last are all digits.
   */
  private boolean isOverlongNumber(IOException e) {
    return e instanceof com.google.gson.stream.MalformedJsonException
        && e.getMessage() != null
        && LENIENT_ADVICE.matcher(e.getMessage()).find()
        && source.endsInDigits();
  }

  /** Gson's own refusal of nesting past {@link JsonReader#setNestingLimit}. */
  private static boolean isNestingLimit(IOException e) {
    return e instanceof com.google.gson.stream.MalformedJsonException
        && e.getMessage() != null
        && e.getMessage().startsWith("Nesting limit");
  }

  private PhalaInvalidDataException invalid(String what, Exception cause) {
    String where = redaction.apply(reader.getPath());
    String detail =
        cause == null || cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage());
    String snippet = redaction.apply(source.snippet());
    // A path 1,000 levels deep is mostly "[0]": the message keeps its start and end.
    String shown =
        where.length() <= MAX_SHOWN_PATH
            ? where
            : where.substring(0, MAX_SHOWN_PATH - 40)
                + "..."
                + where.substring(where.length() - 37);
    return new PhalaInvalidDataException(
        redaction.apply(what + " at " + shown + detail + ". Received: " + snippet),
        where,
        snippet,
        redaction.scrubChain(cause));
  }

  /** {@code failure} without the credential of a tagged body (for failures the caller makes). */
  public PhalaException scrub(PhalaException failure) {
    return redaction.scrub(failure);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    String line =
        LENIENT_ADVICE
            .matcher(newline < 0 ? text : text.substring(0, newline))
            .replaceFirst("Not valid JSON");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case BEGIN_OBJECT:
        return "an object";
      case BEGIN_ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      case END_DOCUMENT:
        return "an empty body";
      default:
        return token.toString();
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
