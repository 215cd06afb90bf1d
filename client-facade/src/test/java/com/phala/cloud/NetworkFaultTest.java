package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.phala.cloud.errors.PhalaIoException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken connections (reset, closed without an answer, a corrupt chunk, garbage instead of HTTP)
 * are retried like transient errors: a fault followed by a good answer succeeds, and a fault that
 * persists ends in {@link PhalaIoException} after the retries, or at once when retries are off.
 */
class NetworkFaultTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static ResponseDefinitionBuilder fault(Fault fault) {
    return aResponse().withFault(fault);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {
        "CONNECTION_RESET_BY_PEER",
        "EMPTY_RESPONSE",
        "MALFORMED_RESPONSE_CHUNK",
        "RANDOM_DATA_THEN_CLOSE"
      })
  void aFaultFollowedByAGoodAnswerSucceeds(Fault fault) {
    api.listingAnswersInTurn(fault(fault), StubApi.example("cvms-minimal.json"));

    assertThat(api.client().cvms().list(CvmShape.LEGACY)).hasSize(1);
    assertThat(api.listingRequests()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {
        "CONNECTION_RESET_BY_PEER",
        "EMPTY_RESPONSE",
        "MALFORMED_RESPONSE_CHUNK",
        "RANDOM_DATA_THEN_CLOSE"
      })
  void aPersistentFaultIsRetriedThenFailsWithPhalaIoException(Fault fault) {
    api.listingReturns(fault(fault));

    assertThatThrownBy(() -> api.client().cvms().list(CvmShape.LEGACY))
        .isExactlyInstanceOf(PhalaIoException.class)
        .hasMessageContaining("GET " + api.baseUrl() + "/cvms");
    assertThat(api.listingRequests()).isEqualTo(1 + PhalaCloud.DEFAULT_MAX_RETRIES);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {
        "CONNECTION_RESET_BY_PEER",
        "EMPTY_RESPONSE",
        "MALFORMED_RESPONSE_CHUNK",
        "RANDOM_DATA_THEN_CLOSE"
      })
  void withRetriesOffAFaultFailsAtOnceWithPhalaIoException(Fault fault) {
    api.listingReturns(fault(fault));

    assertThatThrownBy(
            () -> api.track(api.builder().maxRetries(0).build()).cvms().list(CvmShape.LEGACY))
        .isExactlyInstanceOf(PhalaIoException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(api.listingRequests()).isEqualTo(1);
  }

  /** Chunks sent before the connection closes: none at all, or the start of the array. */
  @ParameterizedTest
  @ValueSource(strings = {"", "d\r\n[{\"name\":\"a\"\r\n"})
  void aChunkedBodyCutShortByTheConnectionIsANetworkFailureAndRetried(String chunks)
      throws IOException {
    try (CutShortServer server = new CutShortServer(chunks)) {
      PhalaCloud client = api.track(api.builder().baseUrl(server.baseUrl()).build());

      assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
          .isExactlyInstanceOf(PhalaIoException.class)
          .hasCauseInstanceOf(IOException.class);
      assertThat(server.connections()).isEqualTo(1 + PhalaCloud.DEFAULT_MAX_RETRIES);
    }
  }

  @Test
  void aRefusedConnectionFailsWithPhalaIoExceptionNamingTheUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PhalaCloud client =
        api.track(api.builder().baseUrl("http://127.0.0.1:" + closedPort + "/api/v1").build());

    assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
        .isExactlyInstanceOf(PhalaIoException.class)
        .hasMessageContaining("http://127.0.0.1:" + closedPort + "/api/v1/cvms")
        .hasMessageContaining("Check the network");
  }

  /**
   * A raw HTTP server on loopback that starts a chunked 200 response and closes the connection
   * between two chunks, mid-array: what a crashing server or an impatient proxy does. (WireMock's
   * faults cannot end a chunked body at a chunk boundary.)
   */
  private static final class CutShortServer implements AutoCloseable {
    private final byte[] cutShort;
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor = new Thread(this::serve, "cut-short-server");

    /** A server that sends the head of a chunked response, then {@code chunks}, then closes. */
    CutShortServer(String chunks) throws IOException {
      cutShort =
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + chunks)
              .getBytes(StandardCharsets.US_ASCII);
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/api/v1";
    }

    int connections() {
      return connections.get();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket connection = socket.accept()) {
          connections.incrementAndGet();
          readRequestHead(connection.getInputStream());
          connection.getOutputStream().write(cutShort);
          connection.getOutputStream().flush();
        } catch (IOException closed) {
          // The test is over, or the client went away: either way, next connection.
        }
      }
    }

    private static void readRequestHead(InputStream in) throws IOException {
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < end.length) {
        int b = in.read();
        if (b == -1) {
          return;
        }
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
