package com.phala.cloud.internal.http;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.errors.PhalaException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts of one async call, with the rules of {@link CallRunner}'s blocking loop (retries,
 * deadline, cancellation, error mapping), but no thread of its own: each attempt is enqueued on
 * OkHttp's dispatcher, which runs at most its {@code maxRequests} at once and queues the rest; the
 * body is read on the dispatcher's thread when the response arrives; the wait before a retry is a
 * task on the shared scheduler, which holds no thread while it waits.
 */
final class AsyncAttempts<T> implements Callback {
  private static final Logger LOG = LoggerFactory.getLogger("com.phala.cloud.http");

  private final CallRunner runner;
  private final Request request;
  private final Execution execution;
  private final CallRunner.BodyHandler<T> handler;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  // One step runs at a time and each starts after the last one ended (through OkHttp's dispatcher
  // or the scheduler, which order them), so plain fields are safe.
  private int attempt;
  private PhalaException last;
  private ScheduledFuture<?> watchdog;
  private long started;

  AsyncAttempts(
      CallRunner runner, Request request, Execution execution, CallRunner.BodyHandler<T> handler) {
    this.runner = runner;
    this.request = request;
    this.execution = execution;
    this.handler = handler;
  }

  /** Enqueues the first attempt; the future completes when the call has its answer or fails. */
  CompletableFuture<T> start() {
    next();
    return result;
  }

  private void next() {
    attempt++;
    if (execution.isCancelled()) {
      fail(cancelled());
      return;
    }
    Duration remaining = execution.remaining();
    if (remaining.isNegative() || remaining.isZero()) {
      fail(CallRunner.deadlineExceeded(execution, last));
      return;
    }
    Call call = runner.http().newCall(request);
    execution.attach(call);
    try {
      watchdog =
          runner.watchdog().schedule(() -> execution.deadlinePassed(call), remaining.toNanos());
    } catch (PhalaException closed) {
      fail(closed);
      return;
    }
    started = System.nanoTime();
    call.enqueue(this);
  }

  /** Runs on the dispatcher's thread once the headers are in. */
  @Override
  public void onResponse(Call call, Response response) {
    PhalaException failure;
    Duration wait;
    try {
      ResponseInfo info = new ResponseInfo(response.code(), response.headers().toMultimap(), null);
      runner.log(request, attempt, started, response.code(), info);
      if (response.isSuccessful()) {
        T value;
        try (Response body = response) {
          value = handler.handle(body, info);
        } finally {
          watchdog.cancel(false);
        }
        result.complete(value);
        return;
      }
      // The error body is read under the watchdog too: a server may dribble it past the deadline.
      failure = ErrorResponses.toException(response, runner.credential());
      watchdog.cancel(false);
      if (execution.isCancelled()) {
        fail(cancelled());
        return;
      }
      if (execution.deadlineHit()) {
        fail(CallRunner.deadlineExceeded(execution, failure));
        return;
      }
      if (!RetryPolicy.isRetryable(response.code())) {
        fail(failure);
        return;
      }
      wait = runner.retries().delay(attempt, response.headers());
    } catch (IOException e) {
      response.close();
      onFailure(call, e);
      return;
    } catch (RuntimeException | Error e) {
      watchdog.cancel(false);
      response.close();
      fail(e);
      return;
    }
    retryOrFail(failure, wait);
  }

  /** Runs on the dispatcher's thread when the attempt fails, or when its executor refused it. */
  @Override
  public void onFailure(Call call, IOException e) {
    watchdog.cancel(false);
    if (execution.isCancelled()) {
      fail(cancelled());
      return;
    }
    if (execution.deadlineHit()) {
      fail(CallRunner.deadlineExceeded(execution, e));
      return;
    }
    if (e instanceof InterruptedIOException && "executor rejected".equals(e.getMessage())) {
      // OkHttp's way of saying its dispatcher's executor is shut down: no network was involved.
      fail(
          new PhalaException(
              "The executor that runs async calls refused this one: it is shut down."
                  + " An executor passed to PhalaCloud.Builder.executor(...) must stay open as long"
                  + " as the client is used.",
              e));
      return;
    }
    PhalaException failure = runner.networkFailure(request, e);
    if (e instanceof SSLPeerUnverifiedException) {
      fail(failure);
      return;
    }
    LOG.debug(
        "GET {} failed on attempt {}: {}",
        CallRunner.redactedUrl(request.url()),
        attempt,
        failure.getMessage());
    retryOrFail(failure, runner.retries().delay(attempt, null));
  }

  private void retryOrFail(PhalaException failure, Duration wait) {
    last = failure;
    if (attempt > runner.retries().maxRetries()) {
      fail(failure);
      return;
    }
    if (wait.compareTo(execution.remaining()) >= 0) {
      LOG.debug(
          "Not retrying GET {}: waiting {} ms would pass the deadline",
          CallRunner.redactedUrl(request.url()),
          wait.toMillis());
      fail(failure);
      return;
    }
    LOG.debug(
        "Retrying GET {} in {} ms (retry {} of {})",
        CallRunner.redactedUrl(request.url()),
        wait.toMillis(),
        attempt,
        runner.retries().maxRetries());
    // The scheduler's one thread only hands the next attempt over: it must never run user code,
    // which the future's completion could.
    ScheduledFuture<?> retry;
    try {
      retry = runner.watchdog().schedule(this::handOver, wait.toNanos());
    } catch (PhalaException closed) {
      fail(closed);
      return;
    }
    execution.whenCancelled(
        () -> {
          if (retry.cancel(false)) {
            fail(cancelled());
          }
        });
  }

  private void handOver() {
    execution.whenCancelled(null);
    try {
      runner.http().dispatcher().executorService().execute(this::next);
    } catch (RejectedExecutionException shutDown) {
      next();
    }
  }

  private void fail(Throwable failure) {
    result.completeExceptionally(
        failure instanceof PhalaException
            ? runner.credential().redaction().scrub((PhalaException) failure)
            : failure);
  }

  /**
   * A cancelled future's own exception: the caller cancelled it, and {@code CompletableFuture}
   * reports that as a {@code CancellationException} ({@code isCancelled()} is true).
   */
  private static CancellationException cancelled() {
    return new CancellationException("The call was cancelled.");
  }
}
