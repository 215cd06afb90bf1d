package com.phala.cloud.internal;

import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.phala.cloud.ResponseLimits;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON values into the views' compact tree ({@link JsonMembers}: member order kept, numbers
 * Gson's lazily parsed numbers, their exact text) with Gson's strict {@link JsonReader}, checking
 * the lengths {@link ResponseLimits} allows as it goes. Iterative, so depth costs no stack.
 */
public final class JsonTree {
  private JsonTree() {}

  /** A strict reader over {@code in} with the nesting limit of {@code limits}. */
  public static JsonReader strictReader(Reader in, ResponseLimits limits) {
    JsonReader reader = new JsonReader(in);
    reader.setStrictness(Strictness.STRICT);
    reader.setNestingLimit(limits.maxNestingDepth());
    return reader;
  }

  /**
   * Reads the next value, whatever its type: a value of the tree {@link JsonMembers} describes.
   *
   * @throws LimitExceeded if a string, member name or number is longer than {@code limits} allow
   */
  public static Object read(JsonReader in, ResponseLimits limits) throws IOException {
    return read(in, limits, new Shared());
  }

  /**
   * The member names and short values the trees of one body share (and the reader's buffers), so
   * that 10,000 CVMs hold one {@code "status"} and one {@code "running"}, not 10,000 of each:
   * Gson's reader makes a new string for every name and value. Names are interned, so the views'
   * lookups by a literal name are decided by identity. The tables are bounded and the reader's
   * buffers shrink after a huge object, so a hostile body costs no more than its trees do.
   */
  public static final class Shared {
    private static final int MAX_ENTRIES = 4_096;
    private static final int MAX_SHARED_CHARS = 32;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, Number> numbers = new HashMap<>();
    // The objects and arrays being read, by depth; see Open.
    private final List<Open> frames = new ArrayList<>();

    String name(String name) {
      String shared = names.get(name);
      if (shared != null) {
        return shared;
      }
      if (names.size() < MAX_ENTRIES && name.length() <= MAX_SHARED_CHARS) {
        shared = name.intern();
        names.put(shared, shared);
        return shared;
      }
      return name;
    }

    String string(String text) {
      if (text.length() > MAX_SHARED_CHARS) {
        return text;
      }
      String shared = strings.get(text);
      return shared != null ? shared : keep(strings, text, text);
    }

    Number number(Number number) {
      String text = number.toString();
      if (text.length() > MAX_SHARED_CHARS) {
        return number;
      }
      Number shared = numbers.get(text);
      return shared != null ? shared : keep(numbers, text, number);
    }

    /** The lengths of the reader's buffers and tables, by depth: for tests of their bounds. */
    List<Integer> bufferSizes() {
      List<Integer> sizes = new ArrayList<>();
      for (Open frame : frames) {
        sizes.add(Math.max(frame.values.length, frame.slots.length));
      }
      return sizes;
    }

    /** {@code value}, kept in {@code table} under {@code text} while the table has room. */
    private static <V> V keep(Map<String, V> table, String text, V value) {
      if (table.size() < MAX_ENTRIES) {
        table.put(text, value);
      }
      return value;
    }
  }

  /**
   * {@link #read(JsonReader, ResponseLimits)}, sharing names and short values, and the buffers of
   * the objects and arrays being read, through {@code shared}.
   */
  public static Object read(JsonReader in, ResponseLimits limits, Shared shared)
      throws IOException {
    List<Open> frames = shared.frames;
    int depth = 0;
    while (true) {
      Open parent = depth == 0 ? null : frames.get(depth - 1);
      String name;
      Object value;
      if (parent != null && !in.hasNext()) {
        if (parent.object) {
          in.endObject();
        } else {
          in.endArray();
        }
        name = parent.name;
        value = parent.finish();
        depth--;
        parent = depth == 0 ? null : frames.get(depth - 1);
      } else {
        name = parent != null && parent.object ? shared.name(checked(in.nextName(), limits)) : null;
        JsonToken token = in.peek();
        if (token == JsonToken.BEGIN_OBJECT || token == JsonToken.BEGIN_ARRAY) {
          if (token == JsonToken.BEGIN_OBJECT) {
            in.beginObject();
          } else {
            in.beginArray();
          }
          if (depth == frames.size()) {
            frames.add(new Open());
          }
          frames.get(depth++).start(token == JsonToken.BEGIN_OBJECT, name);
          continue;
        }
        value = leaf(in, token, limits, shared);
      }
      if (parent == null) {
        return value;
      }
      parent.add(name, value);
    }
  }

