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
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs a GET to completion: attempts, retries with backoff, the whole-call deadline, cancellation,
 * error mapping and logging, by the one set of rules in {@link Attempts}, blocking or async. Every
 * failure leaves as a {@link PhalaException}: an interrupt of the calling thread as a {@link
 * PhalaCancelledException}, with the thread's interrupt flag kept set.
 */
public final class CallRunner implements AutoCloseable {
  /** Aborts the attempts and streams of this runner's client whose deadline passes. */
  final Watchdog watchdog = new Watchdog();

  final OkHttpClient http;
  final RetryPolicy retries;
  final Credential credential;

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
    return new BlockingAttempts<>(this, request, execution, closing(handler)).run();
  }

  /**
   * Runs {@code request} until a 2xx response and returns it with its body open, for the caller to
   * stream and close. The deadline stops at the headers; see {@link StreamDeadline} for the body.
   */
  public Response open(Request request, Execution execution) {
    return new BlockingAttempts<>(this, request, execution, (response, info) -> response).run();
  }

  /**
   * {@link #execute} without a thread waiting for it: the attempts are enqueued on OkHttp's
   * dispatcher and the waits between them are scheduled (see {@link AsyncAttempts}). The future
   * completes on the dispatcher's thread that read the response, or fails as {@code execute}
   * throws; cancel through {@code execution}.
   */
  public <T> CompletableFuture<T> executeAsync(
      Request request, Execution execution, BodyHandler<T> handler) {
    return new AsyncAttempts<>(this, request, execution, closing(handler)).start();
  }

  /** {@code handler}, closing the response once it has read the body (or failed to). */
  private static <T> BodyHandler<T> closing(BodyHandler<T> handler) {
    return (response, info) -> {
      try (response) {
        return handler.handle(response, info);
      }
    };
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
   * @throws com.phala.cloud.errors.PhalaClosedException if the client is closed (the response is
   *     closed too)
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
