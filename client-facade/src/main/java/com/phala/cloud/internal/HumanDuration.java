package com.phala.cloud.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Parses the human-readable durations the VM manager writes for {@code uptime} and {@code
 * exited_at} (Rust's humantime format): {@code "2h 30m 5s"}, {@code "1day 3h 4m 2s"}, {@code "3days
 * 4h"}, {@code "2h30m"}, {@code "0s"}, and {@code "never"} for no duration.
 */
public final class HumanDuration {
  private static final long MONTH_SECONDS = 2_630_016L; // 30.44 days, as humantime counts
  private static final long YEAR_SECONDS = 31_557_600L; // 365.25 days

  private HumanDuration() {}

  /**
   * The duration {@code text} describes; empty for {@code "never"}.
   *
   * @throws IllegalArgumentException if it is not a humantime duration
   */
  public static Optional<Duration> parse(String text) {
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("never")) {
      return Optional.empty();
    }
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("an empty duration");
    }
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < trimmed.length()) {
      while (at < trimmed.length() && trimmed.charAt(at) == ' ') {
        at++;
      }
      int digits = at;
      while (at < trimmed.length() && Character.isDigit(trimmed.charAt(at))) {
        at++;
      }
      if (at == digits || at - digits > 12) {
        throw new IllegalArgumentException("expected a number at position " + digits);
      }
      long amount = Long.parseLong(trimmed.substring(digits, at));
      int unitStart = at;
      while (at < trimmed.length() && Character.isLetter(trimmed.charAt(at))) {
        at++;
      }
      total = total.plus(unit(trimmed.substring(unitStart, at)).multipliedBy(amount));
    }
    return Optional.of(total);
  }

  private static Duration unit(String unit) {
    return switch (unit) {
      case "nsec", "ns" -> Duration.ofNanos(1);
      case "usec", "us" -> Duration.ofNanos(1_000);
      case "msec", "ms" -> Duration.ofMillis(1);
      case "seconds", "second", "sec", "s" -> Duration.ofSeconds(1);
      case "minutes", "minute", "min", "m" -> Duration.ofMinutes(1);
      case "hours", "hour", "hr", "h" -> Duration.ofHours(1);
      case "days", "day", "d" -> Duration.ofDays(1);
      case "weeks", "week", "w" -> Duration.ofDays(7);
      case "months", "month", "M" -> Duration.ofSeconds(MONTH_SECONDS);
      case "years", "year", "y" -> Duration.ofSeconds(YEAR_SECONDS);
      default ->
          throw new IllegalArgumentException(
              unit.isEmpty() ? "a number without a unit" : "an unknown unit '" + unit + "'");
    };
  }
}
