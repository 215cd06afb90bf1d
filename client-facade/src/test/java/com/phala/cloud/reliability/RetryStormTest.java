package com.phala.cloud.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.PhalaServiceException;
import com.phala.cloud.errors.RateLimitException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Storms of 429 and 503 answers with {@code Retry-After} (seconds) and {@code retry-after-ms}: the
 * client waits what it is asked, within the deadline, and either gets the list or ends in the
 * documented exception after its last retry; nothing is left behind.
 */
class RetryStormTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final Duration SLACK = Duration.ofSeconds(1);
  private static final int MAX_RETRIES = 10;
  private static final String PATH = "/api/v1/cvms";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private static final ObservedHttp http = new ObservedHttp();
  private PhalaCloud client;

  @BeforeEach
  void buildTheClient() {
    client =
        http.client(baseUrl() + "/api/v1")
            .maxRetries(MAX_RETRIES)
            .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
            .timeout(DEADLINE)
            .build();
  }

  @AfterEach
  void closeTheClient() {
    client.close();
  }

  @AfterAll
  static void noLeakReportedByOkHttp() {
    http.assertNoLeakLogged(baseUrl() + "/__admin/health");
  }

  @Test
  void aStormOfTen429sIsWaitedOutAndTheListArrives() {
    stormThenFullExample(10, status(429).withHeader("retry-after-ms", "10"));

    CvmList cvms = survives("429 storm, then the list", () -> client.cvms().list(CvmShape.LEGACY));

    Outcomes.assertFullExample(cvms);
    server.verify(11, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void aStormOfTen503sIsWaitedOutAndTheListArrives() {
    stormThenFullExample(10, status(503).withHeader("retry-after-ms", "10"));

    Outcomes.assertFullExample(
        survives("503 storm, then the list", () -> client.cvms().list(CvmShape.LEGACY)));
    server.verify(11, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void retryAfterInSecondsIsHonoured() {
    stormThenFullExample(1, status(503).withHeader("Retry-After", "1"));
    long started = System.nanoTime();

    Outcomes.assertFullExample(
        survives(
            "503 with Retry-After: 1, then the list", () -> client.cvms().list(CvmShape.LEGACY)));

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anEndless429StormEndsInRateLimitExceptionAfterTheLastRetry() {
    always(status(429).withHeader("retry-after-ms", "10"));

    RateLimitException thrown =
        survives(
            "endless 429 storm",
            () ->
                catchThrowableOfType(
                    RateLimitException.class, () -> client.cvms().list(CvmShape.LEGACY)));

    assertThat(thrown.retryAfter()).contains(Duration.ofMillis(10));
    server.verify(MAX_RETRIES + 1, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void anEndless503StormEndsInInternalServerExceptionAfterTheLastRetry() {
    always(status(503).withHeader("retry-after-ms", "10"));

    InternalServerException thrown =
        survives(
            "endless 503 storm",
            () ->
                catchThrowableOfType(
                    InternalServerException.class, () -> client.cvms().list(CvmShape.LEGACY)));

    assertThat(thrown.statusCode()).isEqualTo(503);
    server.verify(MAX_RETRIES + 1, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void aRetryAfterBeyondTheDeadlineFailsAtOnceInsteadOfWaiting() {
    always(status(429).withHeader("Retry-After", "30"));
    long started = System.nanoTime();

    survives(
        "429 asking for more than the deadline",
        () ->
            catchThrowableOfType(
                RateLimitException.class, () -> client.cvms().list(CvmShape.LEGACY)));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    server.verify(1, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void okHttpRepeatsA503WithRetryAfterZeroOnceEvenWithRetriesOff() {
    // In docs/configuration.md (Retries and timeouts): OkHttp's own follow-up, below our retries.
    always(status(503).withHeader("Retry-After", "0"));
    try (PhalaCloud noRetries =
        http.client(baseUrl() + "/api/v1").maxRetries(0).timeout(DEADLINE).build()) {
      survives(
          "503 with Retry-After: 0, retries off",
          () ->
              catchThrowableOfType(
                  InternalServerException.class, () -> noRetries.cvms().list(CvmShape.LEGACY)));
    }

    server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
  }

  @Test
  void okHttpRepeatsA408OnceEvenWithRetriesOff() {
    always(status(408));
    try (PhalaCloud noRetries =
        http.client(baseUrl() + "/api/v1").maxRetries(0).timeout(DEADLINE).build()) {
      survives(
          "408, retries off",
          () ->
              catchThrowableOfType(
                  PhalaServiceException.class, () -> noRetries.cvms().list(CvmShape.LEGACY)));
    }

    server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
  }

  private <T> T survives(String scenario, ThrowingSupplier<T> call) {
    Figures.faultTried(scenario);
    T result =
        assertTimeoutPreemptively(
            DEADLINE.plus(SLACK),
            call,
            () -> scenario + " did not end within the deadline and slack");
    assertThat(result).as("the outcome of " + scenario).isNotNull();
    http.assertNothingLeaked();
    Figures.faultSurvived(scenario);
    return result;
  }

  private static String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  private static ResponseDefinitionBuilder status(int status) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"detail\":\"slow down\"}");
  }

  private static void always(ResponseDefinitionBuilder response) {
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(response));
  }

  /** {@code count} answers of {@code storm}, then the full example. */
  private static void stormThenFullExample(int count, ResponseDefinitionBuilder storm) {
    for (int i = 0; i < count; i++) {
      server.stubFor(
          get(urlPathEqualTo(PATH))
              .inScenario("storm")
              .whenScenarioStateIs(i == 0 ? STARTED : "after " + i)
              .willReturn(storm)
              .willSetStateTo("after " + (i + 1)));
    }
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .inScenario("storm")
            .whenScenarioStateIs("after " + count)
            .willReturn(okJson(HostileBodies.FULL_TEXT)));
  }
}
