package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.VmConfiguration.*;

import com.phala.cloud.generated.model.VmConfiguration;
import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A VM's configuration as deployed on its node ({@code hosted.configuration}). */
public final class CvmConfiguration extends ApiObject {
  private static final Set<String> KNOWN = KnownFields.of(VmConfiguration.class);

  CvmConfiguration(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** The VM's name in its configuration (required). */
  public String name() {
    return requiredString(SERIALIZED_NAME_NAME);
  }

  /** The dstack OS image, such as {@code dstack-0.5.3} (required). */
  public String image() {
    return requiredString(SERIALIZED_NAME_IMAGE);
  }

  /** The app's compose manifest. */
  public Optional<ComposeFile> composeFile() {
    return optionalObject(SERIALIZED_NAME_COMPOSE_FILE, ComposeFile::new);
  }

  /** Virtual CPUs (required). */
  public int vcpu() {
    return requiredInt(SERIALIZED_NAME_VCPU);
  }

  /** Memory in MB (required). */
  public int memoryMb() {
    return requiredInt(SERIALIZED_NAME_MEMORY);
  }

  /** Disk size in GB (required). */
  public int diskSizeGb() {
    return requiredInt(SERIALIZED_NAME_DISK_SIZE);
  }

  /** Ports forwarded from the node to the VM (empty when none). */
  public List<PortMapping> ports() {
    return objects(SERIALIZED_NAME_PORTS, PortMapping::new);
  }

  /** The encrypted environment (hex), readable only inside the CVM. */
  public Optional<String> encryptedEnv() {
    return optionalString(SERIALIZED_NAME_ENCRYPTED_ENV);
  }

  /** The app id. */
  public Optional<String> appId() {
    return optionalString(SERIALIZED_NAME_APP_ID);
  }

  /** Free-form user configuration passed to the guest. */
  public Optional<String> userConfig() {
    return optionalString(SERIALIZED_NAME_USER_CONFIG);
  }

  /** Whether memory uses huge pages (default false). */
  public boolean hugepages() {
    return bool(SERIALIZED_NAME_HUGEPAGES, false);
  }

  /** Whether the VM is pinned to one NUMA node (default false). */
  public boolean pinNuma() {
    return bool(SERIALIZED_NAME_PIN_NUMA, false);
  }

  /** The GPUs attached; when absent or null, the contract's default (listed, none). */
  public GpuConfig gpus() {
    return optionalObject(SERIALIZED_NAME_GPUS, GpuConfig::new)
        .orElseGet(() -> GpuConfig.defaults(pathOf(SERIALIZED_NAME_GPUS)));
  }

  /** URLs of the key management services the VM may use (default empty). */
  public List<String> kmsUrls() {
    return strings(SERIALIZED_NAME_KMS_URLS, List.of());
  }

  /** URLs of the gateways the VM may use (default empty). */
  public List<String> gatewayUrls() {
    return strings(SERIALIZED_NAME_GATEWAY_URLS, List.of());
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::name);
    check(problems, this::image);
    check(problems, () -> composeFile().ifPresent(compose -> compose.collectProblems(problems)));
    check(problems, this::vcpu);
    check(problems, this::memoryMb);
    check(problems, this::diskSizeGb);
    checkAll(problems, this::ports, safe(this::ports));
    check(problems, this::encryptedEnv);
    check(problems, this::appId);
    check(problems, this::userConfig);
    check(problems, this::hugepages);
    check(problems, this::pinNuma);
    check(problems, () -> gpus().collectProblems(problems));
    check(problems, this::kmsUrls);
    check(problems, this::gatewayUrls);
  }
}
