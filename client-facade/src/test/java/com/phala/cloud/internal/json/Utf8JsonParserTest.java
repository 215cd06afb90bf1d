package com.phala.cloud.internal.json;

import static com.phala.cloud.internal.json.Parsing.BUFFER_SIZES;
import static com.phala.cloud.internal.json.Parsing.bytePath;
import static com.phala.cloud.internal.json.Parsing.bytePathTrickled;
import static com.phala.cloud.internal.json.Parsing.gsonPath;
import static com.phala.cloud.internal.json.Parsing.json;
import static com.phala.cloud.internal.json.Parsing.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte parser builds the same trees as the Gson path, at every buffer size. */
class Utf8JsonParserTest {
  /** Valid JSON that exercises every branch: escapes, UTF-8, surrogates, numbers, nesting. */
  static Stream<String> tricky() {
    return Stream.of(
        "[]",
        "{}",
        "[[]]",
        "[{}]",
        "{\"a\":{}}",
        "{\"a\":[]}",
        "[[[[]]],{},[{}]]",
        " \t\r\n[ \t\r\n1 \t\r\n, \t\r\n2 \t\r\n] \t\r\n",
        "\"\"",
        "\"plain\"",
        "0",
        "-0",
        "-0.0",
        "1.50",
        "1e400",
        "1E+2",
        "1e-7",
        "0e5",
        "-1.5E-10",
        "123456789012345678901234567890",
        "-9223372036854775808",
        "9223372036854775808",
        "true",
        "false",
        "null",
        "[true,false,null]",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        "\"\\u0000\\u001f\\u00e9\\u20AC\\uFFFF\"",
        "\"\\uD83D\\uDE00 pair\"",
        "\"lone \\uD800 high\"",
        "\"lone \\uDC00 low\"",
        "\"\\uDE00\\uD83D reversed\"",
        "\"caf\u00e9 \u20ac \ud83d\ude00 \u4e2d\u6587\"",
        "\"\u00e9\\n\u00e9\"",
        "\"\\n\u20ac\"",
        "\"\u20ac\\n\"",
        "\"\u007f del is allowed\"",
        "\"" + "line \\\"quoted\\\"\\n".repeat(200) + "\"",
        "\"" + "x".repeat(300) + "\\n\u00e9" + "y".repeat(300) + "\"",
        "\"" + "\\t".repeat(300) + "\\u00e9\"",
        "{\"a\":1,\"a\":2}",
        "{\"a\":1,\"b\":2,\"a\":3,\"b\":4,\"c\":5}",
        "{\"\":\"empty name\"}",
        "{\"n\\u0061me\":\"escaped name\",\"name\":\"same name\"}",
        "{\"caf\u00e9\":1,\"cafe\\u0301\":2}",
        "{\"a_name_well_over_forty_eight_bytes_long_so_it_is_not_cached\":1}",
        "{\"k\":[1,{\"k\":[2,{\"k\":[3]}]}]}",
        "[1,-1,0.5,{\"x\":[\"y\",{\"z\":null}]},\"s\",true]");
  }

