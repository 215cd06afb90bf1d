package com.phala.cloud.internal.http;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.errors.PhalaException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of one call's attempts, whichever way they run: what starting an attempt, its response
 * and its failure mean (the value, the wait before the next attempt, or the call's failure,
 * thrown). {@link BlockingAttempts} runs them on the caller's thread and sleeps between them;
 * {@link AsyncAttempts} enqueues them and schedules the waits. Every failure leaves through their
 * redaction.
 *
 * <p>One step runs at a time and each starts after the last one ended (a loop on one thread, or
 * OkHttp's dispatcher and the scheduler, which order them), so plain fields are safe.
 */
abstract class Attempts<T> {
  private static final Logger LOG = LoggerFactory.getLogger("com.phala.cloud.http");

  final CallRunner runner;
  final Request request;
  final Execution execution;
  private final CallRunner.BodyHandler<T> handler;
  private int attempt;
  private PhalaException last;
  private ScheduledFuture<?> watchdog;
  private long started;

  /** The value of the 2xx response, once {@link #outcome(Response)} returned {@code null}. */
  T value;

  Attempts(
      CallRunner runner, Request request, Execution execution, CallRunner.BodyHandler<T> handler) {
    this.runner = runner;
    this.request = request;
    this.execution = execution;
    this.handler = handler;
  }

  /** The failure of a cancelled call, as this way of running reports it. */
  abstract RuntimeException cancelled(Throwable cause);

  /**
   * Throws the failure that ends the call at once for a reason of this way of running, if there is
   * one; {@code e} is the attempt's failure, or {@code null} before an attempt.
   */
  abstract void throwIfStopped(IOException e);

  /**
   * The next attempt's call, attached to the execution and under its deadline's watch; throws the
   * call's failure if no attempt may start (cancelled, past the deadline, the client closed).
   */
  final Call nextCall() {
    attempt++;
    if (execution.isCancelled()) {
      throw cancelled(null);
    }
    throwIfStopped(null);
    Duration remaining = execution.remaining();
    if (remaining.isNegative() || remaining.isZero()) {
      throw CallRunner.deadlineExceeded(execution, last);
    }
    Call call = runner.http.newCall(request);
    execution.attach(call);
    watchdog = runner.watchdog.schedule(() -> execution.deadlinePassed(call), remaining.toNanos());
    started = System.nanoTime();
    return call;
  }

  /**
   * What the attempt's {@code response} means: {@code null} when it was a 2xx, whose value is in
   * {@link #value}, else the wait before the next attempt; throws the call's failure. A failure
   * reading the body is the attempt's failure, as {@link #outcome(IOException)} judges it.
   */
  final Duration outcome(Response response) {
    PhalaException failure;
    // The body, even an error's, is read under the watchdog: a server may dribble it past the
    // deadline.
    try {
      ResponseInfo info = new ResponseInfo(response.code(), response.headers().toMultimap(), null);
      if (LOG.isDebugEnabled()) {
        // The request id is the server's text, so it is redacted like any other.
        LOG.debug(
            "GET {} -> {} (attempt {}, {} ms{})",
            CallRunner.redactedUrl(request.url()),
            response.code(),
            attempt,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
            info.requestId().map(id -> ", request id " + runner.credential.redact(id)).orElse(""));
      }
      if (response.isSuccessful()) {
        value = handler.handle(response, info);
        return null;
      }
      failure = ErrorResponses.toException(response, runner.credential);
    } catch (IOException e) {
      response.close();
      return outcome(e);
    } finally {
      watchdog.cancel(false);
    }
    if (execution.isCancelled()) {
      throw cancelled(null);
    }
    if (execution.deadlineHit()) {
      throw CallRunner.deadlineExceeded(execution, failure);
    }
    if (!RetryPolicy.isRetryable(response.code())) {
      throw failure;
    }
    return retryAfter(failure, runner.retries.delay(attempt, response.headers()));
  }

  /** What the attempt's failure {@code e} means: the wait before the next attempt, else thrown. */
  final Duration outcome(IOException e) {
    watchdog.cancel(false);
    if (execution.isCancelled()) {
      throw cancelled(e);
    }
    throwIfStopped(e);
    if (execution.deadlineHit()) {
      throw CallRunner.deadlineExceeded(execution, e);
    }
    PhalaException failure = runner.networkFailure(request, e);
    if (e instanceof SSLPeerUnverifiedException) {
      throw failure;
    }
    LOG.debug(
        "GET {} failed on attempt {}: {}",
        CallRunner.redactedUrl(request.url()),
        attempt,
        failure.getMessage());
    return retryAfter(failure, runner.retries.delay(attempt, null));
  }

  /** {@code wait}, if another attempt may follow {@code failure} after it; else throws it. */
  private Duration retryAfter(PhalaException failure, Duration wait) {
    last = failure;
    if (attempt > runner.retries.maxRetries()) {
      throw failure;
    }
    if (wait.compareTo(execution.remaining()) >= 0) {
      LOG.debug(
          "Not retrying GET {}: waiting {} ms would pass the deadline",
          CallRunner.redactedUrl(request.url()),
          wait.toMillis());
      throw failure;
    }
    LOG.debug(
        "Retrying GET {} in {} ms (retry {} of {})",
        CallRunner.redactedUrl(request.url()),
        wait.toMillis(),
        attempt,
        runner.retries.maxRetries());
    return wait;
  }
}
