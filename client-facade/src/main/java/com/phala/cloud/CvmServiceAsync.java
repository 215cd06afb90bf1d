package com.phala.cloud;

import com.phala.cloud.cvm.CvmInfoList;
import java.util.concurrent.CompletableFuture;

/**
 * {@link CvmService}'s lists without blocking the caller, from {@code client.async().cvms()}.
 *
 * <p>Each call runs on OkHttp's dispatcher, at most {@link PhalaCloud.Builder#maxConcurrentCalls}
 * at once (the rest wait in its queue, within their deadline), on the {@link
 * PhalaCloud.Builder#executor executor}'s threads; no thread waits between retries. The future
 * completes on the thread that read the response: do slow work in {@code thenApplyAsync} and the
 * like. Cancelling the future cancels the HTTP call in flight and any wait between retries. It
 * fails with the exceptions {@link CvmService} throws, and at once with {@link
 * com.phala.cloud.errors.PhalaClosedException} if the client is closed.
 */
public final class CvmServiceAsync {
  private final CvmCalls calls;

  CvmServiceAsync(CvmCalls calls) {
    this.calls = calls;
  }

  /** Every CVM, in the current shape. */
  public CompletableFuture<CvmInfoList> list() {
    return list(CvmShape.CURRENT, ListCvmsParams.none());
  }

  /** The CVMs {@code params} selects on the server, in the current shape. */
  public CompletableFuture<CvmInfoList> list(ListCvmsParams params) {
    return list(CvmShape.CURRENT, params);
  }

  /** Every CVM, in {@code shape}. */
  public <L> CompletableFuture<L> list(CvmShape<L, ?> shape) {
    return list(shape, ListCvmsParams.none());
  }

  /** The CVMs {@code params} selects on the server, in {@code shape}. */
  public <L> CompletableFuture<L> list(CvmShape<L, ?> shape, ListCvmsParams params) {
    return calls.async(shape, params);
  }
}
