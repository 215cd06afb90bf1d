package com.phala.cloud.internal.json;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads JSON values into {@link JsonObjectNode} / {@link JsonArrayNode} trees in one streaming
 * pass. Gson's exceptions (malformed JSON, wrong tokens, too deep nesting) pass through to the
 * caller, which turns them into the library's own.
 */
public final class JsonTreeReader {
  /** Deeper than any API object; bounds the recursion and the stack on hostile input. */
  public static final int MAX_NESTING = 64;

  private JsonTreeReader() {}

  /** A strict reader over {@code in} with the library's nesting limit. */
  public static JsonReader strictReader(Reader in) {
    JsonReader reader = new JsonReader(in);
    reader.setStrictness(Strictness.STRICT);
    reader.setNestingLimit(MAX_NESTING);
    return reader;
  }

  /** Reads the next value, whatever its type. */
  public static Object readValue(JsonReader reader) throws IOException {
    JsonToken token = reader.peek();
    switch (token) {
      case BEGIN_OBJECT:
        return readObject(reader);
      case BEGIN_ARRAY:
        return readArray(reader);
      case STRING:
        return reader.nextString();
      case NUMBER:
        return new JsonNumber(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        reader.nextNull();
        return null;
      default:
        throw new IllegalStateException("Expected a JSON value but was " + token);
    }
  }

  /** Reads the next value, which must be an object. */
  public static JsonObjectNode readObject(JsonReader reader) throws IOException {
    reader.beginObject();
    JsonObjectNode object = new JsonObjectNode(8);
    while (reader.hasNext()) {
      String name = reader.nextName();
      object.putMember(name, readValue(reader));
    }
    reader.endObject();
    return object;
  }

  private static JsonArrayNode readArray(JsonReader reader) throws IOException {
    reader.beginArray();
    JsonArrayNode array = new JsonArrayNode();
    while (reader.hasNext()) {
      array.append(readValue(reader));
    }
    reader.endArray();
    return array;
  }
}
