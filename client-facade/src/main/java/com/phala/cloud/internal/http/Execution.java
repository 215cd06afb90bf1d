package com.phala.cloud.internal.http;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;

/**
 * One logical call across its attempts: its whole-call deadline, the HTTP call in flight, and
 * whether the caller cancelled it. Cancelling aborts the call in flight and any wait.
 */
public final class Execution {
  private final long deadlineNanos;
  private final Duration budget;
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private volatile Call current;
  private volatile boolean deadlineHit;
  // What cancel() must also stop: an async call's scheduled retry, which holds no thread to wake.
  private final AtomicReference<Runnable> onCancel = new AtomicReference<>();

  /**
   * An execution that must finish within {@code budget} from now; a budget too long to count in
   * nanoseconds (such as {@code ChronoUnit.FOREVER}) is about 292 years, in effect no deadline.
   */
  public Execution(Duration budget) {
    this.budget = budget;
    // May wrap around: remaining() subtracts, which stays right for any budget up to
    // Long.MAX_VALUE.
    this.deadlineNanos = System.nanoTime() + RetryPolicy.saturatedNanos(budget);
  }

  /** The whole-call budget this execution started with. */
  public Duration budget() {
    return budget;
  }

  /** Time left before the deadline (zero or negative once it has passed). */
  public Duration remaining() {
    return Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  /** Cancels the call in flight and any wait; the caller sees a cancellation. */
  public void cancel() {
    cancelled.countDown();
    Call call = current;
    if (call != null) {
      call.cancel();
    }
    Runnable listener = onCancel.getAndSet(null);
    if (listener != null) {
      listener.run();
    }
  }

  /**
   * Runs {@code listener} when the call is cancelled (at once if it already was), in place of any
   * earlier one; {@code null} removes it.
   */
  void whenCancelled(Runnable listener) {
    onCancel.set(listener);
    if (listener != null && isCancelled() && onCancel.compareAndSet(listener, null)) {
      listener.run();
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  /** Called when the deadline passes during an attempt: aborts it. */
  void deadlinePassed(Call call) {
    deadlineHit = true;
    call.cancel();
  }

  /** Whether the deadline aborted an attempt. */
  boolean deadlineHit() {
    return deadlineHit;
  }

  void attach(Call call) {
    current = call;
    if (isCancelled()) {
      call.cancel();
    }
  }

  /** Waits {@code delay}; returns early, with {@code false}, if the call is cancelled. */
  boolean await(Duration delay) throws InterruptedException {
    return !cancelled.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }
}
