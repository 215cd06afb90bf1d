package com.phala.cloud.cvm;

import com.phala.cloud.internal.view.ViewJson;

/**
 * What every view of one CVM offers beyond its contract's properties, whatever the shape of the
 * list: the questions people ask of a status. The contract names it ({@code x-java-extends}) as the
 * base of {@link CvmInfo}, and of {@link Cvm} through {@link CvmBase}.
 */
public abstract class CvmView extends ApiObject {
  CvmView(ViewJson json) {
    super(json);
  }

  /** The CVM's name, unique in its workspace (required). */
  public abstract String name();

  /** The cloud-level status (required): an open set, see {@link CvmStatus}. */
  public abstract CvmStatus status();

  /** Whether an operation is under way (default false). */
  public abstract boolean inProgress();

  /** Whether the status is running. */
  public final boolean isRunning() {
    return status().isRunning();
  }

  /** Whether an operation is under way: {@link #inProgress()} or a transitional status. */
  public final boolean isTransitional() {
    return inProgress() || status().isTransitional();
  }
}
