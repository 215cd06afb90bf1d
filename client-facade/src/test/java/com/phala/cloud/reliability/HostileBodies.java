package com.phala.cloud.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.phala.cloud.cvm.Examples;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of hostile response bodies, each an edit of the contract's full example: cut at any
 * byte, a wrong type at any value, nesting far past the limit, huge numbers, invalid UTF-8,
 * repeated and countless keys, strings of megabytes, and random byte mutations. Each body describes
 * itself briefly (never its megabytes) so a failing try says what it was.
 */
public final class HostileBodies {
  /** The contract's full example: three CVMs. */
  public static final String FULL_TEXT = Examples.text(Examples.FULL);

  private static final byte[] FULL = FULL_TEXT.getBytes(UTF_8);
  private static final String MARK = "@@hostile@@";
  private static final String QUOTED_MARK = "\"" + MARK + "\"";

  /** Every value of the full example (members and array items at every level), as steps. */
  private static final List<List<Object>> VALUE_PATHS = paths(Examples.tree(Examples.FULL), false);

  /** Every object of the full example (the array's CVMs and every object inside them). */
  private static final List<List<Object>> OBJECT_PATHS = paths(Examples.tree(Examples.FULL), true);

  /** Values of every JSON type, and the edge cases of each. */
  private static final List<String> WRONG_TYPES =
      List.of(
          "\"\"",
          "\"text\"",
          "\"never\"",
          "\"0\"",
          "0",
          "-1",
          "1.5",
          "-0",
          "2147483648",
          "9223372036854775808",
          "1e3",
          "true",
          "false",
          "null",
          "{}",
          "[]",
          "[1,\"a\",null,{}]",
          "{\"a\":{\"b\":[]}}",
          "[{}]",
          "{\"id\":null}",
          "\"\\u0000\"",
          "\"\\ud800\"");

  /**
   * Byte sequences that are not UTF-8: bad lead bytes, lone continuations, truncated, overlong,
   * surrogates.
   */
  private static final List<byte[]> INVALID_UTF8 =
      List.of(
          bytes(0xFF),
          bytes(0xFE, 0xFF),
          bytes(0x80),
          bytes(0xBF, 0xBF),
          bytes(0xC0, 0xAF),
          bytes(0xC1, 0xBF),
          bytes(0xE2, 0x82),
          bytes(0xE0, 0x80, 0xAF),
          bytes(0xED, 0xA0, 0x80),
          bytes(0xED, 0xBF, 0xBF),
          bytes(0xF0, 0x9F, 0x98),
          bytes(0xF4, 0x90, 0x80, 0x80),
          bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
          bytes(0xC3),
          bytes(0xEF, 0xBB, 0xBF));

  private HostileBodies() {}

  /** A response body and a short description of how it was made. */
  public static final class Body {
    private final String description;
    private final byte[] bytes;

    Body(String description, byte[] bytes) {
      this.description = description;
      this.bytes = bytes;
    }

    /** The body's bytes, as the server sends them. */
    public byte[] bytes() {
      return bytes;
    }

    /**
     * The body's text, as a UTF-8 decoder that replaces malformed input reads it (as OkHttp's
     * charStream does).
     */
    public String text() {
      return new String(bytes, UTF_8);
    }

    @Override
    public String toString() {
      return description + " (" + bytes.length + " bytes)";
    }
  }

  /** The full example cut after any number of bytes (0 to all but one). */
  public static Arbitrary<Body> truncated() {
    return Arbitraries.integers()
        .between(0, FULL.length - 1)
        .map(
            length ->
                new Body(
                    "full example cut after " + length + " bytes", Arrays.copyOf(FULL, length)));
  }

  /**
   * A value anywhere in the full example replaced by a value of another type (or an edge case of
   * its own).
   */
  public static Arbitrary<Body> wrongTypes() {
    return Combinators.combine(Arbitraries.of(VALUE_PATHS), Arbitraries.of(WRONG_TYPES))
        .as((path, value) -> replaced(path, value, "wrong type " + value));
  }

  /**
   * Arrays or objects nested 1 to 20,000 deep (the reader's limit is 64) at any value, or as the
   * whole body.
   */
  public static Arbitrary<Body> deeplyNested() {
    return Combinators.combine(
            Arbitraries.of(withRoot(VALUE_PATHS)),
            Arbitraries.integers().between(1, 20_000),
            Arbitraries.of("[", "{\"a\":", "[{\"a\":"))
        .as(
            (path, depth, opener) -> {
              String closer = opener.equals("[") ? "]" : opener.equals("{\"a\":") ? "}" : "}]";
              String nested = opener.repeat(depth) + "1" + closer.repeat(depth);
              return replaced(path, nested, "nested " + depth + " deep with " + opener);
            });
  }

