package com.phala.cloud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.json.JsonObjectNode;
import com.phala.cloud.internal.json.Mutations;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The byte reader keeps {@link CvmArrayReader}'s contract: same objects, same errors. */
class Utf8CvmArrayReaderTest {
  private static final String FULL = "/META-INF/phala-cloud/openapi/examples/cvms-full.json";

  @Test
  void readsTheExampleObjectByObjectLikeTheReaderPath() throws IOException {
    byte[] body = resource(FULL);
    List<String> expected = readAll(new CvmArrayReader(reader(body)));
    assertThat(expected).hasSize(3);
    for (int size : new int[] {1, 5, 64, 16 * 1024}) {
      assertThat(readAll(new Utf8CvmArrayReader(new ByteArrayInputStream(body), size)))
          .isEqualTo(expected);
    }
  }

  @Test
  void hasNextCanBeAskedAgainAndIndexCountsObjectsRead() throws IOException {
    try (Utf8CvmArrayReader reader = reader("[{\"a\":1} , {\"b\":2}]")) {
      assertThat(reader.index()).isZero();
      assertThat(reader.hasNext()).isTrue();
      assertThat(reader.hasNext()).isTrue();
      assertThat(reader.next())
          .containsEntry("a", new com.phala.cloud.internal.json.JsonNumber("1"));
      assertThat(reader.index()).isEqualTo(1);
      assertThat(reader.next()).containsKey("b");
      assertThat(reader.index()).isEqualTo(2);
      assertThat(reader.hasNext()).isFalse();
      assertThat(reader.hasNext()).isFalse();
      assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
    }
  }

  @Test
  void anEmptyArrayHasNoObjects() throws IOException {
    try (Utf8CvmArrayReader reader = reader(" [ ] \n")) {
      assertThat(reader.hasNext()).isFalse();
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                      | $    | The API sent an empty body where a JSON array of CVMs belongs",
        "' \n '                  | $    | The API sent an empty body where a JSON array of CVMs belongs",
        "{\"error\":\"nope\"}    | $    | The API sent an object where a JSON array of CVMs belongs",
        "\"text\"                | $    | The API sent a string where a JSON array of CVMs belongs",
        "42                      | $    | The API sent a number where a JSON array of CVMs belongs",
        "null                    | $    | The API sent null where a JSON array of CVMs belongs",
        "<html>                  | $    | The API sent malformed JSON at $: expected a value but found '<'",
        "[{},1]                  | $[1] | The API sent a number where a CVM object belongs",
        "[[]]                    | $[0] | The API sent an array where a CVM object belongs",
        "[{},\"x\"]              | $[1] | The API sent a string where a CVM object belongs",
        "[{},nul]                | $[1] | The API sent malformed JSON at $[1]",
        "[{\"hosted\":{\"name\":x}}] | $[0].hosted.name | The API sent malformed JSON at $[0].hosted.name",
        "[{\"a\":1}              | $[1] | The API's response ended in the middle of the JSON at $[1]",
        "[{\"a\":1},             | $[1] | The API's response ended in the middle of the JSON at $[1]",
        "[{\"a\":                | $[0].a | The API's response ended in the middle of the JSON at $[0].a",
        "[{},]                   | $[1] | The API sent malformed JSON at $[1]",
        "[{}{}]                  | $[1] | The API sent malformed JSON at $[1]",
        "[{}] x                  | $    | The API sent more data after the array of CVMs at $. Received: [{}] x",
        "[{}][]                  | $    | The API sent more data after the array of CVMs"
      })
  void anythingButAnArrayOfObjectsIsInvalidDataWithPathAndSnippet(
      String body, String where, String message) {
    Throwable thrown = catchThrowable(() -> readAll(reader(body)));
    assertThat(thrown)
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageStartingWith(message);
    PhalaInvalidDataException invalid = (PhalaInvalidDataException) thrown;
    assertThat(invalid.where()).isEqualTo(where);
    // Short bodies: the snippet is what was received up to and including the offending byte.
    assertThat(body.trim()).startsWith(invalid.snippet());
    // The Reader path refuses the same bodies, at the same place.
    Throwable gson = catchThrowable(() -> readAll(new CvmArrayReader(reader(utf8(body)))));
    assertThat(gson).isInstanceOf(PhalaInvalidDataException.class);
    assertThat(((PhalaInvalidDataException) gson).where()).isEqualTo(where);
  }

