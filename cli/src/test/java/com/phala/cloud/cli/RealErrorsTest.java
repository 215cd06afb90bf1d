package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An error of the JVM is not the API's: an {@link OutOfMemoryError} leaves the command as what it
 * is, never as exit code 4 ("the API sent unusable data").
 */
class RealErrorsTest {
  @Test
  void anOutOfMemoryErrorIsNotTurnedIntoAnExitCode() {
    Writer full =
        new Writer() {
          @Override
          public void write(char[] text, int offset, int length) {
            throw new OutOfMemoryError("the heap is full (thrown by this test)");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };

    assertThatThrownBy(
            () ->
                PhalaCvms.run(
                    new String[] {"list", "--sandbox", "-o", "json"},
                    Map.of(),
                    new PrintWriter(full),
                    new PrintWriter(new StringWriter())))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessageContaining("thrown by this test");
  }
}
