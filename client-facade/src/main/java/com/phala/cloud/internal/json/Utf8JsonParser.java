package com.phala.cloud.internal.json;

import com.phala.cloud.errors.PhalaInvalidDataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict JSON parser that reads UTF-8 bytes straight from an {@link InputStream}, with no {@code
 * Reader} in between, into the same trees {@link JsonTreeReader} builds ({@link JsonObjectNode},
 * {@link JsonArrayNode}, {@link JsonNumber}, {@link String}, {@link Boolean}, {@code null}). It
 * exists because decoding listings is the client's hot path: skipping the char decoding, interning
 * member names from their bytes ({@link KeyCache}) and building objects in exact-size arrays makes
 * it several times cheaper than going through Gson.
 *
 * <p>What it accepts is RFC 8259 JSON and nothing else, as Gson's strict mode: no comments, single
 * quotes, unquoted names, NaN, trailing commas, leading zeros, unescaped control characters, or
 * escapes other than JSON's. Containers nest at most {@link JsonTreeReader#MAX_NESTING} deep. A
 * repeated member name keeps its first position and its last value. Numbers are kept as the exact
 * text received.
 *
 * <p>Bytes that are not valid UTF-8 inside a string become U+FFFD replacement characters, exactly
 * as the JDK's UTF-8 decoder (and so the {@code Reader} path) replaces them; outside a string they
 * are malformed JSON. A UTF-8 byte order mark at the very start is skipped, as Gson does; a UTF-16
 * one is refused, since JSON on the wire must be UTF-8.
 *
 * <p>Every problem with the data is a {@link PhalaInvalidDataException} naming the JSON path where
 * it broke (such as {@code $[1].hosted.name}) and a bounded snippet of what was received; failures
 * of the stream itself pass through as {@link IOException}. Not thread-safe.
 */
public final class Utf8JsonParser extends ByteInput {
  /**
   * The default buffer: large enough that few tokens straddle a refill (the size made no measurable
   * difference from 4 to 16 KB), small enough to cost little for a short listing.
   */
  public static final int DEFAULT_BUFFER_SIZE = 8 * 1024;

  private static final int MAX_NESTING = JsonTreeReader.MAX_NESTING;
  private static final String[] NO_KEYS = {};
  private static final Object[] NO_VALUES = {};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  /** Open containers; 0 at the top level. */
  private int depth;

  /** Per depth: the array item being read, or -1 for an object (then {@link #pathKeys} applies). */
  private final int[] pathIndices = new int[MAX_NESTING + 1];

  /** Per depth: the object member being read, null before the first. */
  private final String[] pathKeys = new String[MAX_NESTING + 1];

  /**
   * Per depth: where an object's members and an array's items collect before they are copied to an
   * exact-size node; reused from one container to the next.
   */
  private final String[][] scratchKeys = new String[MAX_NESTING + 1][];

  private final Object[][] scratchValues = new Object[MAX_NESTING + 1][];
  private final Object[][] scratchItems = new Object[MAX_NESTING + 1][];

  /**
   * The names arrays of recent object shapes, by a hash of their names: a listing's objects come in
   * a few shapes (every CVM has the same members in the same order), so objects of one shape share
   * one exact-size names array instead of each copying its own. Nodes never change their names
   * array, so sharing it is safe.
   */
  private final String[][] shapes = new String[64][];

  private final RecentNumbers numbers = new RecentNumbers();

  /** ASCII strings with escapes collect here; reused, grown as needed. */
  private byte[] text = new byte[128];

  /** Strings with non-ASCII characters and escapes collect here; reused. */
  private final StringBuilder chars = new StringBuilder();

  private boolean started;

  /** A parser over {@code in}, which it closes when closed. */
  public Utf8JsonParser(InputStream in) {
    this(in, DEFAULT_BUFFER_SIZE);
  }

  /** A parser with its own buffer size: tests use tiny ones to make tokens straddle refills. */
  public Utf8JsonParser(InputStream in, int bufferSize) {
    super(in, bufferSize);
  }

  // ---- The API for a caller that walks the top level itself (the streaming array reader).

