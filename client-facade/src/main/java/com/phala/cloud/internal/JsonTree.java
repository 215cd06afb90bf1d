package com.phala.cloud.internal;

import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.phala.cloud.ResponseLimits;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
   * The member names and short values the trees of one body share, so that 10,000 CVMs hold one
   * {@code "status"} and one {@code "running"}, not 10,000 of each: Gson's reader makes a new
   * string for every name and value. Names are interned, so the views' lookups by a literal name
   * are decided by identity. Bounded, so a hostile body of unique names costs no more than its
   * trees do.
   */
  public static final class Shared {
    private static final int MAX_ENTRIES = 4_096;
    private static final int MAX_SHARED_CHARS = 32;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();
    private final Map<String, Number> numbers = new HashMap<>();

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

    /** {@code value}, kept in {@code table} under {@code text} while the table has room. */
    private static <V> V keep(Map<String, V> table, String text, V value) {
      if (table.size() < MAX_ENTRIES) {
        table.put(text, value);
      }
      return value;
    }
  }

  /**
   * {@link #read(JsonReader, ResponseLimits)}, sharing names and short values through {@code
   * shared}.
   */
  public static Object read(JsonReader in, ResponseLimits limits, Shared shared)
      throws IOException {
    Deque<Object> open = new ArrayDeque<>();
    Object root = null;
    do {
      Object parent = open.peek();
      if (parent != null && !in.hasNext()) {
        if (parent instanceof JsonMembers) {
          in.endObject();
          ((JsonMembers) parent).trim();
        } else {
          in.endArray();
          ((ArrayList<?>) parent).trimToSize();
        }
        open.pop();
        continue;
      }
      String name =
          parent instanceof JsonMembers ? shared.name(checked(in.nextName(), limits)) : null;
      Object value;
      boolean container = false;
      switch (in.peek()) {
        case BEGIN_OBJECT:
          in.beginObject();
          value = new JsonMembers();
          container = true;
          break;
        case BEGIN_ARRAY:
          in.beginArray();
          value = new ArrayList<>();
          container = true;
          break;
        case STRING:
          value = shared.string(checked(in.nextString(), limits));
          break;
        case NUMBER:
          // Gson's public way to its LazilyParsedNumber, whose package its module does not export.
          Number number = ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(in);
          if (number.toString().length() > limits.maxNumberLength()) {
            throw new LimitExceeded(
                "maxNumberLength", limits.maxNumberLength(), "characters in one number");
          }
          value = shared.number(number);
          break;
        case BOOLEAN:
          value = in.nextBoolean();
          break;
        case NULL:
          in.nextNull();
          value = null;
          break;
        default:
          throw new IllegalStateException("Expected a JSON value but was " + in.peek());
      }
      if (parent == null) {
        root = value;
      } else if (name != null) {
        ((JsonMembers) parent).add(name, value);
      } else {
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) parent;
        items.add(value);
      }
      if (container) {
        open.push(value);
      }
    } while (!open.isEmpty());
    return root;
  }

  private static String checked(String text, ResponseLimits limits) throws LimitExceeded {
    if (text.length() > limits.maxStringLength()) {
      throw new LimitExceeded(
          "maxStringLength", limits.maxStringLength(), "characters in one string");
    }
    return text;
  }
}
