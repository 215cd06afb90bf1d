package com.phala.cloud.internal.json;

import static com.phala.cloud.internal.json.Parsing.BUFFER_SIZES;
import static com.phala.cloud.internal.json.Parsing.bytePath;
import static com.phala.cloud.internal.json.Parsing.bytePathTrickled;
import static com.phala.cloud.internal.json.Parsing.gsonPath;
import static com.phala.cloud.internal.json.Parsing.json;
import static com.phala.cloud.internal.json.Parsing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.phala.cloud.errors.PhalaInvalidDataException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the bytes, the byte parser either builds the tree the Gson path builds or throws {@link
 * PhalaInvalidDataException}, with a path and a bounded snippet, and nothing else.
 */
class Utf8JsonParserMalformedTest {
  static Stream<String> malformed() {
    return Stream.of(
        // Empty, whitespace only, and trailing data.
        "",
        " ",
        "\n\t\r ",
        "[1] x",
        "[1],",
        "[1][2]",
        "{}{}",
        "[1]\u0000",
        "[1]\u000c",
        "1 2",
        // Numbers.
        "01",
        "-01",
        "1.",
        "-",
        "-.5",
        ".5",
        "+1",
        "1e",
        "1e+",
        "1E-",
        "1.e5",
        "0x10",
        "1..2",
        "1.5.3",
        "1e5e5",
        "1-2",
        "--1",
        "Infinity",
        "-Infinity",
        "NaN",
        "[01]",
        "[1.]",
        "[-]",
        "{\"a\":01}",
        "{\"a\":-}",
        // Literals.
        "tru",
        "nul",
        "fals",
        "True",
        "TRUE",
        "NULL",
        "nulls",
        "truex",
        "[t]",
        "[nil]",
        // Strings: termination, escapes, control characters.
        "\"",
        "\"abc",
        "\"\\",
        "\"\\\"",
        "\"\\x\"",
        "\"\\'\"",
        "\"\\u\"",
        "\"\\u12\"",
        "\"\\u12G4\"",
        "\"\\uZZZZ\"",
        "\"\\U0041\"",
        "\"\\\n\"",
        "\"a\u0000b\"",
        "\"a\nb\"",
        "\"a\tb\"",
        "\"a\u001fb\"",
        "'single'",
        "{'a':1}",
        "[\"a\"\"b\"]",
        // Structure.
        "[",
        "]",
        "{",
        "}",
        "[1,]",
        "[,1]",
        "[1,,2]",
        "[1 2]",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{,}",
        "{\"a\" 1}",
        "{\"a\":1 \"b\":2}",
        "{a:1}",
        "{1:1}",
        "{\"a\":1]",
        "[1}",
        "[{]}",
        ":",
        ",",
        // Comments and other leniencies.
        "[1]// c",
        "/* c */[1]",
        "# c\n[1]",
        "[1;2]",
        "{\"a\"=1}",
        "{\"a\"=>1}",
        // Whitespace JSON does not allow, and bytes that are not UTF-8 outside strings.
        "\u000b[1]",
        "\u00a0[1]",
        "[1,\u00a02]",
        "\u2028[1]",
        "\ufeff\ufeff[1]",
        "[1]\ufeff",
        // Too deep.
        "[".repeat(JsonTreeReader.MAX_NESTING + 1) + "]".repeat(JsonTreeReader.MAX_NESTING + 1),
        "{\"a\":".repeat(JsonTreeReader.MAX_NESTING)
            + "{}"
            + "}".repeat(JsonTreeReader.MAX_NESTING),
        "[".repeat(10_000));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedJsonIsInvalidDataAtEveryBufferSize(String document) {
    byte[] body = utf8(document);
    assertThat(catchThrowable(() -> gsonPath(body))).as("the Gson path refuses it too").isNotNull();
    for (int size : BUFFER_SIZES) {
      assertInvalid(body, size);
    }
    assertThat(catchThrowable(() -> bytePathTrickled(body)))
        .isInstanceOf(PhalaInvalidDataException.class);
  }

  @Test
  void invalidUtf8OutsideStringsIsMalformed() {
    for (byte[] body :
        new byte[][] {
          {(byte) 0xFF, '[', ']'},
          {'[', (byte) 0x80, ']'},
          {'[', '1', ',', (byte) 0xC3, (byte) 0xA9, ']'},
          {'{', (byte) 0xE2, (byte) 0x82, (byte) 0xAC, ':', '1', '}'},
          {'[', ']', (byte) 0xC0},
          {(byte) 0xEF, (byte) 0xBB}
        }) {
      assertThat(catchThrowable(() -> gsonPath(body))).isNotNull();
      for (int size : BUFFER_SIZES) {
        assertInvalid(body, size);
      }
    }
  }

  @Test
  void aUtf16ByteOrderMarkIsRefusedByName() {
    byte[] body = {(byte) 0xFE, (byte) 0xFF, 0, '[', 0, ']'};
    assertThatThrownBy(() -> bytePath(body, 16))
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageContaining("UTF-16 byte order mark");
    byte[] littleEndian = {(byte) 0xFF, (byte) 0xFE, '[', 0, ']', 0};
    assertThatThrownBy(() -> bytePath(littleEndian, 1))
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageContaining("UTF-16 byte order mark");
  }

  @Test
  void errorsNameThePathAndShowWhatWasReceived() {
    PhalaInvalidDataException e =
        assertInvalid(utf8("[{\"hosted\":{\"name\":\"x\",\"vcpu\":01}}]"), 4);
    assertThat(e.where()).isEqualTo("$[0].hosted.vcpu");
    assertThat(e.snippet()).startsWith("[{\"hosted\":{\"name\":\"x\",\"vcpu\":01");
    assertThat(e.getMessage())
        .startsWith("The API sent malformed JSON at $[0].hosted.vcpu: malformed number 01");

    e = assertInvalid(utf8("[1,2,{\"a\":[true,fals]}]"), 3);
    assertThat(e.where()).isEqualTo("$[2].a[1]");

    e = assertInvalid(utf8("[{\"a\":\"unterminated"), 5);
    assertThat(e.where()).isEqualTo("$[0].a");
    assertThat(e.getMessage())
        .startsWith("The API's response ended in the middle of the JSON at $[0].a.");
    assertThat(e.snippet()).isEqualTo("[{\"a\":\"unterminated");
  }

  @Test
  void snippetsStayBoundedAndShowTheStartOrTheBytesBeforeTheError() {
    String filler = "\"" + "x".repeat(5_000) + "\"";
    PhalaInvalidDataException late =
        assertInvalid(utf8("[" + filler + ",\"\u00e9\u0001tail\"]"), 64);
    // The bytes before the break, and up to 40 after it that were already read.
    assertThat(late.snippet())
        .startsWith("...")
        .contains("x\",\"\u00e9")
        .hasSizeLessThanOrEqualTo(163 + 40);
    PhalaInvalidDataException early = assertInvalid(utf8("[1,\u0001" + filler + "]"), 2);
    assertThat(early.snippet()).startsWith("[1,").hasSizeLessThanOrEqualTo(3 + 40 + 1);
  }

  /** Every proper prefix of a valid document is cut short; the whole is fine. */
  @Test
  void everyTruncationOfTheMinimalExampleIsInvalidData() throws Exception {
    byte[] body = Parsing.example("cvms-minimal.json");
    int end = lastIndexOf(body, (byte) ']') + 1;
    for (int length = 0; length < end; length++) {
      byte[] prefix = Arrays.copyOf(body, length);
      for (int size : new int[] {1, 3, 16, Utf8JsonParser.DEFAULT_BUFFER_SIZE}) {
        PhalaInvalidDataException e = assertInvalid(prefix, size);
        assertThat(e.snippet().length()).isLessThanOrEqualTo(2 * 160 + 3);
      }
    }
    for (int length = end; length <= body.length; length++) {
      assertThat(json(bytePath(Arrays.copyOf(body, length), 3))).isEqualTo(json(gsonPath(body)));
    }
  }

  /**
   * Random damage to the full example (flipped, inserted, deleted and duplicated bytes, and
   * truncation; fixed seed): the byte parser never throws anything but invalid data, never hangs,
   * and agrees with the Gson path on which inputs are JSON and what tree they make.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void randomMutationsOfTheFullExampleOnlyEverGiveTheGsonTreeOrInvalidData() throws Exception {
    byte[] original = Parsing.example("cvms-full.json");
    Random random = new Random(20260126);
    int accepted = 0;
    for (int round = 0; round < 4000; round++) {
      byte[] body = original;
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        body = Mutations.apply(body, random);
      }
      int size = BUFFER_SIZES[random.nextInt(BUFFER_SIZES.length)];
      Object expected;
      try {
        expected = gsonPath(body);
      } catch (Exception gsonRefused) {
        expected = gsonRefused;
      }
      byte[] input = body;
      Throwable thrown = catchThrowable(() -> bytePath(input, size));
      if (expected instanceof Exception) {
        assertThat(thrown)
            .as("round %d: %s", round, Mutations.show(body))
            .isInstanceOf(PhalaInvalidDataException.class);
      } else {
        assertThat(thrown).as("round %d: %s", round, Mutations.show(body)).isNull();
        assertThat(json(bytePath(body, size))).isEqualTo(json(expected));
        accepted++;
      }
    }
    // The mutations must not all be fatal, or the agreement on accepted inputs would go untested.
    assertThat(accepted).isGreaterThan(100);
  }

  private static PhalaInvalidDataException assertInvalid(byte[] body, int bufferSize) {
    Throwable thrown = catchThrowable(() -> bytePath(body, bufferSize));
    assertThat(thrown)
        .as("%s with buffer size %d", Mutations.show(body), bufferSize)
        .isInstanceOf(PhalaInvalidDataException.class);
    PhalaInvalidDataException invalid = (PhalaInvalidDataException) thrown;
    assertThat(invalid.where()).startsWith("$");
    assertThat(invalid.getMessage()).contains(" at " + invalid.where()).contains("Received: ");
    return invalid;
  }

  private static int lastIndexOf(byte[] bytes, byte b) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
