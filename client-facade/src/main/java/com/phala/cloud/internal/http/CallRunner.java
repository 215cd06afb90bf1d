package com.phala.cloud.internal.http;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.errors.PhalaCancelledException;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.PhalaTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a GET to completion: attempts, retries with backoff, the whole-call deadline, cancellation,
 * error mapping and logging. Every failure leaves as a {@link PhalaException}: an interrupt of the
 * calling thread as a {@link PhalaCancelledException}, with the thread's interrupt flag kept set.
 */
public final class CallRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("com.phala.cloud.http");

  /** Aborts the attempts and streams of this runner's client whose deadline passes. */
  private final Watchdog watchdog = new Watchdog();

  /** The client's deadline and retry-wait thread, shared with its async attempts. */
  Watchdog watchdog() {
    return watchdog;
  }

  private final OkHttpClient http;
  private final RetryPolicy retries;
  private final Credential credential;

  /**
   * A runner over {@code http} with {@code retries}; {@code credential} is redacted from messages.
   */
  public CallRunner(OkHttpClient http, RetryPolicy retries, Credential credential) {
    this.http = http;
    this.retries = retries;
    this.credential = credential;
  }

  /**
   * Reads a successful response. May throw {@link IOException}: the attempt then counts as failed.
   */
  public interface BodyHandler<T> {
    /** Reads {@code response}'s body; {@code info} describes it. */
    T handle(Response response, ResponseInfo info) throws IOException;
  }

  /**
   * Runs {@code request} until a 2xx response, hands it to {@code handler} and closes it. A network
   * failure while the handler reads the body is retried like any other.
   */
  public <T> T execute(Request request, Execution execution, BodyHandler<T> handler) {
    return run(request, execution, handler, true);
  }

  /**
   * Runs {@code request} until a 2xx response and returns it with its body open, for the caller to
   * stream and close. The deadline stops at the headers; see {@link StreamDeadline} for the body.
   */
  public Response open(Request request, Execution execution) {
    return run(request, execution, (response, info) -> response, false);
  }

  /**
   * {@link #execute} without a thread waiting for it: the attempts are enqueued on OkHttp's
   * dispatcher and the waits between them are scheduled (see {@link AsyncAttempts}). The future
   * completes on the dispatcher's thread that read the response, or fails as {@code execute}
   * throws; cancel through {@code execution}.
   */
  public <T> CompletableFuture<T> executeAsync(
      Request request, Execution execution, BodyHandler<T> handler) {
    return new AsyncAttempts<>(this, request, execution, handler).start();
  }

  OkHttpClient http() {
    return http;
  }

  RetryPolicy retries() {
    return retries;
  }

  Credential credential() {
    return credential;
  }

  /**
   * Runs the attempts; whatever it throws carries no trace of the credential, even if a server
   * echoed it.
   */
  private <T> T run(
      Request request, Execution execution, BodyHandler<T> handler, boolean closeAfter) {
    try {
      return attempts(request, execution, handler, closeAfter);
    } catch (PhalaException failure) {
      throw credential.redaction().scrub(failure);
    }
  }

  private <T> T attempts(
      Request request, Execution execution, BodyHandler<T> handler, boolean closeAfter) {
    PhalaException last = null;
    for (int attempt = 1; ; attempt++) {
      if (execution.isCancelled()) {
        throw cancelled(null);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(null);
      }
      Duration remaining = execution.remaining();
      if (remaining.isNegative() || remaining.isZero()) {
        throw deadlineExceeded(execution, last);
      }
      Call call = http.newCall(request);
      execution.attach(call);
      ScheduledFuture<?> watchdog =
          this.watchdog.schedule(() -> execution.deadlinePassed(call), remaining.toNanos());
      long started = System.nanoTime();
      Response response = null;
      PhalaException failure;
      Duration wait = null;
      try {
        response = call.execute();
        ResponseInfo info =
            new ResponseInfo(response.code(), response.headers().toMultimap(), null);
        log(request, attempt, started, response.code(), info);
        if (response.isSuccessful()) {
          if (!closeAfter) {
            watchdog.cancel(false);
            return handler.handle(response, info);
          }
          try (Response body = response) {
            return handler.handle(body, info);
          } finally {
            watchdog.cancel(false);
          }
        }
        // The error body is read under the watchdog too: a server may dribble it past the deadline.
        failure = ErrorResponses.toException(response, credential);
        watchdog.cancel(false);
        if (execution.isCancelled()) {
          throw cancelled(null);
        }
        if (execution.deadlineHit()) {
          throw deadlineExceeded(execution, failure);
        }
        if (!RetryPolicy.isRetryable(response.code())) {
          throw failure;
        }
        wait = retries.delay(attempt, response.headers());
      } catch (IOException e) {
        watchdog.cancel(false);
        if (response != null) {
          response.close();
        }
        if (execution.isCancelled()) {
          throw cancelled(e);
        }
        if (isInterrupt(e)) {
          throw interrupted(e);
        }
        if (execution.deadlineHit()) {
          throw deadlineExceeded(execution, e);
        }
        failure = networkFailure(request, e);
        if (e instanceof SSLPeerUnverifiedException) {
          throw failure;
        }
        wait = retries.delay(attempt, null);
        LOG.debug(
            "GET {} failed on attempt {}: {}",
            redactedUrl(request.url()),
            attempt,
            failure.getMessage());
      }
      last = failure;
      if (attempt > retries.maxRetries()) {
        throw failure;
      }
      if (wait.compareTo(execution.remaining()) >= 0) {
        LOG.debug(
            "Not retrying GET {}: waiting {} ms would pass the deadline",
            redactedUrl(request.url()),
            wait.toMillis());
        throw failure;
      }
      LOG.debug(
          "Retrying GET {} in {} ms (retry {} of {})",
          redactedUrl(request.url()),
          wait.toMillis(),
          attempt,
          retries.maxRetries());
      sleep(execution, wait);
    }
  }

  private static void sleep(Execution execution, Duration wait) {
    try {
      if (!execution.await(wait)) {
        throw cancelled(null);
      }
    } catch (InterruptedException interrupt) {
      execution.cancel();
      throw interrupted(interrupt);
    }
  }

  /**
   * Whether {@code e} is how I/O reports an interrupt of the calling thread (Okio's "interrupted",
   * or any failure while the flag is set), as opposed to a timeout.
   */
  public static boolean isInterrupt(IOException e) {
    return Thread.currentThread().isInterrupted()
        || e instanceof InterruptedIOException && "interrupted".equals(e.getMessage());
  }

  /**
   * The failure of a call whose thread was interrupted; sets the flag again, which the waits that
   * noticed it cleared, so the caller still sees the interrupt.
   */
  public static PhalaCancelledException interrupted(Throwable cause) {
    Thread.currentThread().interrupt();
    return new PhalaCancelledException(
        "The call was stopped because its thread was interrupted; nothing more was sent.", cause);
  }

  static PhalaCancelledException cancelled(Throwable cause) {
    return new PhalaCancelledException("The call was cancelled.", cause);
  }

  PhalaException networkFailure(Request request, IOException e) {
    String where = "GET " + redactedUrl(request.url());
    String cause = credential.redact(String.valueOf(e.getMessage()));
    if (e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      return new PhalaTimeoutException(where + " timed out (" + cause + ").", e);
    }
    return new PhalaIoException(
        where
            + " failed: "
            + e.getClass().getSimpleName()
            + ": "
            + cause
            + ". Check the network and the base URL.",
        e);
  }

  static PhalaTimeoutException deadlineExceeded(Execution execution, Throwable cause) {
    return new PhalaTimeoutException(
        "The call did not finish within its deadline of "
            + execution.budget().toMillis()
            + " ms (attempts and retries together)"
            + (cause instanceof PhalaException
                ? "; the last attempt failed: " + cause.getMessage()
                : "."),
        cause);
  }

  /**
   * One line per attempt; the request id is the server's text, so it is redacted like any other.
   */
  void log(Request request, int attempt, long startedNanos, int status, ResponseInfo info) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "GET {} -> {} (attempt {}, {} ms{})",
          redactedUrl(request.url()),
          status,
          attempt,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos),
          info.requestId().map(id -> ", request id " + credential.redact(id)).orElse(""));
    }
  }

  /** The URL for logs and messages: no user info (credentials never travel in the URL). */
  static String redactedUrl(HttpUrl url) {
    return url.newBuilder().username("").password("").build().toString();
  }

  /** Maps an {@link IOException} from reading a body after the handler returned (streaming). */
  public PhalaException bodyFailure(Request request, IOException e) {
    if (isInterrupt(e)) {
      return interrupted(e);
    }
    return credential.redaction().scrub(networkFailure(request, e));
  }

  /**
   * Bounds the reading of a streamed {@code response} to {@code budget} from {@code startedNanos};
   * see {@link StreamDeadline#start}.
   *
   * @throws PhalaCancelledException if the client is closed (the response is closed too)
   */
  public StreamDeadline streamDeadline(
      Response response, Execution execution, Duration budget, long startedNanos) {
    return StreamDeadline.start(watchdog, response, execution, budget, startedNanos);
  }

  /** Ends the deadline thread once the calls in flight are done; new calls are refused. */
  @Override
  public void close() {
    watchdog.close();
  }
}