  /**
   * The next byte that is not whitespace, without consuming it, or -1 at the end of the body. The
   * first call skips a UTF-8 byte order mark.
   */
  public int peek() throws IOException {
    if (!started) {
      started = true;
      skipByteOrderMark();
    }
    return nextToken();
  }

  /** Consumes the byte {@link #peek()} returned. */
  public void skip() {
    pos++;
  }

  /**
   * Consumes the {@code [} {@link #peek()} returned and enters the array; items are counted from 0.
   */
  public void beginArray() {
    pos++;
    enter(0);
  }

  /** Counts an item of the array {@link #beginArray()} entered as read, for the path. */
  public void itemRead() {
    pathIndices[depth]++;
  }

  /** Consumes the {@code ]} {@link #peek()} returned and leaves the array. */
  public void endArray() {
    pos++;
    depth--;
  }

  /** Reads the next value, whatever its type. */
  public Object readValue() throws IOException {
    return readValue(peek());
  }

  /** Reads one whole JSON document: a value, then nothing but whitespace. */
  public Object readDocument() throws IOException {
    int first = peek();
    if (first < 0) {
      throw invalid("The API sent an empty body");
    }
    Object value = readValue(first);
    int after = nextToken();
    if (after >= 0) {
      throw malformed("expected the end of the body but found " + describe(after), pos + 1);
    }
    return value;
  }

  /**
   * An exception for data that breaks the caller's expectations: {@code what} happened at the
   * current path. The snippet runs up to the current position, and the byte there if it was read.
   */
  public PhalaInvalidDataException invalid(String what) {
    String where = path();
    String snippet = snippet(Math.min(pos + 1, limit));
    return new PhalaInvalidDataException(
        what + " at " + where + ". Received: " + snippet, where, snippet, null);
  }

  /** An exception for JSON that breaks off at the current position (the input ended). */
  public PhalaInvalidDataException truncated() {
    String where = path();
    String snippet = snippet(limit);
    return new PhalaInvalidDataException(
        "The API's response ended in the middle of the JSON at " + where + ". Received: " + snippet,
        where,
        snippet,
        null);
  }

  /** An exception for a byte {@code b} (from {@link #peek()}) where {@code expected} belongs. */
  public PhalaInvalidDataException unexpected(int b, String expected) {
    if (b < 0) {
      return truncated();
    }
    return malformed("expected " + expected + " but found " + describe(b), pos + 1);
  }

  // ---- Values.

  private Object readValue(int b) throws IOException {
    switch (b) {
      case '"':
        pos++;
        return readString();
      case '{':
        pos++;
        return readObjectBody();
      case '[':
        pos++;
        return readArrayBody();
      case 't':
        readLiteral(TRUE);
        return Boolean.TRUE;
      case 'f':
        readLiteral(FALSE);
        return Boolean.FALSE;
      case 'n':
        readLiteral(NULL);
        return null;
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        return readNumber();
      default:
        throw unexpected(b, "a value");
    }
  }

  /** Reads the next value, which must be an object. */
  public JsonObjectNode readObject() throws IOException {
    int b = peek();
    if (b != '{') {
      throw unexpected(b, "an object");
    }
    pos++;
    return readObjectBody();
  }

