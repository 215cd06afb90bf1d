package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.generated.model.HostedCvm;
import com.phala.cloud.internal.GeneratedGson;
import com.phala.cloud.internal.view.ViewJson;

/**
 * What a {@link Cvm} offers beyond its contract's properties and {@link CvmView}'s: the generated
 * Gson model. The contract names this class ({@code x-java-extends}) as the base of the generated
 * {@link Cvm} view.
 */
public abstract class CvmBase extends CvmView {
  CvmBase(ViewJson json) {
    super(json);
  }

  /**
   * This CVM bound to the generated model, for callers who want it: the one door from the façade's
   * API to the generated POJOs ({@code com.phala.cloud.generated.model}). They follow the generator
   * and the contract, not the façade's compatibility promise: a new generator or a changed schema
   * can rename or retype their members without a deprecation first. The views do not change so.
   *
   * @throws PhalaInvalidDataException if it does not fit the generated model (a field of the wrong
   *     type)
   */
  public final HostedCvm generated() {
    return GeneratedGson.bind(json(), HostedCvm.class, path());
  }
}
