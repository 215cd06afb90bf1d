package com.phala.cloud.internal.json;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** Writes trees read by {@link JsonTreeReader} back out as JSON, numbers exactly as received. */
public final class JsonWriting {
  private JsonWriting() {}

  /** A compact JSON writer that keeps nulls and does not escape HTML characters. */
  public static JsonWriter writer(Writer out) {
    JsonWriter writer = new JsonWriter(out);
    writer.setSerializeNulls(true);
    writer.setHtmlSafe(false);
    return writer;
  }

  /** {@code value} as compact JSON. */
  public static String toJson(Object value) {
    StringWriter out = new StringWriter();
    try {
      write(writer(out), value);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return out.toString();
  }

  /** Writes {@code value} (a tree node, a plain Java value or {@code null}) to {@code writer}. */
  public static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof JsonNumber) {
      writer.jsonValue(value.toString());
    } else if (value instanceof Boolean) {
      writer.value((Boolean) value);
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<?, ?> member : ((Map<?, ?>) value).entrySet()) {
        writer.name(String.valueOf(member.getKey()));
        write(writer, member.getValue());
      }
      writer.endObject();
    } else if (value instanceof List) {
      writer.beginArray();
      for (Object item : (List<?>) value) {
        write(writer, item);
      }
      writer.endArray();
    } else {
      writer.value(value.toString());
    }
  }
}
