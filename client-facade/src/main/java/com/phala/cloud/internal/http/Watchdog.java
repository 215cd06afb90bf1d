package com.phala.cloud.internal.http;

import com.phala.cloud.errors.PhalaClosedException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Aborts the attempts and streams of one client whose deadline passes. Its one daemon thread starts
 * with the first deadline, ends after {@value #IDLE_SECONDS} s with none pending, and for good once
 * the client is closed: no thread outlives the clients that use it, so an application server's
 * redeploy leaves nothing behind.
 */
public final class Watchdog implements AutoCloseable {
  /** How long the thread waits for another deadline before it ends. */
  static final int IDLE_SECONDS = 10;

  /** The prefix of the thread's name; the client's number follows it. */
  public static final String THREAD_NAME = "phala-cloud-deadline-";

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final ScheduledThreadPoolExecutor executor;

  /** A watchdog whose thread starts with its first deadline. */
  public Watchdog() {
    String name = THREAD_NAME + CLIENTS.incrementAndGet();
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, name);
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * Runs {@code task} in {@code nanos} unless cancelled first.
   *
   * @throws PhalaClosedException if the client is closed
   */
  ScheduledFuture<?> schedule(Runnable task, long nanos) {
    try {
      return executor.schedule(task, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      throw new PhalaClosedException(
          "This PhalaCloud client is closed: build a new one to make more calls.");
    }
  }

  /**
   * Takes no more deadlines; the thread ends at once, or after the deadlines of calls still in
   * flight (a call that ends cancels its own, so an idle client has none).
   */
  @Override
  public void close() {
    executor.shutdown();
  }
}
