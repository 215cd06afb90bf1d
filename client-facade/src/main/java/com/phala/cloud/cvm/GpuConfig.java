package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.GpuConfig.*;

import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Set;

/** The GPUs attached to a VM. */
public final class GpuConfig extends ApiObject {
  private static final Set<String> KNOWN = KnownFields.of(com.phala.cloud.generated.model.GpuConfig.class);

  GpuConfig(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** The GPUs, when {@link #attachMode()} is {@code listed} (empty when none). */
  public List<Gpu> gpus() {
    return objects(SERIALIZED_NAME_GPUS, Gpu::new);
  }

  /** {@code listed} (the GPUs in {@link #gpus()}) or {@code all} (every GPU of the node); default {@code listed}. */
  public String attachMode() {
    return stringOrDefault(SERIALIZED_NAME_ATTACH_MODE, "listed");
  }

  /** Whether every GPU of the node is attached. */
  public boolean attachesAll() {
    return "all".equals(attachMode());
  }

  @Override
  void collectProblems(List<String> problems) {
    checkAll(problems, this::gpus, safe(this::gpus));
    check(problems, this::attachMode);
  }
}
