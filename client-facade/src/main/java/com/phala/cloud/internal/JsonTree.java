package com.phala.cloud.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.phala.cloud.ResponseLimits;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Reads JSON values into Gson's tree ({@link JsonObject} keeps member order; numbers stay {@link
 * LazilyParsedNumber}, their exact text) with Gson's strict {@link JsonReader}, checking the
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
    return read(in, limits, null);
  }

  /**
   * {@link #read(JsonReader, ResponseLimits)}, sharing member names through {@code names} (up to
   * 1,024 short ones; null: none), so a list's CVMs keep one copy of each, not one per CVM.
   */
  public static JsonElement read(JsonReader in, ResponseLimits limits, Map<String, String> names)
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
      String name = parent != null && parent.isJsonObject() ? checked(in.nextName(), limits) : null;
      if (name != null && names != null) {
        String seen = names.get(name);
        if (seen != null) {
          name = seen;
        } else if (names.size() < 1_024 && name.length() <= 64) {
          names.put(name, name);
        }
      }
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
          value = new JsonPrimitive(checked(in.nextString(), limits));
          break;
        case NUMBER:
          String number = in.nextString();
          if (number.length() > limits.maxNumberLength()) {
            throw new LimitExceeded(
                "maxNumberLength", limits.maxNumberLength(), "characters in one number");
          }
          value = new JsonPrimitive(new LazilyParsedNumber(number));
          break;
        case BOOLEAN:
          value = new JsonPrimitive(in.nextBoolean());
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