  /**
   * Numbers with huge mantissas (up to a million digits), exponents and fractions, at any value.
   */
  public static Arbitrary<Body> hugeNumbers() {
    Arbitrary<String> numbers =
        Arbitraries.oneOf(
            Arbitraries.integers().between(20, 1_000_000).map(digits -> "9".repeat(digits)),
            Arbitraries.integers().between(20, 1_000_000).map(digits -> "-1" + "0".repeat(digits)),
            Arbitraries.integers().between(20, 1_000_000).map(digits -> "1." + "0".repeat(digits)),
            Arbitraries.integers()
                .between(20, 1_000_000)
                .map(digits -> "0." + "0".repeat(digits) + "1"),
            Arbitraries.of(
                "1e999999999",
                "-1e999999999",
                "1e-999999999",
                "1E+2147483647",
                "1e2147483648",
                "123456789012345678901234567890",
                "-9223372036854775809",
                "4294967296",
                "1.7976931348623157e309",
                "-0.0",
                "0e0",
                "1e19",
                "1e18"));
    return Combinators.combine(Arbitraries.of(withRoot(VALUE_PATHS)), numbers)
        .as(
            (path, number) ->
                replaced(
                    path,
                    number,
                    "number of " + number.length() + " characters " + abbreviate(number)));
  }

