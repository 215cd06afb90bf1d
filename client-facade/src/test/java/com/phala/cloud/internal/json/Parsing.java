package com.phala.cloud.internal.json;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helpers: the two parsers side by side, and the contract's examples. */
final class Parsing {
  /** Buffer sizes that make tokens straddle refills at every position, and the default. */
  static final int[] BUFFER_SIZES = {1, 2, 3, 4, 5, 7, 16, 61, Utf8JsonParser.DEFAULT_BUFFER_SIZE};

  private Parsing() {}

  /** The document in {@code body} as {@link Utf8JsonParser} reads it. */
  static Object bytePath(byte[] body, int bufferSize) throws IOException {
    try (Utf8JsonParser parser = new Utf8JsonParser(new ByteArrayInputStream(body), bufferSize)) {
      return parser.readDocument();
    }
  }

  /** The same, from a stream that hands out one byte per read, as a slow network might. */
  static Object bytePathTrickled(byte[] body) throws IOException {
    try (Utf8JsonParser parser = new Utf8JsonParser(trickle(body), 4)) {
      return parser.readDocument();
    }
  }

  /**
   * The document as the {@code Reader} path reads it: the bytes decoded by an {@link
   * InputStreamReader} (replacing malformed UTF-8) and parsed by Gson's strict reader. Throws
   * whatever Gson throws.
   */
  static Object gsonPath(byte[] body) throws IOException {
    JsonReader reader =
        JsonTreeReader.strictReader(
            new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    Object value = JsonTreeReader.readValue(reader);
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new IllegalStateException("more data after the document");
    }
    return value;
  }

  /** A tree as compact JSON: member order and number text included, so equal means identical. */
  static String json(Object tree) {
    return JsonWriting.toJson(tree);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A contract example from the test classpath (packaged with the generated client). */
  static byte[] example(String name) {
    String path = "/META-INF/phala-cloud/openapi/examples/" + name;
    try (InputStream in = Parsing.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not on the test classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stream over {@code body} that returns at most one byte per read. */
  static InputStream trickle(byte[] body) {
    return new FilterInputStream(new ByteArrayInputStream(body)) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        return super.read(buffer, offset, Math.min(length, 1));
      }
    };
  }
}
