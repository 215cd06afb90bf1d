package com.phala.cloud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phala.cloud.errors.PhalaInvalidDataException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass reader of a body that must be a JSON array of objects, and where it says a bad body
 * broke.
 */
class CvmArrayReaderTest {

  @Test
  void readsTheObjectsOneByOneCountingThem() throws IOException {
    try (CvmArrayReader reader = reader(new StringReader("[{\"a\":1},{\"b\":2}]"))) {
      assertThat(reader.index()).isZero();
      assertThat(reader.hasNext()).isTrue();
      assertThat(reader.next().toString()).isEqualTo("{\"a\":1}");
      assertThat(reader.index()).isEqualTo(1);
      assertThat(reader.hasNext()).isTrue();
      assertThat(reader.next().toString()).isEqualTo("{\"b\":2}");
      assertThat(reader.hasNext()).isFalse();
      assertThat(reader.hasNext()).isFalse();
    }
  }

  @Test
  void anEmptyArrayHasNoObjects() throws IOException {
    try (CvmArrayReader reader = reader(new StringReader(" [ ] \n"))) {
      assertThat(reader.hasNext()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"detail\":\"Not authenticated\"}", "\"oops\"", "42", "null", "true"})
  void aBodyThatIsNotAnArrayBreaksAtTheRoot(String body) {
    assertInvalidAt("$", readAll(body));
  }

  @Test
  void anEmptyBodyIsInvalidData() {
    assertThat(catchThrowableOfType(PhalaInvalidDataException.class, readAll(""))).isNotNull();
  }

  @Test
  void anHtmlPageIsInvalidDataShowingWhatCame() {
    PhalaInvalidDataException thrown =
        catchThrowableOfType(
            PhalaInvalidDataException.class, readAll("<html><body>Captive portal</body></html>"));

    assertThat(thrown).isNotNull();
    assertThat(thrown.snippet()).contains("Captive portal");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[{}, 42]", "[{}, \"x\"]", "[{}, []]", "[{}, null]", "[{}, false]"})
  void anItemThatIsNotAnObjectBreaksAtItsIndex(String body) {
    assertInvalidAt("$[1]", readAll(body));
  }

  @Test
  void dataAfterTheArrayIsInvalid() {
    assertThat(catchThrowableOfType(PhalaInvalidDataException.class, readAll("[{}] [{}]")))
        .hasMessageContaining("after the array");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{'a':1}]",
        "[{\"a\":NaN}]",
        "[{\"a\":1,}]",
        "[{a:1}]",
        "[{\"a\":1}//x\n]",
        "[{\"a\":01}]"
      })
  void lenientJsonIsRejected(String body) {
    assertThat(catchThrowableOfType(PhalaInvalidDataException.class, readAll(body))).isNotNull();
  }

  @Test
  void aBodyCutShortSaysItEndedMidway() {
    assertThat(
            catchThrowableOfType(PhalaInvalidDataException.class, readAll("[{\"a\":{\"b\":[1,2")))
        .hasMessageContaining("ended in the middle");
  }

  @Test
  void nestingDeeperThanTheLimitIsInvalidDataNotAStackOverflow() {
    String deep = "[{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}]";

    assertThat(catchThrowableOfType(PhalaInvalidDataException.class, readAll(deep))).isNotNull();
  }

  @Test
  void theSnippetOfAHugeBodyIsBounded() {
    String huge = "[" + "{\"a\":1},".repeat(100_000) + "oops]";

    PhalaInvalidDataException thrown =
        catchThrowableOfType(PhalaInvalidDataException.class, readAll(huge));

    assertThat(thrown.snippet()).hasSizeLessThanOrEqualTo(400).contains("oops");
    assertThat(thrown.getMessage()).hasSizeLessThan(1_000);
    assertThat(thrown.where()).isEqualTo("$[100000]");
  }

  @Test
  void aReadFailurePassesThroughAsIoException() {
    Reader failing =
        new Reader() {
          @Override
          public int read(char[] buffer, int offset, int length) throws IOException {
            throw new IOException("connection reset");
          }

          @Override
          public void close() {}
        };

    assertThatThrownBy(() -> reader(failing).hasNext())
        .isExactlyInstanceOf(IOException.class)
        .hasMessage("connection reset");
  }

  private static CvmArrayReader reader(Reader body) {
    return new CvmArrayReader(body, com.phala.cloud.ResponseLimits.DEFAULTS, true);
  }

  private static ThrowingCallable readAll(String body) {
    return () -> {
      try (CvmArrayReader reader = reader(new StringReader(body))) {
        while (reader.hasNext()) {
          reader.next();
        }
      }
    };
  }

  private static void assertInvalidAt(String where, ThrowingCallable read) {
    PhalaInvalidDataException thrown = catchThrowableOfType(PhalaInvalidDataException.class, read);

    assertThat(thrown).as("PhalaInvalidDataException").isNotNull();
    assertThat(thrown.where()).isEqualTo(where);
  }
}
