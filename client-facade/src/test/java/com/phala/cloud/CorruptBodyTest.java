package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.reliability.LoopbackServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A gzip body that does not decode is a response that cannot be used ({@link
 * PhalaInvalidDataException}, not retried: the same bytes would come back), while a body the
 * connection cuts short stays a network failure whose message says the list was cut.
 */
class CorruptBodyTest {
  private LoopbackServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  /** Reads the whole list, as a list or as a stream. */
  private Throwable read(boolean stream) {
    try (PhalaCloud client =
        PhalaCloud.builder().baseUrl(server.baseUrl()).apiKey("test-key-corrupt").build()) {
      return catchThrowable(
          () -> {
            if (stream) {
              try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
                cvms.forEach(cvm -> {});
              }
            } else {
              client.cvms().list(CvmShape.LEGACY);
            }
          });
    }
  }

  private void serveGzip(Function<byte[], byte[]> spoil) {
    byte[] gzip;
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(StubApi.exampleBytes("cvms-full.json"));
      out.finish();
      gzip = spoil.apply(bytes.toByteArray());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    server =
        new LoopbackServer(
            exchange -> {
              exchange.getResponseHeaders().set("Content-Type", "application/json");
              exchange.getResponseHeaders().set("Content-Encoding", "gzip");
              exchange.sendResponseHeaders(200, gzip.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(gzip);
              }
            });
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aDeflateStreamThatDoesNotDecodeIsUnusableData(boolean stream) {
    // After the ten-byte header, 0xFF starts a block of the reserved type 3: the inflater refuses.
    serveGzip(
        gzip -> {
          byte[] spoiled = gzip.clone();
          Arrays.fill(spoiled, 10, 20, (byte) 0xFF);
          return spoiled;
        });

    Throwable thrown = read(stream);

    assertThat(thrown)
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageContaining("gzip compression does not decode");
    assertThat(server.requests()).as("not retried").isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aWrongChecksumIsUnusableData(boolean stream) {
    serveGzip(
        gzip -> {
          byte[] spoiled = gzip.clone();
          spoiled[spoiled.length - 8] ^= 0x55; // the CRC-32 of the trailer
          return spoiled;
        });

    Throwable thrown = read(stream);

    assertThat(thrown)
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageContaining("gzip compression does not decode");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBodyCutShortIsANetworkFailureThatSaysSo(boolean stream) {
    byte[] json = StubApi.exampleBytes("cvms-full.json");
    server =
        new LoopbackServer(
            exchange -> {
              exchange.getResponseHeaders().set("Content-Type", "application/json");
              exchange.sendResponseHeaders(200, json.length);
              OutputStream out = exchange.getResponseBody();
              out.write(json, 0, json.length / 2);
              out.flush();
              // The exchange closes with half of the promised length written.
            });

    Throwable thrown = read(stream);

    assertThat(thrown).isInstanceOf(PhalaIoException.class);
    assertThat(thrown).isNotInstanceOf(PhalaInvalidDataException.class);
    if (stream) {
      assertThat(thrown)
          .hasMessageContaining("the connection closed before the list ended")
          .hasMessageNotContaining(": null");
    }
  }
}
