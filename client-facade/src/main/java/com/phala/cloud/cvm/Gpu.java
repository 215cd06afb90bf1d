package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.GpuSpec.*;

import com.phala.cloud.generated.model.GpuSpec;
import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One GPU attached to a VM. */
public final class Gpu extends ApiObject {
  private static final Set<String> KNOWN = KnownFields.of(GpuSpec.class);

  Gpu(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** The GPU's PCI slot on the node, such as {@code 18:00.0} (required). */
  public String slot() {
    return requiredString(SERIALIZED_NAME_SLOT);
  }

  /** The GPU's PCI product id, such as {@code 10de:2335}. */
  public Optional<String> productId() {
    return optionalString(SERIALIZED_NAME_PRODUCT_ID);
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::slot);
    check(problems, this::productId);
  }
}
