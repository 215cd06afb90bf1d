package com.phala.cloud.internal.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Headers;

/**
 * When and how long to wait before trying a GET again: up to {@code maxRetries} times, on
 * connection failures, timeouts and statuses 408, 409, 429, 500, 502, 503 and 504; waiting what
 * {@code retry-after-ms} or {@code Retry-After} asks (up to {@link #MAX_RETRY_AFTER}), else an
 * exponential backoff with jitter.
 */
public final class RetryPolicy {
  /** The longest server-requested wait honoured; a longer one falls back to the backoff. */
  public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  /** A policy of {@code maxRetries} retries, backing off from {@code initial} up to {@code max}. */
  public RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
    this.maxRetries = maxRetries;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** How many times a call may be retried after its first attempt. */
  public int maxRetries() {
    return maxRetries;
  }

  /** Whether a response with this status is worth trying again. */
  public static boolean isRetryable(int status) {
    return switch (status) {
      case 408, 409, 429, 500, 502, 503, 504 -> true;
      default -> false;
    };
  }

  /**
   * How long to wait before retry number {@code retry} (1 for the first): the server's {@code
   * Retry-After} when it gives a usable one, else {@code initial x 2^(retry-1)} capped at {@code
   * max}, less up to 25% jitter so that many clients do not retry in step.
   */
  public Duration delay(int retry, Headers headers) {
    Optional<Duration> asked = headers == null ? Optional.empty() : retryAfter(headers);
    if (asked.isPresent()) {
      return asked.get();
    }
    long initial = saturatedNanos(initialBackoff);
    int doublings = Math.max(0, Math.min(retry - 1, 62));
    // Saturate instead of shifting bits out: an overflowed shift can wrap to a small positive wait.
    long base = initial > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : initial << doublings;
    long capped = Math.min(base, saturatedNanos(maxBackoff));
    double jitter = 1 - 0.25 * ThreadLocalRandom.current().nextDouble();
    return Duration.ofNanos((long) (capped * jitter));
  }

  /**
   * {@code duration} in nanoseconds, saturating at {@link Long#MAX_VALUE} (about 292 years) where
   * {@link Duration#toNanos()} would overflow, so "forever" stays usable.
   */
  static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * The wait a response asks for: {@code retry-after-ms} (milliseconds), else {@code Retry-After}
   * (seconds or an HTTP date); empty when absent, unparseable, negative or over {@link
   * #MAX_RETRY_AFTER}.
   */
  public static Optional<Duration> retryAfter(Headers headers) {
    Duration asked = null;
    String millis = headers.get("retry-after-ms");
    if (millis != null) {
      asked = parseAmount(millis, 1_000_000L);
    }
    String value = headers.get("Retry-After");
    if (asked == null && value != null) {
      asked = parseAmount(value, 1_000_000_000L);
      if (asked == null) {
        asked = parseHttpDate(value);
      }
    }
    if (asked == null || asked.isNegative() || asked.compareTo(MAX_RETRY_AFTER) > 0) {
      return Optional.empty();
    }
    return Optional.of(asked);
  }

  private static Duration parseAmount(String text, long nanosPerUnit) {
    try {
      double amount = Double.parseDouble(text.trim());
      if (Double.isNaN(amount) || Double.isInfinite(amount) || amount > 1e9) {
        return null;
      }
      return Duration.ofNanos((long) (amount * nanosPerUnit));
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static Duration parseHttpDate(String text) {
    try {
      ZonedDateTime when = ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }
}
