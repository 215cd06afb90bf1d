package com.phala.cloud.internal;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A JSON object as received, compactly: its member names and values in two arrays, in the order
 * sent. The views' tree, in place of Gson's {@code JsonObject}, whose map spends a node of about 40
 * bytes and a primitive of 16 on every member, more than the member's JSON: a list read whole cost
 * three times its JSON in Gson's tree; here about 1.3 times.
 *
 * <p>A value is a {@code JsonMembers} (an object), a {@code List<Object>} (an array), a {@link
 * String}, a {@link Number} holding its exact text (Gson's lazily parsed number), a {@link Boolean}
 * or {@code null} (JSON null). Built by {@link JsonTree}, which gives a name sent twice its first
 * place and its last value, as Gson does; not changed after.
 */
public final class JsonMembers {
  private final String[] names;
  private final Object[] values;

  /** The object of these members, in this order; names are not repeated (JsonTree sees to it). */
  JsonMembers(String[] names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  /** How many members the object has. */
  public int size() {
    return names.length;
  }

  /** The name of member {@code i}, in the order received. */
  public String name(int i) {
    return names[i];
  }

  /** The value of member {@code i}, in the order received. */
  public Object value(int i) {
    return values[i];
  }

  /** Whether a member {@code name} is present, even with the value null. */
  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /** The value of member {@code name}; {@code null} when absent or JSON null (see {@link #has}). */
  public Object get(String name) {
    int at = indexOf(name);
    return at < 0 ? null : values[at];
  }

  /** The position of member {@code name}, or -1. */
  int indexOf(String name) {
    // Names are shared and interned as read (JsonTree.Shared), and callers pass literals, so the
    // identity test nearly always decides; equals covers the rest.
    for (int i = 0; i < names.length; i++) {
      if (names[i] == name) {
        return i;
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code value} (a value of this tree) as compact JSON, numbers exactly as received. */
  public static String toJson(Object value) {
    StringBuilder text = new StringBuilder(256);
    try {
      write(value, new JsonWriter(new TextWriter(text)));
    } catch (IOException cannotHappen) {
      throw new UncheckedIOException(cannotHappen);
    }
    return text.toString();
  }

  /**
   * A writer into a {@link StringBuilder}: {@link java.io.StringWriter} appends to a synchronized
   * {@code StringBuffer}, and takes its lock for every piece of every string the JSON writer
   * writes; the command writes every CVM it lists as JSON through here.
   */
  private static final class TextWriter extends Writer {
    private final StringBuilder text;

    TextWriter(StringBuilder text) {
      this.text = text;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) {
      text.append(string, offset, offset + length);
    }

    @Override
    public void write(int c) {
      text.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** Writes {@code value} to {@code out}; iterative, so no depth a limit allows overflows. */
  public static void write(Object value, JsonWriter out) throws IOException {
    Deque<Cursor> open = new ArrayDeque<>();
    Object next = value;
    while (true) {
      if (next instanceof JsonMembers) {
        out.beginObject();
        open.push(new Cursor((JsonMembers) next, null));
      } else if (next instanceof List) {
        out.beginArray();
        open.push(new Cursor(null, (List<?>) next));
      } else {
        writeLeaf(next, out);
      }
      Cursor cursor;
      while ((cursor = open.peek()) != null && cursor.done()) {
        if (cursor.object != null) {
          out.endObject();
        } else {
          out.endArray();
        }
        open.pop();
      }
      if (cursor == null) {
        return;
      }
      next = cursor.next(out);
    }
  }

  /** Where the writer is in one open object or array. */
  private static final class Cursor {
    private final JsonMembers object;
    private final List<?> array;
    private int at;

    Cursor(JsonMembers object, List<?> array) {
      this.object = object;
      this.array = array;
    }

    boolean done() {
      return at == (object != null ? object.names.length : array.size());
    }

    /** The next value, after writing its name if it is a member. */
    Object next(JsonWriter out) throws IOException {
      if (object == null) {
        return array.get(at++);
      }
      out.name(object.names[at]);
      return object.values[at++];
    }
  }

  private static void writeLeaf(Object value, JsonWriter out) throws IOException {
    if (value == null) {
      out.nullValue();
    } else if (value instanceof String) {
      out.value((String) value);
    } else if (value instanceof Boolean) {
      out.value((boolean) (Boolean) value);
    } else {
      out.value((Number) value);
    }
  }

  /** This object as compact JSON. */
  @Override
  public String toString() {
    return toJson(this);
  }
}
