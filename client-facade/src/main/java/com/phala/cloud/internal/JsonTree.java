package com.phala.cloud.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.phala.cloud.ResponseLimits;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads JSON values into Gson's tree ({@link JsonObject} keeps member order; numbers stay Gson's
 * lazily parsed numbers, their exact text) with Gson's strict {@link JsonReader}, checking the
 * lengths {@link ResponseLimits} allows as it goes. Iterative, so depth costs no stack.
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
   * Reads the next value, whatever its type.
   *
   * @throws LimitExceeded if a string, member name or number is longer than {@code limits} allow
   */
  public static JsonElement read(JsonReader in, ResponseLimits limits) throws IOException {
    return read(in, limits, new Shared());
  }

  /**
   * The member names and short values the trees of one body share, so that 10,000 CVMs hold one
   * {@code "status"} and one {@code "running"}, not 10,000 of each: Gson's reader makes a new
   * string for every name and value, and a tree costs several times its JSON without this. Gson's
   * primitives are immutable, so sharing them is safe. Bounded, so a hostile body of unique names
   * costs no more than its trees do.
   */
  public static final class Shared {
    private static final int MAX_ENTRIES = 4_096;
    private static final int MAX_SHARED_CHARS = 32;
    private static final JsonPrimitive TRUE = new JsonPrimitive(true);
    private static final JsonPrimitive FALSE = new JsonPrimitive(false);
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, JsonPrimitive> strings = new HashMap<>();
    private final Map<String, JsonPrimitive> numbers = new HashMap<>();

    String name(String name) {
      String shared = names.get(name);
      if (shared != null) {
        return shared;
      }
      if (names.size() < MAX_ENTRIES) {
        names.put(name, name);
      }
      return name;
    }

    JsonPrimitive string(String text) {
      JsonPrimitive shared = text.length() > MAX_SHARED_CHARS ? null : strings.get(text);
      return shared != null ? shared : keep(strings, text, new JsonPrimitive(text));
    }

    JsonPrimitive number(Number number) {
      String text = number.toString();
      JsonPrimitive shared = text.length() > MAX_SHARED_CHARS ? null : numbers.get(text);
      return shared != null ? shared : keep(numbers, text, new JsonPrimitive(number));
    }

    static JsonPrimitive bool(boolean value) {
      return value ? TRUE : FALSE;
    }

    /** {@code value}, kept in {@code table} under {@code text} while the table has room. */
    private static JsonPrimitive keep(
        Map<String, JsonPrimitive> table, String text, JsonPrimitive value) {
      if (text.length() <= MAX_SHARED_CHARS && table.size() < MAX_ENTRIES) {
        table.put(text, value);
      }
      return value;
    }
  }

  /**
   * {@link #read(JsonReader, ResponseLimits)}, sharing names and short values through {@code
   * shared}.
   */
  public static JsonElement read(JsonReader in, ResponseLimits limits, Shared shared)
      throws IOException {
    Deque<JsonElement> open = new ArrayDeque<>();
    JsonElement root = null;
    do {
      JsonElement parent = open.peek();
      if (parent != null && !in.hasNext()) {
        if (parent.isJsonObject()) {
          in.endObject();
        } else {
          in.endArray();
        }
        open.pop();
        continue;
      }
      String name =
          parent != null && parent.isJsonObject()
              ? shared.name(checked(in.nextName(), limits))
              : null;
      JsonElement value;
      switch (in.peek()) {
        case BEGIN_OBJECT:
          in.beginObject();
          value = new JsonObject();
          break;
        case BEGIN_ARRAY:
          in.beginArray();
          value = new JsonArray();
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
          value = Shared.bool(in.nextBoolean());
          break;
        case NULL:
          in.nextNull();
          value = JsonNull.INSTANCE;
          break;
        default:
          throw new IllegalStateException("Expected a JSON value but was " + in.peek());
      }
      if (parent == null) {
        root = value;
      } else if (name != null) {
        parent.getAsJsonObject().add(name, value);
      } else {
        parent.getAsJsonArray().add(value);
      }
      if (value.isJsonObject() || value.isJsonArray()) {
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