  /** Invalid UTF-8 byte sequences inserted at, or written over, any byte of the full example. */
  public static Arbitrary<Body> invalidUtf8() {
    return Combinators.combine(
            Arbitraries.integers().between(0, FULL.length),
            Arbitraries.of(INVALID_UTF8),
            Arbitraries.of(true, false))
        .as(
            (offset, sequence, overwrite) -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream(FULL.length + sequence.length);
              out.write(FULL, 0, offset);
              out.writeBytes(sequence);
              int resume = overwrite ? Math.min(FULL.length, offset + sequence.length) : offset;
              out.write(FULL, resume, FULL.length - resume);
              return new Body(
                  (overwrite ? "wrote " : "inserted ") + hex(sequence) + " at byte " + offset,
                  out.toByteArray());
            });
  }

  /**
   * An object anywhere given a member repeated up to 10,000 times with values of changing types, or
   * 1 to 50,000 distinct members (a look-up per member that scans would make that quadratic).
   */
  public static Arbitrary<Body> duplicatedKeys() {
    Arbitrary<String> names =
        Arbitraries.of(
            "name",
            "status",
            "hosted",
            "id",
            "vcpu",
            "public_urls",
            "uptime",
            "gpus",
            "events",
            "");
    return Combinators.combine(
            Arbitraries.of(OBJECT_PATHS),
            names,
            Arbitraries.integers().between(2, 10_000),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 50_000))
        .as(
            (path, name, copies, repeated, distinct) -> {
              StringBuilder members = new StringBuilder();
              if (repeated) {
                for (int i = 0; i < copies; i++) {
                  members
                      .append(i == 0 ? "" : ",")
                      .append('"')
                      .append(name)
                      .append("\":")
                      .append(WRONG_TYPES.get(i % WRONG_TYPES.size()));
                }
              } else {
                for (int i = 0; i < distinct; i++) {
                  members.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
                }
              }
              String description =
                  repeated
                      ? "member '" + name + "' repeated " + copies + " times"
                      : distinct + " distinct members";
              return withMembers(path, members.toString(), description + " in " + describe(path));
            });
  }

  /**
   * A string of 1 KB to 8 MB (plain, non-ASCII, escapes, backslashes, or a number with a unit of
   * megabytes, for the duration parser) as any value, or as a member name.
   */
  public static Arbitrary<Body> enormousStrings() {
    Arbitrary<Integer> sizes = Arbitraries.integers().between(1 << 10, 8 << 20);
    return Combinators.combine(
            Arbitraries.of(withRoot(VALUE_PATHS)),
            sizes,
            Arbitraries.of(StringKind.values()),
            Arbitraries.of(true, false))
        .as(
            (path, size, kind, asName) -> {
              String literal = kind.literal(size);
              List<Object> parent = path.isEmpty() ? path : path.subList(0, path.size() - 1);
              if (asName && OBJECT_PATHS.contains(parent)) {
                return withMembers(
                    parent,
                    literal + ":1",
                    kind + " member name of " + size + " units in " + describe(parent));
              }
              return replaced(path, literal, kind + " string of " + size + " units");
            });
  }

  /**
   * 1 to 32 random byte edits (flip, set, delete, insert, duplicate a slice) of the full example,
   * seeded.
   */
  public static Arbitrary<Body> randomMutations() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 32))
        .as(
            (seed, edits) ->
                new Body(edits + " random byte edits, seed " + seed, mutate(seed, edits)));
  }

  /** The string contents the enormous-string generator writes. */
  enum StringKind {
    ASCII,
    UNICODE,
    ESCAPES,
    BACKSLASHES,
    DURATION;

    String literal(int size) {
      switch (this) {
        case ASCII:
          return "\"" + "a".repeat(size) + "\"";
        case UNICODE:
          return "\"" + "é漢\uD83D\uDE00".repeat(Math.max(1, size / 4)) + "\"";
        case ESCAPES:
          return "\"" + "\\u0000\\n\\ud83d\\ude00".repeat(Math.max(1, size / 24)) + "\"";
        case DURATION:
          return "\"1" + "h".repeat(size) + "\"";
        default:
          return "\"" + "\\\\".repeat(Math.max(1, size / 2)) + "\"";
      }
    }
  }

  private static byte[] mutate(long seed, int edits) {
    Random random = new Random(seed);
    byte[] body = FULL.clone();
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(body.length + 1);
      switch (random.nextInt(5)) {
        case 0:
          if (at < body.length) {
            body[at] ^= (byte) (1 << random.nextInt(8));
          }
          break;
        case 1:
          if (at < body.length) {
            body[at] = (byte) random.nextInt(256);
          }
          break;
        case 2:
          if (at < body.length) {
            body = concat(Arrays.copyOf(body, at), Arrays.copyOfRange(body, at + 1, body.length));
          }
          break;
        case 3:
          body =
              concat(
                  Arrays.copyOf(body, at),
                  new byte[] {(byte) random.nextInt(256)},
                  Arrays.copyOfRange(body, at, body.length));
          break;
        default:
          int length = Math.min(body.length - at, 1 + random.nextInt(64));
          body =
              concat(Arrays.copyOf(body, at + length), Arrays.copyOfRange(body, at, body.length));
          break;
      }
    }
    return body;
  }

  /**
   * The full example with the value at {@code path} (the whole body for the empty path) replaced by
   * raw JSON.
   */
  private static Body replaced(List<Object> path, String rawJson, String what) {
    if (path.isEmpty()) {
      return new Body(what + " as the whole body", rawJson.getBytes(UTF_8));
    }
    JsonArray tree = Examples.tree(Examples.FULL);
    set(tree, path, new JsonPrimitive(MARK));
    String text = tree.toString().replace(QUOTED_MARK, rawJson);
    return new Body(what + " at " + describe(path), text.getBytes(UTF_8));
  }

  /** The full example with raw members added at the end of the object at {@code path}. */
  private static Body withMembers(List<Object> path, String rawMembers, String what) {
    JsonArray tree = Examples.tree(Examples.FULL);
    JsonObject object = at(tree, path).getAsJsonObject();
    object.add(MARK, new JsonPrimitive(MARK));
    String text = tree.toString().replace(QUOTED_MARK + ":" + QUOTED_MARK, rawMembers);
    return new Body(what, text.getBytes(UTF_8));
  }

  private static JsonElement at(JsonElement root, List<Object> path) {
    JsonElement at = root;
    for (Object step : path) {
      at =
          step instanceof Integer
              ? at.getAsJsonArray().get((Integer) step)
              : at.getAsJsonObject().get((String) step);
    }
    return at;
  }

  private static void set(JsonElement root, List<Object> path, JsonElement value) {
    JsonElement parent = at(root, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer) {
      parent.getAsJsonArray().set((Integer) last, value);
    } else {
      parent.getAsJsonObject().add((String) last, value);
    }
  }

  private static List<List<Object>> paths(JsonElement root, boolean objectsOnly) {
    List<List<Object>> paths = new ArrayList<>();
    collect(root, new ArrayList<>(), objectsOnly, paths);
    return Collections.unmodifiableList(paths);
  }

  private static void collect(
      JsonElement value, List<Object> path, boolean objectsOnly, List<List<Object>> out) {
    if (!path.isEmpty() && (!objectsOnly || value.isJsonObject())) {
      out.add(List.copyOf(path));
    }
    if (value.isJsonObject()) {
      for (String name : value.getAsJsonObject().keySet()) {
        path.add(name);
        collect(value.getAsJsonObject().get(name), path, objectsOnly, out);
        path.remove(path.size() - 1);
      }
    } else if (value.isJsonArray()) {
      for (int i = 0; i < value.getAsJsonArray().size(); i++) {
        path.add(i);
        collect(value.getAsJsonArray().get(i), path, objectsOnly, out);
        path.remove(path.size() - 1);
      }
    }
  }

  private static List<List<Object>> withRoot(List<List<Object>> paths) {
    List<List<Object>> all = new ArrayList<>(paths);
    all.add(List.of());
    return all;
  }

  private static String describe(List<Object> path) {
    StringBuilder out = new StringBuilder("$");
    for (Object step : path) {
      out.append(step instanceof Integer ? "[" + step + "]" : "." + step);
    }
    return out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 24
        ? text
        : text.substring(0, 12) + "..." + text.substring(text.length() - 8);
  }

  private static String hex(byte[] sequence) {
    StringBuilder out = new StringBuilder();
    for (byte b : sequence) {
      out.append(String.format("%02X", b & 0xFF));
    }
    return out.toString();
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