  @ParameterizedTest
  @MethodSource("tricky")
  void sameTreeAsGsonAtEveryBufferSize(String document) throws Exception {
    byte[] body = utf8(document);
    String expected = json(gsonPath(body));
    for (int size : BUFFER_SIZES) {
      assertThat(json(bytePath(body, size))).as("buffer size %d", size).isEqualTo(expected);
    }
    assertThat(json(bytePathTrickled(body))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cvms-full.json", "cvms-minimal.json"})
  void contractExamplesGiveTheSameTreeAsGson(String example) throws Exception {
    byte[] body = Parsing.example(example);
    Object expected = gsonPath(body);
    for (int size : BUFFER_SIZES) {
      Object actual = bytePath(body, size);
      assertThat(json(actual)).as("buffer size %d", size).isEqualTo(json(expected));
      assertThat(actual).isEqualTo(expected);
    }
    assertThat(json(bytePathTrickled(body))).isEqualTo(json(expected));
  }

  @Test
  void numbersKeepTheirExactText() throws Exception {
    List<?> numbers =
        (List<?>) bytePath(utf8("[-0,1.50,1e400,123456789012345678901234567890,0.1E-2]"), 3);
    assertThat(numbers).allSatisfy(n -> assertThat(n).isInstanceOf(JsonNumber.class));
    assertThat(numbers)
        .extracting(Object::toString)
        .containsExactly("-0", "1.50", "1e400", "123456789012345678901234567890", "0.1E-2");
  }

  @Test
  void sharedSmallNumbersKeepTheirOwnText() throws Exception {
    StringBuilder doc = new StringBuilder("[");
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 1100; i += 7) {
        doc.append(i)
            .append(',')
            .append(i + 64)
            .append(',')
            .append(-i)
            .append(',')
            .append(i)
            .append(".0,");
      }
    }
    doc.append("999999,1000000,123456,1234567,0,0]");
    byte[] body = utf8(doc.toString());
    assertThat(json(bytePath(body, 5))).isEqualTo(json(gsonPath(body)));
  }

  @Test
  void objectsOfManyShapesKeepTheirOwnNames() throws Exception {
    // Same member counts with other names, same names in another order, and more shapes than
    // the parser keeps, interleaved so shapes replace each other.
    StringBuilder doc = new StringBuilder("[");
    for (int i = 0; i < 300; i++) {
      doc.append(i > 0 ? "," : "");
      switch (i % 4) {
        case 0:
          doc.append("{\"a\":1,\"b\":2,\"c\":3}");
          break;
        case 1:
          doc.append("{\"b\":1,\"a\":2,\"c\":3}");
          break;
        case 2:
          doc.append("{\"k").append(i).append("\":1,\"b\":2,\"c\":3}");
          break;
        default:
          doc.append("{\"a\":1,\"b\":2,\"c\":3,\"a\":4,\"n\":{\"x\":").append(i).append("}}");
      }
    }
    byte[] body = utf8(doc.append(']').toString());
    assertThat(json(bytePath(body, 64))).isEqualTo(json(gsonPath(body)));
  }

  @Test
  void aRepeatedNameKeepsItsFirstPlaceAndItsLastValue() throws Exception {
    JsonObjectNode object =
        (JsonObjectNode) bytePath(utf8("{\"a\":1,\"b\":2,\"a\":{\"x\":3}}"), 16);
    assertThat(object.size()).isEqualTo(2);
    assertThat(object.keyAt(0)).isEqualTo("a");
    assertThat(object.valueAt(0)).isEqualTo(Map.of("x", new JsonNumber("3")));
    assertThat(object.keyAt(1)).isEqualTo("b");
  }

