package com.phala.cloud.cvm;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a list of CVMs costs per hour together ({@link CvmInfoList#totalHourlyRate()}): the exact
 * sum of {@code hourly_rate.total} over the CVMs that have one, and how many were left out because
 * they have none, so a cost report can say "3.6090 per hour for 2 CVMs, 1 without a price" instead
 * of passing a partial sum off as the whole.
 */
public final class HourlyRateTotal {
  private final BigDecimal amount;
  private final int priced;
  private final int unpriced;

  HourlyRateTotal(BigDecimal amount, int priced, int unpriced) {
    this.amount = amount;
    this.priced = priced;
    this.unpriced = unpriced;
  }

  /** The sum of the hourly rates that were sent, exact ({@code 0} when none was). */
  public BigDecimal amount() {
    return amount;
  }

  /** How many CVMs the sum covers. */
  public int priced() {
    return priced;
  }

  /** How many CVMs were left out: no {@code hourly_rate}, or one without a {@code total}. */
  public int unpriced() {
    return unpriced;
  }

  /** Whether every CVM of the list had a rate, so {@link #amount()} is the whole cost. */
  public boolean complete() {
    return unpriced == 0;
  }

  /**
   * Equal when the amounts are numerically equal ({@code 0.50} and {@code 0.5}) and the counts
   * match.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof HourlyRateTotal
        && ((HourlyRateTotal) other).amount.compareTo(amount) == 0
        && ((HourlyRateTotal) other).priced == priced
        && ((HourlyRateTotal) other).unpriced == unpriced;
  }

  @Override
  public int hashCode() {
    return Objects.hash(amount.stripTrailingZeros(), priced, unpriced);
  }

  /** For example {@code 3.6090 per hour (2 priced, 1 without a rate)}. */
  @Override
  public String toString() {
    return amount.toPlainString()
        + " per hour ("
        + priced
        + " priced, "
        + unpriced
        + " without a rate)";
  }
}