  /** The members after a consumed {@code '{'}. */
  private JsonObjectNode readObjectBody() throws IOException {
    int d = enter(-1);
    int b = nextToken();
    if (b == '}') {
      pos++;
      depth--;
      return new JsonObjectNode(NO_KEYS, NO_VALUES);
    }
    String[] keys = scratchKeys[d];
    Object[] values = scratchValues[d];
    if (keys == null) {
      keys = scratchKeys[d] = new String[16];
      values = scratchValues[d] = new Object[16];
    }
    int count = 0;
    // A 128-bit filter of the names so far: a repeated name (rare) is looked for only when its
    // bit is already set.
    long seenLow = 0;
    long seenHigh = 0;
    int shapeHash = 0;
    while (true) {
      if (b != '"') {
        throw unexpected(b, "a member name in double quotes");
      }
      pos++;
      String key = readKey();
      pathKeys[d] = key;
      b = nextToken();
      if (b != ':') {
        throw unexpected(b, "':' after a member name");
      }
      pos++;
      Object value = readValue(nextToken());
      int hash = key.hashCode();
      hash ^= hash >>> 7;
      long bit = 1L << hash;
      boolean high = (hash & 64) != 0;
      int at = ((high ? seenHigh : seenLow) & bit) == 0 ? -1 : indexOf(keys, count, key);
      if (at >= 0) {
        values[at] = value;
      } else {
        if (count == keys.length) {
          keys = scratchKeys[d] = Arrays.copyOf(keys, count * 2);
          values = scratchValues[d] = Arrays.copyOf(values, count * 2);
        }
        keys[count] = key;
        values[count] = value;
        count++;
        if (high) {
          seenHigh |= bit;
        } else {
          seenLow |= bit;
        }
        shapeHash = 31 * shapeHash + hash;
      }
      b = nextToken();
      if (b == ',') {
        pos++;
        b = nextToken();
      } else if (b == '}') {
        pos++;
        break;
      } else {
        throw unexpected(b, "',' or '}' after a member");
      }
    }
    depth--;
    return new JsonObjectNode(shape(keys, count, shapeHash), Arrays.copyOf(values, count));
  }

  /** An exact-size copy of {@code keys[0..count)}, or the equal one a recent object already has. */
  private String[] shape(String[] keys, int count, int shapeHash) {
    int slot = shapeHash & (shapes.length - 1);
    String[] shape = shapes[slot];
    if (shape == null || shape.length != count || indexOfDifference(shape, keys) < count) {
      shape = Arrays.copyOf(keys, count);
      shapes[slot] = shape;
    }
    return shape;
  }

  /** The first index where the names differ (by identity: they are interned), or shape's length. */
  private static int indexOfDifference(String[] shape, String[] keys) {
    int i = 0;
    while (i < shape.length && shape[i] == keys[i]) {
      i++;
    }
    return i;
  }