  @Test
  void manyRepeatedNamesAmongManyMembersAllCollapse() throws Exception {
    // More than 64 distinct names, so name-hash bits collide and the duplicate scan must decide.
    StringBuilder doc = new StringBuilder("{");
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 100; i++) {
        doc.append(doc.length() > 1 ? "," : "").append("\"m").append(i).append("\":").append(round);
      }
    }
    JsonObjectNode object = (JsonObjectNode) bytePath(utf8(doc.append('}').toString()), 64);
    assertThat(object.size()).isEqualTo(100);
    assertThat(object.keyAt(99)).isEqualTo("m99");
    assertThat(object.get("m42")).isEqualTo(new JsonNumber("2"));
    assertThat(json(object)).isEqualTo(json(gsonPath(utf8(doc.toString()))));
  }

  @Test
  void memberNamesAreInternedSoLookupsMatchByIdentity() throws Exception {
    String runtimeName = new String(new char[] {'h', 'o', 's', 't', 'e', 'd'});
    JsonObjectNode object =
        (JsonObjectNode) bytePath(utf8("{\"hosted\":1,\"caf\u00e9\":2,\"n\\u0061me\":3}"), 7);
    assertThat(object.keyAt(0)).isSameAs("hosted");
    assertThat(object.keyAt(1)).isSameAs("caf\u00e9");
    assertThat(object.keyAt(2)).isSameAs("name");
    assertThat(object.get(runtimeName)).isEqualTo(new JsonNumber("1"));
  }

  @Test
  void aHugeStringGrowsTheBufferAndArrivesWhole() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 300_000; i++) {
      text.append(i % 7 == 0 ? "\u00e9\\n" : "abcdefghij").append(i);
    }
    byte[] body = utf8("[\"" + text + "\",1]");
    String expected = json(gsonPath(body));
    assertThat(json(bytePath(body, 16))).isEqualTo(expected);
    assertThat(json(bytePath(body, Utf8JsonParser.DEFAULT_BUFFER_SIZE))).isEqualTo(expected);
  }

  @Test
  void nestingUpToTheLimitIsAccepted() throws Exception {
    int limit = JsonTreeReader.MAX_NESTING;
    byte[] arrays = utf8("[".repeat(limit) + "]".repeat(limit));
    assertThat(json(bytePath(arrays, 5))).isEqualTo(json(gsonPath(arrays)));
    byte[] objects = utf8("{\"a\":".repeat(limit - 1) + "{}" + "}".repeat(limit - 1));
    assertThat(json(bytePath(objects, 5))).isEqualTo(json(gsonPath(objects)));
  }

  @Test
  void aLeadingUtf8ByteOrderMarkIsSkippedLikeGsonSkipsIt() throws Exception {
    byte[] body = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'};
    for (int size : BUFFER_SIZES) {
      assertThat(json(bytePath(body, size))).isEqualTo("[1]");
    }
    assertThat(json(gsonPath(body))).isEqualTo("[1]");
  }

  /**
   * Bytes that are not UTF-8 inside strings read as U+FFFD, exactly as the JDK decoder on the
   * Reader path replaces them (same number of replacement characters), so both paths agree.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "80",
        "BF",
        "C0 80",
        "C1 BF",
        "C2",
        "C2 41",
        "E0 80 80",
        "E0 9F BF",
        "E2 82",
        "E2 82 41",
        "ED A0 80",
        "ED BF BF",
        "EF BF",
        "F0 80 80 80",
        "F0 9F 98",
        "F0 9F 98 41",
        "F4 90 80 80",
        "F5 80 80 80",
        "F8 88 80 80 80",
        "FE",
        "FF",
        "C3 A9 80 C3",
        "E2 82 AC E2 82 AC",
        "F0 9F 98 80"
      })
  void malformedUtf8InAStringReadsAsReplacementCharacters(String hex) throws Exception {
    for (String template :
        new String[] {
          "[\"a%sb\"]", "[\"%s\"]", "[\"%s\\n%s\"]", "{\"k%s\":1}", "[\"x\\u0041%s\"]"
        }) {
      byte[] body = withBytes(template, hex);
      String expected = json(gsonPath(body));
      for (int size : BUFFER_SIZES) {
        assertThat(json(bytePath(body, size)))
            .as("%s in %s, buffer %d", hex, template, size)
            .isEqualTo(expected);
      }
      if (!hex.equals("E2 82 AC E2 82 AC") && !hex.equals("F0 9F 98 80")) {
        assertThat(expected).contains("\ufffd");
      }
    }
  }

  /** {@code template} with each {@code %s} replaced by the bytes written in {@code hex}. */
  private static byte[] withBytes(String template, String hex) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] parts = template.split("%s", -1);
    for (int i = 0; i < parts.length; i++) {
      out.writeBytes(utf8(parts[i]));
      if (i < parts.length - 1) {
        for (String b : hex.split(" ")) {
          out.write(Integer.parseInt(b, 16));
        }
      }
    }
    return out.toByteArray();
  }
}