  @Test
  void afterInvalidDataEveryCallThrowsTheSameException() throws IOException {
    try (Utf8CvmArrayReader reader = reader("[{\"a\":1},{\"a\":tru},{\"a\":3}]")) {
      assertThat(reader.next()).containsKey("a");
      Throwable first = catchThrowable(reader::next);
      assertThat(first).isInstanceOf(PhalaInvalidDataException.class);
      assertThat(catchThrowable(reader::hasNext)).isSameAs(first);
      assertThat(catchThrowable(reader::next)).isSameAs(first);
      assertThat(reader.index()).isEqualTo(1);
    }
  }

  @Test
  void failuresOfTheStreamStayIoExceptions() {
    InputStream failing =
        new InputStream() {
          private int sent;

          @Override
          public int read() throws IOException {
            if (sent < 3) {
              return "[{}".charAt(sent++);
            }
            throw new java.io.EOFException("connection closed between chunks");
          }
        };
    assertThatThrownBy(() -> readAll(new Utf8CvmArrayReader(failing, 2)))
        .isInstanceOf(java.io.EOFException.class)
        .hasMessage("connection closed between chunks");
  }

  @Test
  void closingClosesTheStream() throws IOException {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream body =
        new ByteArrayInputStream(utf8("[]")) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    new Utf8CvmArrayReader(body).close();
    assertThat(closed).isTrue();
  }

  /**
   * Random damage to the full example: the byte reader only ever throws invalid data, and agrees
   * with the Reader path on which bodies are arrays of objects and what they hold.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void randomMutationsGiveTheReaderPathsObjectsOrInvalidData() {
    byte[] original = resource(FULL);
    Random random = new Random(77);
    for (int round = 0; round < 2000; round++) {
      byte[] body = Mutations.apply(original, random);
      if (random.nextBoolean()) {
        body = Mutations.apply(body, random);
      }
      byte[] input = body;
      List<String> expected;
      try {
        expected = readAll(new CvmArrayReader(reader(input)));
      } catch (PhalaInvalidDataException | IOException refused) {
        expected = null;
      }
      int size = 1 + random.nextInt(100);
      Throwable thrown =
          catchThrowable(
              () -> readAll(new Utf8CvmArrayReader(new ByteArrayInputStream(input), size)));
      if (expected == null) {
        assertThat(thrown)
            .as("round %d: %s", round, Mutations.show(body))
            .isInstanceOf(PhalaInvalidDataException.class);
      } else {
        assertThat(thrown).as("round %d: %s", round, Mutations.show(body)).isNull();
        try {
          assertThat(readAll(new Utf8CvmArrayReader(new ByteArrayInputStream(input), size)))
              .isEqualTo(expected);
        } catch (IOException impossible) {
          throw new UncheckedIOException(impossible);
        }
      }
    }
  }

  /** Every object, as its compact JSON, closing the reader. */
  private static List<String> readAll(CvmReader reader) throws IOException {
    List<String> objects = new ArrayList<>();
    try (CvmReader open = reader) {
      while (open.hasNext()) {
        JsonObjectNode object = open.next();
        objects.add(object.toString());
      }
    }
    return objects;
  }

  private static Utf8CvmArrayReader reader(String body) {
    return new Utf8CvmArrayReader(new ByteArrayInputStream(utf8(body)), 3);
  }

  private static InputStreamReader reader(byte[] body) {
    return new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String path) {
    try (InputStream in = Utf8CvmArrayReaderTest.class.getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
