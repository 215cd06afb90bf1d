package com.phala.cloud.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.PhalaTimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Network faults injected under the client: WireMock's connection faults, bodies that trickle past
 * the read timeout or past the deadline, and a large body cut off mid-way. Each ends as documented
 * (retried and succeeded, or the documented exception), within the whole-call deadline, and leaves
 * nothing behind: the pool idle, every call ended, no thread reading.
 */
class FaultInjectionTest {
  private static final Duration DEADLINE = Duration.ofSeconds(3);
  private static final Duration READ_TIMEOUT = Duration.ofMillis(400);
  private static final Duration SLACK = Duration.ofSeconds(1);
  private static final int MAX_RETRIES = 2;
  private static final String PATH = "/api/v1/cvms";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance()
          // No gzip: it would hold back the chunks of a trickling body.
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true))
          .build();

  private static final ObservedHttp http = new ObservedHttp();
  private PhalaCloud client;

  @BeforeEach
  void buildTheClient() {
    client = clientOf(baseUrl() + "/api/v1");
  }

  @AfterEach
  void closeTheClient() {
    client.close();
  }

  @AfterAll
  static void noLeakReportedByOkHttp() {
    http.assertNoLeakLogged(baseUrl() + "/__admin/health");
  }

  private PhalaCloud clientOf(String baseUrl) {
    return http.client(baseUrl)
        .maxRetries(MAX_RETRIES)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
        .readTimeout(READ_TIMEOUT)
        .timeout(DEADLINE)
        .build();
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
  void aFaultOnceIsRetriedAndTheListArrivesComplete(Fault fault) {
    onceThenFullExample(aResponse().withFault(fault));

    CvmList cvms = survives(fault + " once", () -> client.cvms().list(CvmShape.LEGACY));

    Outcomes.assertFullExample(cvms);
    server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
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
  void aFaultEveryTimeEndsInPhalaIoExceptionAfterEveryRetry(Fault fault) {
    always(aResponse().withFault(fault));

    survives(
        fault + " always",
        () ->
            assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
                .isInstanceOf(PhalaIoException.class)
                .isNotInstanceOf(PhalaTimeoutException.class));

    server.verify(MAX_RETRIES + 1, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void streamCvmsRetriesAConnectionResetBeforeTheResponse() {
    onceThenFullExample(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    List<Cvm> cvms =
        survives(
            "stream: reset once",
            () -> {
              try (CvmStream stream = client.cvms().stream(CvmShape.LEGACY)) {
                return stream.stream().toList();
              }
            });

    Outcomes.assertFullExample(cvms);
  }

  @Test
  void aStreamWhoseBodyBreaksFailsWithPhalaIoExceptionAndReleasesTheConnection() {
    always(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

    survives(
        "stream: malformed chunk",
        () -> {
          try (CvmStream stream = client.cvms().stream(CvmShape.LEGACY)) {
            assertThatThrownBy(() -> stream.forEach(cvm -> {}))
                .isInstanceOf(PhalaIoException.class);
          }
          return null;
        });
  }

  @Test
  void aBodyTricklingSlowerThanTheReadTimeoutIsRetriedThenFailsWithPhalaTimeoutException() {
    always(fullExample().withChunkedDribbleDelay(4, 4_000));

    survives(
        "body slower than the read timeout",
        () ->
            assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
                .isInstanceOf(PhalaTimeoutException.class));
  }

  @Test
  void aBodyTricklingSlowerThanTheReadTimeoutOnceIsRetriedAndSucceeds() {
    onceThenFullExample(fullExample().withChunkedDribbleDelay(4, 4_000));

    Outcomes.assertFullExample(
        survives(
            "body slower than the read timeout, once", () -> client.cvms().list(CvmShape.LEGACY)));
  }

  @Test
  void aBodyTricklingWithinTheReadTimeoutButPastTheDeadlineEndsAtTheDeadline() {
    // Each chunk arrives well within the read timeout; only the whole-call deadline can stop this.
    always(fullExample().withChunkedDribbleDelay(60, 12_000));
    long started = System.nanoTime();

    survives(
        "body past the deadline",
        () ->
            assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
                .isInstanceOf(PhalaTimeoutException.class)
                .hasMessageContaining("deadline"));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(DEADLINE.minusMillis(100));
  }

  @Test
  void headersSlowerThanTheReadTimeoutOnceAreRetried() {
    byte[] full = HostileBodies.FULL_TEXT.getBytes(StandardCharsets.UTF_8);
    try (RawServer slowOnce =
            new RawServer(
                (number, head, out) -> {
                  if (number == 1) {
                    Thread.sleep(2_000);
                  }
                  out.write(RawServer.response("200 OK", full));
                });
        PhalaCloud slowClient = clientOf(slowOnce.baseUrl())) {
      Outcomes.assertFullExample(
          survives(
              "headers slower than the read timeout, once",
              () -> slowClient.cvms().list(CvmShape.LEGACY)));
    }
  }

  @Test
  void cancellingAnAsyncCallWhileItsBodyTricklesStopsItsThread() throws Exception {
    always(fullExample().withChunkedDribbleDelay(60, 12_000));

    survives(
        "async call cancelled mid-body",
        () -> {
          CompletableFuture<CvmList> future = client.async().cvms().list(CvmShape.LEGACY);
          Thread.sleep(300);
          assertThat(future.cancel(true)).isTrue();
          assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
          return null;
        });
  }

  @Test
  void aLargeBodyCutMidWayIsRetriedAndArrivesWhole() {
    byte[] body = ManyCvms.list(600);
    try (RawServer cutOnce =
            new RawServer(
                (number, head, out) -> {
                  if (number == 1) {
                    writeHalf(body, out);
                  } else {
                    out.write(RawServer.response("200 OK", body));
                  }
                });
        PhalaCloud cutClient = clientOf(cutOnce.baseUrl())) {
      CvmList cvms =
          survives("large body cut mid-way, once", () -> cutClient.cvms().list(CvmShape.LEGACY));

      assertThat(cvms).hasSize(600);
      assertThat(cvms.get(599).name()).isEqualTo(ManyCvms.name(599));
      assertThat(cutOnce.requests()).isEqualTo(2);
    }
  }

  @Test
  void aLargeBodyCutMidWayEveryTimeEndsInPhalaIoException() {
    byte[] body = ManyCvms.list(600);
    try (RawServer cutAlways = new RawServer((number, head, out) -> writeHalf(body, out));
        PhalaCloud cutClient = clientOf(cutAlways.baseUrl())) {
      survives(
          "large body cut mid-way, always",
          () ->
              assertThatThrownBy(() -> cutClient.cvms().list(CvmShape.LEGACY))
                  .isInstanceOf(PhalaIoException.class)
                  .isNotInstanceOf(PhalaTimeoutException.class));

      assertThat(cutAlways.requests()).isEqualTo(MAX_RETRIES + 1);
    }
  }

  @Test
  void aStreamCutMidWayDeliversTheCvmsBeforeTheCutThenFails() {
    byte[] body = ManyCvms.list(600);
    try (RawServer cut = new RawServer((number, head, out) -> writeHalf(body, out));
        PhalaCloud cutClient = clientOf(cut.baseUrl())) {
      List<String> names = new ArrayList<>();

      survives(
          "stream cut mid-way",
          () -> {
            try (CvmStream stream = cutClient.cvms().stream(CvmShape.LEGACY)) {
              Iterator<Cvm> cvms = stream.iterator();
              assertThatThrownBy(() -> cvms.forEachRemaining(cvm -> names.add(cvm.name())))
                  .isInstanceOf(PhalaIoException.class)
                  .hasMessageContaining("after " + names.size() + " CVMs");
            }
            return null;
          });

      assertThat(names).hasSizeBetween(250, 300);
      assertThat(names.get(names.size() - 1)).isEqualTo(ManyCvms.name(names.size() - 1));
    }
  }

  /**
   * Runs {@code call} (failing if it outlasts the deadline and the slack), then checks that nothing
   * leaked; counts the scenario as tried, and as survived when every check passed.
   */
  private <T> T survives(String scenario, ThrowingSupplier<T> call) {
    Figures.faultTried(scenario);
    T result =
        assertTimeoutPreemptively(
            DEADLINE.plus(SLACK),
            call,
            () ->
                scenario
                    + " did not end within the deadline of "
                    + DEADLINE.toMillis()
                    + " ms and "
                    + SLACK.toMillis()
                    + " ms of slack");
    http.assertNothingLeaked();
    Figures.faultSurvived(scenario);
    return result;
  }

  /**
   * The server's address as 127.0.0.1 (its baseUrl() says localhost, which may resolve to ::1
   * first).
   */
  private static String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private static ResponseDefinitionBuilder fullExample() {
    return okJson(HostileBodies.FULL_TEXT);
  }

  private static void always(ResponseDefinitionBuilder response) {
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(response));
  }

  private static void onceThenFullExample(ResponseDefinitionBuilder first) {
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .inScenario("fault once")
            .whenScenarioStateIs(STARTED)
            .willReturn(first)
            .willSetStateTo("recovered"));
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .inScenario("fault once")
            .whenScenarioStateIs("recovered")
            .willReturn(fullExample()));
  }

  /** Announces the whole body, sends half of it, and drops the connection. */
  private static void writeHalf(byte[] body, OutputStream out) throws IOException {
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body, 0, body.length / 2);
    out.flush();
  }
}