  private static Object leaf(JsonReader in, JsonToken token, ResponseLimits limits, Shared shared)
      throws IOException {
    switch (token) {
      case STRING:
        return shared.string(checked(in.nextString(), limits));
      case NUMBER:
        // Gson's public way to its LazilyParsedNumber, whose package its module does not export.
        Number number = ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(in);
        if (number.toString().length() > limits.maxNumberLength()) {
          throw new LimitExceeded(
              "maxNumberLength", limits.maxNumberLength(), "characters in one number");
        }
        return shared.number(number);
      case BOOLEAN:
        return in.nextBoolean();
      case NULL:
        in.nextNull();
        return null;
      default:
        throw new IllegalStateException("Expected a JSON value but was " + token);
    }
  }

  /**
   * An object or array being read: its members so far, in buffers that the next object or array at
   * its depth reuses, so that reading allocates little more than the tree it makes. A name sent
   * twice keeps its first place and takes the last value, as in Gson's tree; past {@link
   * #INDEXED_FROM} members the names are found through a hash table, so a hostile object of a
   * million members costs no quadratic time.
   */
  private static final class Open {
    private static final int INDEXED_FROM = 16;
    private static final int MAX_KEPT = 4_096;
    private boolean object;
    private String name;
    private String[] names = new String[16];
    private Object[] values = new Object[16];
    private int size;
    // Open addressing: the position + 1 of each name, by its hash; 0 is an empty slot.
    private int[] slots = new int[0];
    private boolean indexed;

    /** Starts an object (or array), which is member {@code name} of the one around it. */
    void start(boolean object, String name) {
      this.object = object;
      this.name = name;
      size = 0;
      indexed = false;
      if (values.length > MAX_KEPT) {
        // One huge object does not keep its buffers for the rest of a stream.
        names = new String[16];
        values = new Object[16];
      }
    }

    void add(String member, Object value) {
      if (object) {
        int at = indexOf(member);
        if (at >= 0) {
          values[at] = value;
          return;
        }
      }
      if (size == values.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = member;
      values[size] = value;
      size++;
      if (!object) {
        return;
      }
      if (indexed && size * 2 <= slots.length) {
        slot(size - 1);
      } else if (size >= INDEXED_FROM) {
        index();
      }
    }

    private int indexOf(String member) {
      if (!indexed) {
        for (int i = 0; i < size; i++) {
          if (names[i].equals(member)) {
            return i;
          }
        }
        return -1;
      }
      int mask = slots.length - 1;
      for (int at = member.hashCode() & mask; slots[at] != 0; at = (at + 1) & mask) {
        if (names[slots[at] - 1].equals(member)) {
          return slots[at] - 1;
        }
      }
      return -1;
    }

    /** (Re)builds the table with room for twice the members. */
    private void index() {
      // Sized from this object alone: a table kept at the size of one huge object would be
      // cleared whole for every later one.
      int capacity = 64;
      while (capacity < size * 4) {
        capacity *= 2;
      }
      if (capacity != slots.length) {
        slots = new int[capacity];
      } else {
        Arrays.fill(slots, 0);
      }
      for (int i = 0; i < size; i++) {
        slot(i);
      }
      indexed = true;
    }

    private void slot(int position) {
      int mask = slots.length - 1;
      int at = names[position].hashCode() & mask;
      while (slots[at] != 0) {
        at = (at + 1) & mask;
      }
      slots[at] = position + 1;
    }

    /** The object or array read. */
    Object finish() {
      if (object) {
        return new JsonMembers(Arrays.copyOf(names, size), Arrays.copyOf(values, size));
      }
      return size == 0
          ? Collections.emptyList()
          : Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(values, size)));
    }
  }

  private static String checked(String text, ResponseLimits limits) throws LimitExceeded {
    if (text.length() > limits.maxStringLength()) {
      throw new LimitExceeded(
          "maxStringLength", limits.maxStringLength(), "characters in one string");
    }
    return text;
  }
}