  /** Names are interned (see {@link KeyCache}), so equal names are the same instance. */
  private static int indexOf(String[] keys, int count, String key) {
    for (int i = 0; i < count; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    return -1;
  }

  /** The items after a consumed {@code '['}. */
  private JsonArrayNode readArrayBody() throws IOException {
    int d = enter(0);
    int b = nextToken();
    if (b == ']') {
      pos++;
      depth--;
      return new JsonArrayNode(NO_VALUES);
    }
    Object[] items = scratchItems[d];
    if (items == null) {
      items = scratchItems[d] = new Object[16];
    }
    int count = 0;
    while (true) {
      Object item = readValue(b);
      if (count == items.length) {
        items = scratchItems[d] = Arrays.copyOf(items, count * 2);
      }
      items[count++] = item;
      pathIndices[d] = count;
      b = nextToken();
      if (b == ',') {
        pos++;
        b = nextToken();
      } else if (b == ']') {
        pos++;
        break;
      } else {
        throw unexpected(b, "',' or ']' after an array item");
      }
    }
    depth--;
    return new JsonArrayNode(Arrays.copyOf(items, count));
  }

  /** Opens a container (first index 0 for an array, -1 for an object) within the nesting limit. */
  private int enter(int firstIndex) {
    if (depth >= MAX_NESTING) {
      throw malformed("more than " + MAX_NESTING + " nested arrays and objects", pos);
    }
    int d = ++depth;
    pathIndices[d] = firstIndex;
    pathKeys[d] = null;
    return d;
  }

  private void readLiteral(byte[] word) throws IOException {
    if (!require(word.length)) {
      throw truncated();
    }
    for (int i = 0; i < word.length; i++) {
      if (buf[pos + i] != word[i]) {
        throw malformed(
            "expected "
                + new String(word, StandardCharsets.US_ASCII)
                + " but found "
                + describe(buf[pos + i] & 0xFF),
            pos + i + 1);
      }
    }
    pos += word.length;
  }

  // ---- Numbers.

  /**
   * A number, kept as its exact text. The run of bytes that can appear in a number is found first
   * (refilling until it ends), then checked against JSON's grammar as a whole.
   */
  private JsonNumber readNumber() throws IOException {
    int end = pos;
    while (true) {
      while (end < limit && isNumberByte(buf[end])) {
        end++;
      }
      if (end < limit) {
        break;
      }
      end -= fill();
      if (end >= limit) {
        break; // The input ended; what follows the number decides whether that is an error.
      }
    }
    int start = pos;
    if (!NumberSyntax.isValid(buf, start, end)) {
      throw malformed(
          "malformed number "
              + new String(buf, start, Math.min(end - start, 40), StandardCharsets.ISO_8859_1),
          end);
    }
    pos = end;
    return numbers.get(buf, start, end);
  }

  private static boolean isNumberByte(byte b) {
    return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
  }

  // ---- Strings.

  /**
   * A member name after its opening quote. Plain ASCII names (every name the API sends) come from
   * {@link KeyCache}; anything else takes the general path and is interned, so all names are
   * canonical.
   */
  private String readKey() throws IOException {
    int end = endOfPlainString();
    if (buf[end] != '"') {
      return readSpecialString(end).intern();
    }
    String name = KeyCache.name(buf, pos, end - pos);
    pos = end + 1;
    return name;
  }

  /** A string value after its opening quote: ASCII without escapes becomes a String directly. */
  private String readString() throws IOException {
    int end = endOfPlainString();
    if (buf[end] != '"') {
      return readSpecialString(end);
    }
    String value = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
    pos = end + 1;
    return value;
  }

  /**
   * The index of the first byte from {@code pos} on that is not plain ASCII string content (the
   * closing quote, usually), reading more input as needed.
   */
  private int endOfPlainString() throws IOException {
    int i = pos;
    while (true) {
      i = Swar.skipPlainString(buf, i, limit);
      if (i < limit) {
        return i;
      }
      i -= fill();
      if (i >= limit) {
        throw truncated();
      }
    }
  }

  /**
   * The rest of a string whose bytes from {@code pos} to {@code i} are plain ASCII and {@code
   * buf[i]} is not. Escapes of ASCII characters (the {@code \n} and {@code \"} of embedded files
   * and JSON) keep the string in bytes, copied run by run into {@link #text}; the first non-ASCII
   * byte or character moves it to {@link #readUnicodeString}.
   */
  private String readSpecialString(int i) throws IOException {
    int length = 0; // bytes in text
    while (true) {
      if (i >= limit) {
        i -= fill();
        if (i >= limit) {
          throw truncated();
        }
        i = Swar.skipPlainString(buf, i, limit);
        continue;
      }
      byte c = buf[i];
      if (c == '"' || c == '\\') {
        length = appendToText(length, i);
        if (c == '"') {
          pos = i + 1;
          return new String(text, 0, length, StandardCharsets.ISO_8859_1);
        }
        pos = i;
        char escaped = readEscape();
        if (escaped >= 0x80) {
          return readUnicodeString(textAsChars(length).append(escaped), pos);
        }
        text[length++] = (byte) escaped;
        i = Swar.skipPlainString(buf, pos, limit);
      } else if (c < 0) {
        return readUnicodeString(textAsChars(length), i);
      } else {
        throw controlCharacter(i);
      }
    }
  }

  /**
   * Appends the plain bytes {@code buf[pos..end)} to {@link #text}, which holds {@code length}; the
   * new length.
   */
  private int appendToText(int length, int end) {
    int count = end - pos;
    if (length + count + 1 > text.length) { // + 1: room for an escaped character after them
      text = Arrays.copyOf(text, Math.max(text.length * 2, length + count + 1));
    }
    System.arraycopy(buf, pos, text, length, count);
    return length + count;
  }

  /** The reused character buffer, holding the first {@code length} bytes of {@link #text}. */
  private StringBuilder textAsChars(int length) {
    StringBuilder out = chars;
    out.setLength(0);
    for (int k = 0; k < length; k++) {
      out.append((char) text[k]);
    }
    return out;
  }

  /**
   * The general path for the rest of a string: {@code out} holds what came before {@code pos}, and
   * {@code buf[pos..i)} is ASCII not yet added. Runs of raw bytes are decoded by the JDK's UTF-8
   * decoder, so malformed sequences get the same replacement characters as on the {@code Reader}
   * path.
   */
  private String readUnicodeString(StringBuilder out, int i) throws IOException {
    boolean ascii = true; // whether buf[pos..i) is ASCII
    while (true) {
      if (i >= limit) {
        i -= fill();
        if (i >= limit) {
          throw truncated();
        }
        continue;
      }
      byte c = buf[i];
      if (c == '"' || c == '\\') {
        out.append(
            new String(
                buf, pos, i - pos, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        ascii = true;
        if (c == '"') {
          pos = i + 1;
          return out.toString();
        }
        pos = i;
        out.append(readEscape());
        i = pos;
      } else if (c >= 0 && c < 0x20) {
        throw controlCharacter(i);
      } else {
        ascii &= c >= 0;
        i++;
      }
    }
  }

  private PhalaInvalidDataException controlCharacter(int i) {
    return malformed(
        "a control character (" + describe(buf[i]) + ") that is not escaped in a string", i + 1);
  }

  /**
   * The character of the escape at {@code pos}, moving past it. Surrogates from Unicode escapes
   * pass through one at a time: a pair makes one code point, a lone one stays as sent (as Gson
   * keeps it).
   */
  private char readEscape() throws IOException {
    if (!require(2)) {
      throw truncated();
    }
    byte c = buf[pos + 1];
    char escaped;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        escaped = (char) c;
        break;
      case 'b':
        escaped = '\b';
        break;
      case 'f':
        escaped = '\f';
        break;
      case 'n':
        escaped = '\n';
        break;
      case 'r':
        escaped = '\r';
        break;
      case 't':
        escaped = '\t';
        break;
      case 'u':
        if (!require(6)) {
          throw truncated();
        }
        int value = 0;
        for (int k = 2; k < 6; k++) {
          byte digit = buf[pos + k];
          int nibble = digit < 0 ? -1 : Character.digit(digit, 16);
          if (nibble < 0) {
            throw malformed("a malformed \\u escape", pos + k + 1);
          }
          value = value << 4 | nibble;
        }
        pos += 6;
        return (char) value;
      default:
        throw malformed("an invalid escape \\" + describe(c & 0xFF), pos + 2);
    }
    pos += 2;
    return escaped;
  }

  // ---- Whitespace, the byte order mark, errors.

  /**
   * Skips whitespace; the next byte (0-255) without consuming it, or -1 at the end of the input.
   */
  private int nextToken() throws IOException {
    while (true) {
      while (pos < limit) {
        byte b = buf[pos];
        if (b > ' ') {
          return b;
        }
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          return b & 0xFF;
        }
        pos++;
      }
      fill();
      if (pos >= limit) {
        return -1;
      }
    }
  }

  private void skipByteOrderMark() throws IOException {
    if (!atStartOfBody()) {
      return;
    }
    require(3);
    int available = limit - pos;
    if (available >= 3
        && buf[pos] == (byte) 0xEF
        && buf[pos + 1] == (byte) 0xBB
        && buf[pos + 2] == (byte) 0xBF) {
      pos += 3;
    } else if (available >= 2
        && ((buf[pos] == (byte) 0xFE && buf[pos + 1] == (byte) 0xFF)
            || (buf[pos] == (byte) 0xFF && buf[pos + 1] == (byte) 0xFE))) {
      throw malformed("a UTF-16 byte order mark; JSON must be UTF-8", pos + 2);
    }
  }

  private PhalaInvalidDataException malformed(String detail, int end) {
    String where = path();
    String snippet = snippet(Math.min(end, limit));
    return new PhalaInvalidDataException(
        "The API sent malformed JSON at " + where + ": " + detail + ". Received: " + snippet,
        where,
        snippet,
        null);
  }

  /**
   * Where the parser is, Gson style: {@code $}, then {@code [index]} or {@code .name} per level.
   */
  private String path() {
    StringBuilder path = new StringBuilder("$");
    for (int d = 1; d <= depth; d++) {
      if (pathIndices[d] >= 0) {
        path.append('[').append(pathIndices[d]).append(']');
      } else if (pathKeys[d] != null) {
        path.append('.').append(pathKeys[d]);
      }
    }
    return path.toString();
  }

  /** A byte for a message: the character when printable ASCII, else its hex value. */
  private static String describe(int b) {
    if (b < 0) {
      return "the end of the body";
    }
    return b > ' ' && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02X", b);
  }
}
