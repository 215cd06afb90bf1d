package com.phala.cloud;

/**
 * A {@link PhalaCloud}'s calls that do not block, from {@link PhalaCloud#async()}: the same
 * services, returning {@code CompletableFuture}s. It shares the client's connections, threads,
 * settings and lifetime.
 */
public final class PhalaCloudAsync {
  private final CvmServiceAsync cvms;

  PhalaCloudAsync(CvmCalls calls) {
    this.cvms = new CvmServiceAsync(calls);
  }

  /** The CVM list, without blocking. */
  public CvmServiceAsync cvms() {
    return cvms;
  }
}
