package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmInfo;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.errors.PhalaTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code streamTimeout(...)} bounds a whole stream, the call and the reading of its body together:
 * a body dribbled slower than it ends the iteration in {@link PhalaTimeoutException} soon after the
 * deadline. Without it, a stream is bounded only per read, so a slow body still arrives whole.
 * {@code withTimeout} and {@code withStreamTimeout} derive a client with other deadlines that
 * shares everything else.
 */
class StreamDeadlineTest {
  @RegisterExtension static final StubApi api = new StubApi();

  /** How late after the deadline the stream may end: scheduling, not waiting. */
  private static final long SLACK_MILLIS = 500;

  private final List<String> read = new ArrayList<>();
  private Throwable thrown;
  private long elapsedMillis;

  /** The names of a contract example's CVMs, in order. */
  private static List<String> names(String example) {
    List<String> names = new ArrayList<>();
    CvmList.parse(new String(StubApi.exampleBytes(example), StandardCharsets.UTF_8))
        .forEach(cvm -> names.add(cvm.name()));
    return names;
  }

  private void drain(PhalaCloud client) {
    long started = System.nanoTime();
    thrown =
        catchThrowable(
            () -> {
              try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
                for (Cvm cvm : cvms) {
                  read.add(cvm.name());
                }
              }
            });
    elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
  }

  @Test
  void aBodyDribbledPastTheStreamTimeoutEndsTheIterationInATimeoutSoonAfterIt() {
    api.listingReturns(StubApi.example("cvms-full.json").withChunkedDribbleDelay(40, 4_000));

    drain(api.track(api.builder().streamTimeout(Duration.ofMillis(700)).build()));

    assertThat(thrown)
        .isInstanceOf(PhalaTimeoutException.class)
        .hasMessageContaining("timed out after")
        .hasMessageContaining("deadline of 700 ms (streamTimeout)");
    assertThat(elapsedMillis).isBetween(700L, 700 + SLACK_MILLIS);
  }

  @Test
  void withoutAStreamTimeoutASlowBodyArrivesWhole() {
    api.listingReturns(StubApi.example("cvms-full.json").withChunkedDribbleDelay(10, 1_000));
    List<String> expected = names("cvms-full.json");

    // The whole-call deadline stops when the response starts: the body takes longer than it.
    drain(api.track(api.builder().timeout(Duration.ofMillis(800)).build()));

    assertThat(thrown).isNull();
    assertThat(read).isEqualTo(expected).isNotEmpty();
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(900);
  }

  @Test
  void aStreamThatFinishesInTimeIsNotCutShort() {
    api.listingReturns(StubApi.example("cvms-full.json"));

    drain(api.track(api.builder().streamTimeout(Duration.ofSeconds(5)).build()));

    assertThat(thrown).isNull();
    assertThat(read).isEqualTo(names("cvms-full.json"));
  }

  @Test
  void aStreamTimeoutShorterThanTheTimeoutAlsoBoundsTheWaitForTheResponse() {
    api.listingReturns(StubApi.example("cvms-full.json").withFixedDelay(4_000));

    drain(
        api.track(
            api.builder()
                .timeout(Duration.ofSeconds(10))
                .streamTimeout(Duration.ofMillis(500))
                .build()));

    assertThat(thrown)
        .isInstanceOf(PhalaTimeoutException.class)
        .hasMessageContaining("deadline of 500 ms");
    assertThat(elapsedMillis).isBetween(500L, 500 + SLACK_MILLIS);
  }

  @Test
  void theCurrentShapesStreamIsBoundToo() {
    api.listingReturns(StubApi.example("cvminfos-full.json").withChunkedDribbleDelay(40, 4_000));
    PhalaCloud client = api.track(api.builder().streamTimeout(Duration.ofMillis(600)).build());

    Throwable failure =
        catchThrowable(
            () -> {
              try (CvmInfoStream cvms = client.cvms().stream()) {
                for (CvmInfo cvm : cvms) {
                  read.add(cvm.name());
                }
              }
            });

    assertThat(failure)
        .isInstanceOf(PhalaTimeoutException.class)
        .hasMessageContaining("(streamTimeout)");
  }

  @Test
  void aDerivedClientHasItsOwnDeadlinesAndLeavesTheOriginalAsItWas() {
    api.listingReturns(StubApi.example("cvms-full.json").withChunkedDribbleDelay(20, 2_000));
    PhalaCloud client = api.track(api.builder().build());

    drain(client.withStreamTimeout(Duration.ofMillis(400)));
    assertThat(thrown).isInstanceOf(PhalaTimeoutException.class);

    read.clear();
    drain(client);
    assertThat(thrown).isNull();
    assertThat(read).isNotEmpty();

    Throwable shortCall =
        catchThrowable(
            () -> client.withTimeout(Duration.ofMillis(300)).cvms().list(CvmShape.LEGACY));
    assertThat(shortCall)
        .isInstanceOf(PhalaTimeoutException.class)
        .hasMessageContaining("deadline of 300 ms");
  }

  @Test
  void closingADerivedClientLeavesTheOriginalWorking() {
    api.listingReturns(StubApi.example("cvms-minimal.json"));
    PhalaCloud client = api.track(api.builder().build());

    client.withTimeout(Duration.ofSeconds(1)).close();

    assertThat(client.cvms().list(CvmShape.LEGACY)).isNotEmpty();
    assertThat(client.async().cvms().list(CvmShape.LEGACY).join()).isNotEmpty();
  }

  @Test
  void aStreamTimeoutMustBePositive() {
    assertThatThrownBy(() -> PhalaCloud.builder().streamTimeout(Duration.ZERO))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("streamTimeout must be a positive duration");
    PhalaCloud client = api.client();
    assertThatThrownBy(() -> client.withTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("timeout must be a positive duration");
  }
}
