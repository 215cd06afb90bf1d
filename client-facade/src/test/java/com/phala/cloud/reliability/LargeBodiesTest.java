package com.phala.cloud.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Very large bodies do not exhaust memory: a list of hundreds of megabytes, generated as it is
 * sent, streams through {@code cvms().stream(...)} with the live heap flat; and an error answer or
 * a proxy's page of 100 MB is read only as far as the message needs.
 */
class LargeBodiesTest {
  private static final long STREAM_MB = Mode.pick(200, 1_024);
  private static final long HUGE_MB = 100;
  private static final long HEAP_GROWTH_LIMIT = 32L << 20;

  private final ObservedHttp http = new ObservedHttp();
  private LoopbackServer server;

  @AfterEach
  void stop() {
    http.assertNothingLeaked();
    server.close();
  }

  @Test
  void aListOfHundredsOfMegabytesStreamsWithTheHeapFlat() throws Exception {
    long count = (STREAM_MB << 20) / ManyCvms.size(1);
    server =
        new LoopbackServer(
            exchange -> {
              exchange.getResponseHeaders().set("Content-Type", "application/json");
              exchange.sendResponseHeaders(200, 0);
              try (OutputStream out =
                  new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                ManyCvms.write(out, count);
              }
            });
    long before = Heap.usedAfterGc();
    long peak = before;
    long read = 0;
    long started = System.nanoTime();

    try (PhalaCloud client = http.client(server.baseUrl()).maxRetries(0).build();
        CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      for (Cvm cvm : cvms) {
        if (read % 4_096 == 0) {
          assertThat(cvm.name()).isEqualTo(ManyCvms.name(read));
        }
        if (read == count / 4 || read == count / 2 || read == count * 3 / 4) {
          peak = Math.max(peak, Heap.usedAfterGc());
        }
        read++;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(read).isEqualTo(count);
    assertThat(peak - before)
        .as("live heap growth while streaming, bytes")
        .isLessThan(HEAP_GROWTH_LIMIT);
    Figures.put(
        "7 stream",
        String.format(
            "large body: %,.0f MB (%,d CVMs) streamed in %.1f s; live heap during the"
                + " stream at most %+.1f MB over the start",
            ManyCvms.size(count) / 1048576.0, count, seconds, Heap.mb(peak - before)));
  }

  @Test
  void anErrorAnswerOf100MbIsReadOnlyAsFarAsTheMessageNeeds() {
    server = new LoopbackServer(exchange -> huge(exchange, 503, "application/json"));

    long before = Heap.usedAfterGc();
    try (PhalaCloud client = http.client(server.baseUrl()).maxRetries(0).build()) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> {
            assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
                .isInstanceOf(InternalServerException.class);
          });
    }

    assertThat(Heap.usedAfterGc() - before).isLessThan(HEAP_GROWTH_LIMIT);
  }

  @Test
  void aProxyPageOf100MbInsteadOfJsonIsReadOnlyAsFarAsTheMessageNeeds() {
    server = new LoopbackServer(exchange -> huge(exchange, 200, "text/html"));

    long before = Heap.usedAfterGc();
    try (PhalaCloud client = http.client(server.baseUrl()).maxRetries(0).build()) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> {
            assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
                .isInstanceOf(PhalaInvalidDataException.class);
            assertThatThrownBy(() -> client.cvms().stream(CvmShape.LEGACY))
                .isInstanceOf(PhalaInvalidDataException.class);
          });
    }

    assertThat(Heap.usedAfterGc() - before).isLessThan(HEAP_GROWTH_LIMIT);
  }

  /** Sends {@value #HUGE_MB} MB of one letter; the client may hang up long before the end. */
  private static void huge(HttpExchange exchange, int status, String type) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, HUGE_MB << 20);
    byte[] block = new byte[1 << 16];
    Arrays.fill(block, (byte) 'x');
    try (OutputStream out = exchange.getResponseBody()) {
      for (long sent = 0; sent < HUGE_MB << 20; sent += block.length) {
        out.write(block);
      }
    } catch (IOException hungUp) {
      // Expected: the client read what it needed and closed the connection.
    }
  }
}
