package com.phala.cloud.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import okhttp3.Response;

/**
 * The whole-stream deadline of a streamed listing, counted from the call's start: when it passes,
 * the call is cancelled, and the body's next read fails with an {@link InterruptedIOException} that
 * says so. Closing it releases the response and the timer.
 */
public final class StreamDeadline implements AutoCloseable {
  private final Response response;
  private final Duration budget;
  private final ScheduledFuture<?> expiry;
  private volatile boolean expired;

  private StreamDeadline(
      Watchdog watchdog, Response response, Execution execution, Duration budget, long left) {
    this.response = response;
    this.budget = budget;
    this.expiry =
        left == Long.MAX_VALUE
            ? null
            : watchdog.schedule(
                () -> {
                  expired = true;
                  execution.cancel();
                },
                left);
  }

  /**
   * Bounds the reading of {@code response}, opened by {@code execution}, to {@code budget} from
   * {@code startedNanos} (a {@link System#nanoTime()}); a {@code null} budget, or one too long to
   * count in nanoseconds (such as {@code ChronoUnit.FOREVER}), is no bound.
   */
  static StreamDeadline start(
      Watchdog watchdog,
      Response response,
      Execution execution,
      Duration budget,
      long startedNanos) {
    long nanos = budget == null ? Long.MAX_VALUE : RetryPolicy.saturatedNanos(budget);
    long left = nanos == Long.MAX_VALUE ? nanos : nanos - (System.nanoTime() - startedNanos);
    try {
      return new StreamDeadline(watchdog, response, execution, budget, left);
    } catch (RuntimeException closed) {
      response.close();
      throw closed;
    }
  }

  /** {@code body}, whose reads fail once the deadline has passed. */
  public Reader bound(Reader body) {
    return new CheckedReader(body, this::checkTime);
  }

  private void checkTime(IOException cause) throws InterruptedIOException {
    if (expired) {
      InterruptedIOException timeout =
          new InterruptedIOException(
              "the stream did not finish within its deadline of "
                  + budget.toMillis()
                  + " ms (streamTimeout), the call and the reading of the body together");
      timeout.initCause(cause);
      throw timeout;
    }
  }

  @Override
  public void close() {
    if (expiry != null) {
      expiry.cancel(false);
    }
    response.close();
  }
}
