package com.phala.cloud.cvm;

import com.google.gson.JsonObject;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.generated.model.HostedCvm;
import com.phala.cloud.internal.GeneratedGson;

/**
 * What a {@link Cvm} offers beyond its contract's properties: the questions people ask of a status,
 * and the generated model. The contract names this class ({@code x-java-extends}) as the base of
 * the generated {@link Cvm} view.
 */
public abstract class CvmBase extends ApiObject {
  CvmBase(JsonObject json, String path) {
    super(json, path);
  }

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

  /**
   * This CVM bound to the generated model, for callers who want it.
   *
   * @throws PhalaInvalidDataException if it does not fit the generated model (a field of the wrong
   *     type)
   */
  public final HostedCvm generated() {
    return GeneratedGson.bind(json(), HostedCvm.class, path());
  }
}
