package com.phala.cloud.internal.http;

import com.phala.cloud.errors.PhalaException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The attempts of one async call, with no thread of its own: each attempt is enqueued on OkHttp's
 * dispatcher, which runs at most its {@code maxRequests} at once and queues the rest; the body is
 * read on the dispatcher's thread when the response arrives; the wait before a retry is a task on
 * the shared scheduler, which holds no thread while it waits.
 */
final class AsyncAttempts<T> extends Attempts<T> implements Callback {
  private final CompletableFuture<T> result = new CompletableFuture<>();

  AsyncAttempts(
      CallRunner runner, Request request, Execution execution, CallRunner.BodyHandler<T> handler) {
    super(runner, request, execution, handler);
  }

  /** Enqueues the first attempt; the future completes when the call has its answer or fails. */
  CompletableFuture<T> start() {
    next();
    return result;
  }

  private void next() {
    try {
      nextCall().enqueue(this);
    } catch (RuntimeException failure) {
      fail(failure);
    }
  }

  /** Runs on the dispatcher's thread once the headers are in. */
  @Override
  public void onResponse(Call call, Response response) {
    try {
      retryOrComplete(outcome(response));
    } catch (RuntimeException | Error e) {
      response.close();
      fail(e);
    }
  }

  /** Runs on the dispatcher's thread when the attempt fails, or when its executor refused it. */
  @Override
  public void onFailure(Call call, IOException e) {
    try {
      retryOrComplete(outcome(e));
    } catch (RuntimeException failure) {
      fail(failure);
    }
  }

  /**
   * Completes the future with the value when {@code wait} is {@code null}, else schedules the next
   * attempt after it; throws {@link com.phala.cloud.errors.PhalaClosedException} if the client is
   * closed.
   */
  private void retryOrComplete(Duration wait) {
    if (wait == null) {
      result.complete(value);
      return;
    }
    // The scheduler's one thread only hands the next attempt over: it must never run user code,
    // which the future's completion could.
    ScheduledFuture<?> retry = runner.watchdog.schedule(this::handOver, wait.toNanos());
    execution.whenCancelled(
        () -> {
          if (retry.cancel(false)) {
            fail(cancelled(null));
          }
        });
  }

  private void handOver() {
    execution.whenCancelled(null);
    try {
      runner.http.dispatcher().executorService().execute(this::next);
    } catch (RejectedExecutionException shutDown) {
      next();
    }
  }

  private void fail(Throwable failure) {
    result.completeExceptionally(
        failure instanceof PhalaException
            ? runner.credential.redaction().scrub((PhalaException) failure)
            : failure);
  }

  /**
   * A cancelled future's own exception: the caller cancelled it, and {@code CompletableFuture}
   * reports that as a {@code CancellationException} ({@code isCancelled()} is true).
   */
  @Override
  RuntimeException cancelled(Throwable cause) {
    return new CancellationException("The call was cancelled.");
  }

  /** OkHttp's way of saying its dispatcher's executor is shut down: no network was involved. */
  @Override
  void throwIfStopped(IOException e) {
    if (e instanceof InterruptedIOException && "executor rejected".equals(e.getMessage())) {
      throw new PhalaException(
          "The executor that runs async calls refused this one: it is shut down."
              + " An executor passed to PhalaCloud.Builder.executor(...) must stay open as long"
              + " as the client is used.",
          e);
    }
  }
}
