package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.PhalaTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code timeout(...)} bounds the whole call, attempts and waits together: a server slower than the
 * deadline ends in {@link PhalaTimeoutException} soon after the deadline, and a retry whose wait
 * would pass it is not started. The read timeout bounds each attempt on its own. Durations at the
 * extremes (sub-millisecond, or "forever") keep their meaning.
 */
class DeadlineTest {
  @RegisterExtension static final StubApi api = new StubApi();

  /** How late after the deadline the call may end: scheduling, not waiting. */
  private static final long SLACK_MILLIS = 500;

  /** Counts attempts as they start (the server's journal misses aborted, delayed ones). */
  private final StubApi.Calls calls = new StubApi.Calls();

  private Throwable thrown;
  private long elapsedMillis;

  /** A client counted by {@link #calls}. */
  private PhalaCloud.Builder builder() {
    return api.builder().okHttpClient(calls.client());
  }

  private void list(PhalaCloud client) {
    long started = System.nanoTime();
    thrown = catchThrowable(() -> client.cvms().list(CvmShape.LEGACY));
    elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  @Test
  void aServerSlowerThanTheDeadlineEndsInATimeoutSoonAfterIt() {
    api.listingReturns(StubApi.example("cvms-minimal.json").withFixedDelay(3_000));

    list(api.track(builder().timeout(Duration.ofMillis(400)).build()));

    assertThat(thrown)
        .isInstanceOf(PhalaTimeoutException.class)
        .hasMessageContaining("deadline of 400 ms");
    assertThat(elapsedMillis).isBetween(400L, 400 + SLACK_MILLIS);
    assertThat(calls.started()).isEqualTo(1);
  }

  @Test
  void theDeadlineCoversEveryAttemptTogether() {
    api.listingReturns(StubApi.json(503, "{}").withFixedDelay(250));

    list(api.track(builder().maxRetries(10).timeout(Duration.ofMillis(700)).build()));

    assertThat(thrown).isInstanceOf(PhalaTimeoutException.class);
    assertThat(thrown.getMessage()).contains("deadline of 700 ms");
    assertThat(elapsedMillis).isBetween(700L, 700 + SLACK_MILLIS);
    assertThat(calls.started()).isBetween(2, 3);
  }

  @Test
  void anErrorBodyDribbledSlowerThanTheDeadlineEndsInATimeoutSoonAfterIt() {
    api.listingReturns(
        StubApi.json(503, "{\"detail\":\"" + "slow ".repeat(200) + "\"}")
            .withChunkedDribbleDelay(20, 3_000));

    list(api.track(builder().timeout(Duration.ofMillis(500)).build()));

    assertThat(thrown)
        .isInstanceOf(PhalaTimeoutException.class)
        .hasMessageContaining("deadline of 500 ms");
    assertThat(elapsedMillis).isBetween(500L, 500 + SLACK_MILLIS);
  }

  @Test
  void aSuccessBodyDribbledSlowerThanTheDeadlineEndsInATimeoutSoonAfterIt() {
    api.listingReturns(StubApi.example("cvms-full.json").withChunkedDribbleDelay(20, 3_000));

    list(api.track(builder().timeout(Duration.ofMillis(500)).build()));

    assertThat(thrown)
        .isInstanceOf(PhalaTimeoutException.class)
        .hasMessageContaining("deadline of 500 ms");
    assertThat(elapsedMillis).isBetween(500L, 500 + SLACK_MILLIS);
  }

  @Test
  void aRetryWhoseWaitWouldPassTheDeadlineIsNotStarted() {
    api.listingReturns(StubApi.json(503, "{\"detail\":\"busy\"}").withHeader("Retry-After", "1"));

    list(api.track(builder().timeout(Duration.ofMillis(600)).build()));

    assertThat(thrown).isInstanceOf(InternalServerException.class).hasMessageContaining("busy");
    assertThat(elapsedMillis).isLessThan(600);
    assertThat(calls.started()).isEqualTo(1);
  }

  @Test
  void theReadTimeoutBoundsEachAttemptAndEndsInATimeout() {
    api.listingReturns(StubApi.example("cvms-minimal.json").withFixedDelay(1_000));

    list(api.track(builder().readTimeout(Duration.ofMillis(150)).maxRetries(1).build()));

    assertThat(thrown).isInstanceOf(PhalaTimeoutException.class).hasMessageContaining("timed out");
    assertThat(calls.started()).isEqualTo(2);
    assertThat(elapsedMillis).isLessThan(1_000);
  }

  @Test
  void aDeadlineTooLongToCountInNanosecondsMeansNoDeadline() {
    api.listingReturns(StubApi.example("cvms-minimal.json"));

    list(api.track(builder().timeout(ChronoUnit.FOREVER.getDuration()).build()));

    assertThat(thrown).isNull();
  }

  @Test
  void aSubMillisecondReadTimeoutStillTimesOut() {
    api.listingReturns(StubApi.example("cvms-minimal.json").withFixedDelay(1_000));

    list(api.track(builder().readTimeout(Duration.ofNanos(1)).maxRetries(0).build()));

    assertThat(thrown).isInstanceOf(PhalaTimeoutException.class);
    assertThat(elapsedMillis).isLessThan(1_000);
  }

  @Test
  void connectAndReadTimeoutsBeyondOkHttpsRangeAreAccepted() {
    api.listingReturns(StubApi.example("cvms-minimal.json"));
    Duration forever = ChronoUnit.FOREVER.getDuration();

    list(api.track(builder().connectTimeout(forever).readTimeout(Duration.ofDays(30)).build()));

    assertThat(thrown).isNull();
  }
}
