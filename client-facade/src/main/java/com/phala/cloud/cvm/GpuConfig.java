package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.GpuConfig.*;

import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Set;

/** The GPUs attached to a VM. */
public final class GpuConfig extends ApiObject {
  private static final Set<String> KNOWN =
      KnownFields.of(com.phala.cloud.generated.model.GpuConfig.class);

  /**
   * Whether this is the contract's default for a configuration without {@code gpus}, not received
   * data.
   */
  private final boolean defaulted;

  GpuConfig(JsonObjectNode json, String path) {
    this(json, path, false);
  }

  private GpuConfig(JsonObjectNode json, String path, boolean defaulted) {
    super(json, path, KNOWN);
    this.defaulted = defaulted;
  }

  /**
   * The contract's default at {@code path}, for a configuration whose {@code gpus} is absent or
   * null: listed, none.
   */
  static GpuConfig defaults(String path) {
    return new GpuConfig(JsonObjectNode.empty(), path, true);
  }

  /**
   * The GPUs, when {@link #attachMode()} is {@code listed} (required; may be empty, and is empty
   * for the default of a configuration without {@code gpus}).
   */
  public List<Gpu> gpus() {
    return defaulted ? List.of() : requiredObjects(SERIALIZED_NAME_GPUS, Gpu::new);
  }

  /**
   * {@code listed} (the GPUs in {@link #gpus()}) or {@code all} (every GPU of the node); default
   * {@code listed}.
   */
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
