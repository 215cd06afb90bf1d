package com.phala.cloud;

import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.http.CallRunner;
import com.phala.cloud.internal.http.Execution;
import com.phala.cloud.internal.http.OpenCalls;
import com.phala.cloud.internal.http.StreamDeadline;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;

/**
 * How one client lists CVMs of a shape: whole, without blocking, or as a stream. Both services
 * ({@link CvmService}, {@link CvmServiceAsync}) run on it; a client derived with other deadlines
 * has its own.
 */
final class CvmCalls {
  private final ClientWiring wiring;
  private final OpenCalls calls;
  private final Duration timeout;
  private final Duration streamTimeout;

  CvmCalls(ClientWiring wiring, OpenCalls calls, Duration timeout, Duration streamTimeout) {
    this.wiring = wiring;
    this.calls = calls;
    this.timeout = timeout;
    this.streamTimeout = streamTimeout;
  }

  <L> L list(CvmShape<L, ?> shape, ListCvmsParams params) {
    Request request = request(shape, params);
    Execution execution = calls.begin(timeout);
    try {
      return wiring.runner.execute(request, execution, listReader(shape));
    } catch (PhalaException failure) {
      throw calls.isClosed() && execution.isCancelled() ? OpenCalls.closed() : failure;
    } finally {
      calls.end(execution);
    }
  }

  <L> CompletableFuture<L> async(CvmShape<L, ?> shape, ListCvmsParams params) {
    Request request;
    Execution execution;
    try {
      request = request(shape, params);
      execution = calls.begin(timeout);
    } catch (PhalaException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    CompletableFuture<L> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            execution.cancel();
            return super.cancel(mayInterruptIfRunning);
          }
        };
    wiring
        .runner
        .executeAsync(request, execution, listReader(shape))
        .whenComplete(
            (list, failure) -> {
              calls.end(execution);
              if (failure == null) {
                future.complete(list);
              } else if (failure instanceof CancellationException && calls.isClosed()) {
                future.completeExceptionally(OpenCalls.closed());
              } else {
                future.completeExceptionally(
                    failure instanceof CompletionException ? failure.getCause() : failure);
              }
            });
    return future;
  }

  <S> S stream(CvmShape<?, S> shape, ListCvmsParams params) {
    long started = System.nanoTime();
    Request request = request(shape, params);
    Execution execution =
        calls.begin(
            streamTimeout != null && streamTimeout.compareTo(timeout) < 0
                ? streamTimeout
                : timeout);
    Response response;
    try {
      response = wiring.runner.open(request, execution);
    } catch (PhalaException failure) {
      calls.end(execution);
      throw calls.isClosed() && execution.isCancelled() ? OpenCalls.closed() : failure;
    }
    try {
      requireJson(response);
    } catch (IOException | RuntimeException notJson) {
      response.close();
      calls.end(execution);
      throw notJson instanceof IOException
          ? wiring.runner.bodyFailure(response.request(), (IOException) notJson)
          : notJson instanceof PhalaException
              ? wiring.credential.redaction().scrub((PhalaException) notJson)
              : (RuntimeException) notJson;
    }
    ResponseInfo info = new ResponseInfo(response.code(), response.headers().toMultimap(), null);
    StreamDeadline deadline =
        wiring.runner.streamDeadline(response, execution, streamTimeout, started);
    // Tagged so that what the stream reports about the body never quotes the credential back.
    Reader body =
        wiring
            .credential
            .redaction()
            .tag(calls.guard(deadline.bound(response.body().charStream())));
    AutoCloseable release =
        () -> {
          calls.end(execution);
          deadline.close();
        };
    return shape.stream.read(body, info, release, wiring.limits);
  }

  private <L> CallRunner.BodyHandler<L> listReader(CvmShape<L, ?> shape) {
    return (response, info) -> {
      requireJson(response);
      // What this throws is scrubbed of the credential by CallRunner, like every failure.
      return shape.list.read(response.body().charStream(), info, wiring.limits);
    };
  }

  /** The request for a listing, built by the generated Retrofit interface from the contract. */
  private Request request(CvmShape<?, ?> shape, ListCvmsParams params) {
    if (shape == null || params == null) {
      throw new com.phala.cloud.errors.PhalaInvalidInputException(
          (shape == null ? "The shape" : "The parameters")
              + " of a listing must not be null; "
              + (shape == null
                  ? "pass CvmShape.CURRENT or CvmShape.LEGACY."
                  : "pass ListCvmsParams.none() for none."));
    }
    return wiring
        .api
        .listCvms(
            com.phala.cloud.generated.model.ApiVersion.fromValue(
                shape.versionFor(wiring.apiVersion).value()),
            wiring.workspace,
            params.userId().orElse(null),
            params.teepodId().isPresent() ? params.teepodId().getAsLong() : null)
        .request();
  }

  /** A 2xx answer that is not JSON (a proxy's or captive portal's HTML page) is unusable data. */
  private static void requireJson(Response response) throws IOException {
    MediaType type = response.body().contentType();
    if (type != null && !type.subtype().contains("json")) {
      // Scrubbed of the credential by the caller (CallRunner, or stream), like every failure.
      String start = response.peekBody(300).string().replaceAll("\\s+", " ").trim();
      throw new PhalaInvalidDataException(
          "The API answered HTTP "
              + response.code()
              + " with "
              + type.type()
              + "/"
              + type.subtype()
              + " instead of JSON; a proxy or captive portal may be in the way. Received: "
              + start,
          "$",
          start,
          null);
    }
  }
}
