package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.AppComposeV2.*;

import com.phala.cloud.generated.model.AppComposeV2;
import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The app's compose manifest ({@code app-compose.json}, version 2) that defines what a CVM runs.
 */
public final class ComposeFile extends ApiObject {
  private static final Set<String> KNOWN = KnownFields.of(AppComposeV2.class);
  private static final List<String> DEFAULT_FEATURES = List.of("kms", "tproxy-net");

  ComposeFile(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** The app's name (required). */
  public String name() {
    return requiredString(SERIALIZED_NAME_NAME);
  }

  /** Names of the environment variables the app may receive (empty when none). */
  public List<String> allowedEnvs() {
    return strings(SERIALIZED_NAME_ALLOWED_ENVS, List.of());
  }

  /** A bash script run instead of docker compose. */
  public Optional<String> bashScript() {
    return optionalString(SERIALIZED_NAME_BASH_SCRIPT);
  }

  /** The gateway domain used when none is given. */
  public Optional<String> defaultGatewayDomain() {
    return optionalString(SERIALIZED_NAME_DEFAULT_GATEWAY_DOMAIN);
  }

  /** The docker compose file (YAML), as text. */
  public Optional<String> dockerComposeFile() {
    return optionalString(SERIALIZED_NAME_DOCKER_COMPOSE_FILE);
  }

  /** A script run once when the VM is first set up. */
  public Optional<String> initScript() {
    return optionalString(SERIALIZED_NAME_INIT_SCRIPT);
  }

  /** Whether keys come from a KMS (default true). */
  public boolean kmsEnabled() {
    return bool(SERIALIZED_NAME_KMS_ENABLED, true);
  }

  /** Whether the node's local key provider is used (default false). */
  public boolean localKeyProviderEnabled() {
    return bool(SERIALIZED_NAME_LOCAL_KEY_PROVIDER_ENABLED, false);
  }

  /** The manifest format version (default 2). */
  public int manifestVersion() {
    return optionalInt(SERIALIZED_NAME_MANIFEST_VERSION).orElse(2);
  }

  /** Whether the instance id is left out of key derivation (default false). */
  public boolean noInstanceId() {
    return bool(SERIALIZED_NAME_NO_INSTANCE_ID, false);
  }

  /** A script run before the containers start. */
  public Optional<String> preLaunchScript() {
    return optionalString(SERIALIZED_NAME_PRE_LAUNCH_SCRIPT);
  }

  /** Whether container logs are public (default true). */
  public boolean publicLogs() {
    return bool(SERIALIZED_NAME_PUBLIC_LOGS, true);
  }

  /** Whether system information is public (default true). */
  public boolean publicSysinfo() {
    return bool(SERIALIZED_NAME_PUBLIC_SYSINFO, true);
  }

  /** Whether the TCB information is public (default true). */
  public boolean publicTcbinfo() {
    return bool(SERIALIZED_NAME_PUBLIC_TCBINFO, true);
  }

  /** What runs the app (default {@code docker-compose}). */
  public String runner() {
    return stringOrDefault(SERIALIZED_NAME_RUNNER, "docker-compose");
  }

  /** Whether the app is reachable through the gateway (default true). */
  public boolean gatewayEnabled() {
    return bool(SERIALIZED_NAME_GATEWAY_ENABLED, true);
  }

  /** Enabled features (default {@code [kms, tproxy-net]}). */
  public List<String> features() {
    return strings(SERIALIZED_NAME_FEATURES, DEFAULT_FEATURES);
  }

  /** A salt mixed into the app id. */
  public Optional<String> salt() {
    return optionalString(SERIALIZED_NAME_SALT);
  }

  /** Whether the guest requires a trusted time source (default false). */
  public boolean secureTime() {
    return bool(SERIALIZED_NAME_SECURE_TIME, false);
  }

  /**
   * The data disk's file system, {@code zfs} or {@code ext4}: {@code zfs} when absent (the
   * contract's default), empty when null. Any other string is returned as sent.
   */
  public Optional<String> storageFs() {
    return json.containsKey(SERIALIZED_NAME_STORAGE_FS)
        ? optionalString(SERIALIZED_NAME_STORAGE_FS)
        : Optional.of("zfs");
  }

  /** Deprecated alias of {@link #gatewayEnabled()} (default true). */
  public boolean tproxyEnabled() {
    return bool(SERIALIZED_NAME_TPROXY_ENABLED, true);
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::name);
    check(problems, this::allowedEnvs);
    check(problems, this::bashScript);
    check(problems, this::defaultGatewayDomain);
    check(problems, this::dockerComposeFile);
    check(problems, this::initScript);
    check(problems, this::kmsEnabled);
    check(problems, this::localKeyProviderEnabled);
    check(problems, this::manifestVersion);
    check(problems, this::noInstanceId);
    check(problems, this::preLaunchScript);
    check(problems, this::publicLogs);
    check(problems, this::publicSysinfo);
    check(problems, this::publicTcbinfo);
    check(problems, this::runner);
    check(problems, this::gatewayEnabled);
    check(problems, this::features);
    check(problems, this::salt);
    check(problems, this::secureTime);
    check(problems, this::storageFs);
    check(problems, this::tproxyEnabled);
  }
}
