package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.PhalaServiceException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which failed responses are tried again and how often: transient statuses (408, 409, 429, 5xx
 * gateways) up to {@code maxRetries} times, client errors never; and how long the client waits when
 * the server says ({@code Retry-After} in seconds, {@code retry-after-ms}).
 */
class RetryTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static final String MINIMAL = "cvms-minimal.json";

  @Test
  void twoTransientFailuresThenSuccessSucceedsAfterThreeRequests() {
    api.listingAnswersInTurn(
        StubApi.json(503, "{}"), StubApi.json(503, "{}"), StubApi.example(MINIMAL));

    CvmList cvms = api.client().cvms().list(CvmShape.LEGACY);

    assertThat(cvms).extracting(cvm -> cvm.name()).containsExactly("hello-world");
    assertThat(api.listingRequests()).isEqualTo(3);
  }

  @Test
  void maxRetriesZeroSendsOneRequest() {
    api.listingReturns(StubApi.json(503, "{}"));

    assertThatThrownBy(
            () -> api.track(api.builder().maxRetries(0).build()).cvms().list(CvmShape.LEGACY))
        .isInstanceOf(InternalServerException.class);
    assertThat(api.listingRequests()).isEqualTo(1);
  }

  @Test
  void maxRetriesOneAgainstAlways503SendsTwoRequestsThenFails() {
    api.listingReturns(StubApi.json(503, "{\"detail\":\"down for maintenance\"}"));

    assertThatThrownBy(
            () -> api.track(api.builder().maxRetries(1).build()).cvms().list(CvmShape.LEGACY))
        .isInstanceOf(InternalServerException.class)
        .hasMessageContaining("down for maintenance");
    assertThat(api.listingRequests()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
  void aTransientStatusIsRetried(int status) {
    api.listingAnswersInTurn(StubApi.json(status, "{}"), StubApi.example(MINIMAL));

    assertThat(api.client().cvms().list(CvmShape.LEGACY)).hasSize(1);
    assertThat(api.listingRequests()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 422, 402, 501})
  void aClientErrorOrPermanentFailureIsNotRetried(int status) {
    api.listingAnswersInTurn(StubApi.json(status, "{}"), StubApi.example(MINIMAL));

    assertThatThrownBy(() -> api.client().cvms().list(CvmShape.LEGACY))
        .isInstanceOfSatisfying(
            PhalaServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(status));
    assertThat(api.listingRequests()).isEqualTo(1);
  }

  @Test
  void retryAfterInSecondsIsHonoured() {
    api.listingAnswersInTurn(
        StubApi.json(429, "{}").withHeader("Retry-After", "1"), StubApi.example(MINIMAL));

    long elapsed = millisToList(api.client());

    assertThat(elapsed).isGreaterThanOrEqualTo(1_000);
    assertThat(api.listingRequests()).isEqualTo(2);
  }

  @Test
  void retryAfterMsIsHonoured() {
    api.listingAnswersInTurn(
        StubApi.json(503, "{}").withHeader("retry-after-ms", "250"), StubApi.example(MINIMAL));

    long elapsed = millisToList(api.client());

    assertThat(elapsed).isGreaterThanOrEqualTo(250);
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    api.listingAnswersInTurn(
        StubApi.json(503, "{}").withHeader("retry-after-ms", "20").withHeader("Retry-After", "30"),
        StubApi.example(MINIMAL));

    long elapsed = millisToList(api.client());

    assertThat(elapsed).isLessThan(5_000);
  }

  @Test
  void withoutRetryAfterTheBackoffIsUsed() {
    api.listingAnswersInTurn(StubApi.json(503, "{}"), StubApi.example(MINIMAL));
    PhalaCloud client =
        api.track(
            api.builder().retryBackoff(Duration.ofMillis(300), Duration.ofMillis(300)).build());

    long elapsed = millisToList(client);

    assertThat(elapsed).as("at least 75%% of the 300 ms backoff").isGreaterThanOrEqualTo(225);
  }

  @Test
  void aRetryAfterBeyondTheLimitFallsBackToTheBackoff() {
    api.listingAnswersInTurn(
        StubApi.json(503, "{}").withHeader("Retry-After", "3600"), StubApi.example(MINIMAL));

    long elapsed = millisToList(api.client());

    assertThat(elapsed).isLessThan(5_000);
    assertThat(api.listingRequests()).isEqualTo(2);
  }

  private static long millisToList(PhalaCloud client) {
    long started = System.nanoTime();
    client.cvms().list(CvmShape.LEGACY);
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }
}
