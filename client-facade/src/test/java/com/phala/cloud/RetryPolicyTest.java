package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.internal.http.RetryPolicy;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import okhttp3.Headers;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retry arithmetic on its own: how a response's {@code retry-after-ms} and {@code Retry-After}
 * (seconds or an HTTP date) are read, and that the backoff stays within 75% to 100% of {@code
 * initial x 2^(n-1)}, capped at the maximum.
 */
class RetryPolicyTest {
  private static final Duration INITIAL = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofMillis(1_000);
  private final RetryPolicy policy = new RetryPolicy(10, INITIAL, MAX);

  private static Headers headers(String... namesAndValues) {
    return Headers.of(namesAndValues);
  }

  @Test
  void retryAfterSecondsIsRead() {
    assertThat(RetryPolicy.retryAfter(headers("Retry-After", "7"))).contains(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterFractionalSecondsIsRead() {
    assertThat(RetryPolicy.retryAfter(headers("Retry-After", "1.5")))
        .contains(Duration.ofMillis(1_500));
  }

  @Test
  void retryAfterMsIsRead() {
    assertThat(RetryPolicy.retryAfter(headers("retry-after-ms", "250")))
        .contains(Duration.ofMillis(250));
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    assertThat(RetryPolicy.retryAfter(headers("Retry-After", "30", "retry-after-ms", "40")))
        .contains(Duration.ofMillis(40));
  }

  @Test
  void anUnusableRetryAfterMsFallsBackToRetryAfter() {
    assertThat(RetryPolicy.retryAfter(headers("retry-after-ms", "soon", "Retry-After", "2")))
        .contains(Duration.ofSeconds(2));
  }

  @Test
  void retryAfterAsAnHttpDateIsTheTimeUntilThen() {
    ZonedDateTime inTenSeconds = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10);
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(inTenSeconds);

    assertThat(RetryPolicy.retryAfter(headers("Retry-After", date)))
        .hasValueSatisfying(
            wait -> assertThat(wait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
  }

  @Test
  void retryAfterAsAnImfFixdateInGmtIsParsed() {
    ZonedDateTime inFiveSeconds = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5);
    String date =
        DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US)
            .format(inFiveSeconds);

    assertThat(RetryPolicy.retryAfter(headers("Retry-After", date)))
        .hasValueSatisfying(
            wait -> assertThat(wait).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5)));
  }

  @Test
  void retryAfterAsAPastHttpDateMeansNow() {
    assertThat(RetryPolicy.retryAfter(headers("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")))
        .contains(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "soon",
        "",
        "-5",
        "61",
        "1e12",
        "NaN",
        "Infinity",
        "Wed, 99 Oct 2015 07:28:00 GMT"
      })
  void anUnusableOrTooLongRetryAfterIsIgnored(String value) {
    assertThat(RetryPolicy.retryAfter(headers("Retry-After", value))).isEmpty();
  }

  @Test
  void noRetryAfterHeaderMeansNoRequestedWait() {
    assertThat(RetryPolicy.retryAfter(headers())).isEmpty();
  }

  @Test
  void aRequestedWaitReplacesTheBackoff() {
    assertThat(policy.delay(1, headers("Retry-After", "3"))).isEqualTo(Duration.ofSeconds(3));
  }

  @RepeatedTest(20)
  void theBackoffDoublesWithEachRetryLessUpToAQuarterOfJitter() {
    for (int retry = 1; retry <= 4; retry++) {
      long full = INITIAL.toNanos() << (retry - 1);
      assertThat(policy.delay(retry, headers()).toNanos())
          .as("retry %d", retry)
          .isBetween((long) (full * 0.75), full);
    }
  }

  @RepeatedTest(20)
  void theBackoffIsCappedAtTheMaximum() {
    for (int retry : new int[] {5, 10, 31, 40, 64, Integer.MAX_VALUE}) {
      assertThat(policy.delay(retry, headers()).toNanos())
          .as("retry %d", retry)
          .isBetween((long) (MAX.toNanos() * 0.75), MAX.toNanos());
    }
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        365L * 24 * 3600 * 1_000_000_000L,
        (1L << 55),
        (1L << 55) + 1_000_000_000L,
        Long.MAX_VALUE
      })
  void aHugeInitialBackoffIsCappedWithoutOverflowing(long initialNanos) {
    RetryPolicy huge = new RetryPolicy(10, Duration.ofNanos(initialNanos), Duration.ofSeconds(8));

    for (int retry = 1; retry <= 12; retry++) {
      assertThat(huge.delay(retry, headers()))
          .as("retry %d", retry)
          .isBetween(Duration.ofSeconds(6), Duration.ofSeconds(8));
    }
  }

  @Test
  void aBackoffTooLongToCountInNanosecondsIsCapped() {
    RetryPolicy forever =
        new RetryPolicy(3, ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(8));

    assertThat(forever.delay(1, headers())).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(8));
  }

  @Test
  void anUncappedBackoffTooLongToCountInNanosecondsSaturates() {
    RetryPolicy forever = new RetryPolicy(3, Duration.ofDays(1), ChronoUnit.FOREVER.getDuration());

    assertThat(forever.delay(3, headers())).isBetween(Duration.ofDays(3), Duration.ofDays(4));
  }

  @Test
  void withoutHeadersTheBackoffIsUsed() {
    assertThat(policy.delay(1, null)).isBetween(Duration.ofMillis(75), INITIAL);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
  void transientStatusesAreRetryable(int status) {
    assertThat(RetryPolicy.isRetryable(status)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 301, 400, 401, 403, 404, 422, 501, 505})
  void otherStatusesAreNotRetryable(int status) {
    assertThat(RetryPolicy.isRetryable(status)).isFalse();
  }
}
