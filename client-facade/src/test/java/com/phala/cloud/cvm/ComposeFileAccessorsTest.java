package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compose manifest's accessors on the examples, and the contract's defaults when members are
 * absent or null.
 */
class ComposeFileAccessorsTest {
  /** Every optional member of the compose file, all of which have a default or are Optional. */
  private static final List<String> OPTIONAL =
      List.of(
          "allowed_envs",
          "bash_script",
          "default_gateway_domain",
          "docker_compose_file",
          "init_script",
          "kms_enabled",
          "local_key_provider_enabled",
          "manifest_version",
          "no_instance_id",
          "pre_launch_script",
          "public_logs",
          "public_sysinfo",
          "public_tcbinfo",
          "runner",
          "gateway_enabled",
          "features",
          "salt",
          "secure_time",
          "storage_fs",
          "tproxy_enabled");

  @Test
  void readsEveryFieldOfTheRunningVmsComposeFile() {
    ComposeFile compose = compose(Examples.cvm(FULL, 0));

    assertThat(compose.name()).isEqualTo("inference-gateway");
    assertThat(compose.allowedEnvs()).containsExactly("OPENAI_API_KEY", "MODEL_NAME");
    assertThat(compose.bashScript()).isEmpty();
    assertThat(compose.defaultGatewayDomain()).contains("dstack-prod5.phala.network");
    assertThat(compose.dockerComposeFile())
        .hasValueSatisfying(
            yaml ->
                assertThat(yaml)
                    .startsWith(
                        "services:\n  gateway:\n    image: ghcr.io/example/inference-gateway:1.4.2\n")
                    .endsWith("      - MODEL_NAME\n"));
    assertThat(compose.initScript()).isEmpty();
    assertThat(compose.kmsEnabled()).isTrue();
    assertThat(compose.localKeyProviderEnabled()).isFalse();
    assertThat(compose.manifestVersion()).isEqualTo(2);
    assertThat(compose.noInstanceId()).isFalse();
    assertThat(compose.preLaunchScript()).contains("#!/bin/bash\necho \"pre-launch\"\n");
    assertThat(compose.publicLogs()).isTrue();
    assertThat(compose.publicSysinfo()).isTrue();
    assertThat(compose.publicTcbinfo()).isTrue();
    assertThat(compose.runner()).isEqualTo("docker-compose");
    assertThat(compose.gatewayEnabled()).isTrue();
    assertThat(compose.features()).containsExactly("kms", "tproxy-net");
    assertThat(compose.salt()).contains("3f9a2c71b5e84d06");
    assertThat(compose.secureTime()).isFalse();
    assertThat(compose.storageFsRaw()).contains("zfs");
    assertThat(compose.tproxyEnabled()).isTrue();
  }

  @Test
  void readsTheGpuVmsComposeFileWithItsNullsAndNonDefaultFlags() {
    ComposeFile compose = compose(Examples.cvm(FULL, 1));

    assertThat(compose.name()).isEqualTo("gpu-trainer");
    assertThat(compose.allowedEnvs()).isEmpty();
    assertThat(compose.defaultGatewayDomain()).isEmpty();
    assertThat(compose.dockerComposeFile())
        .hasValueSatisfying(yaml -> assertThat(yaml).contains("driver: nvidia"));
    assertThat(compose.noInstanceId()).isTrue();
    assertThat(compose.preLaunchScript()).isEmpty();
    assertThat(compose.publicLogs()).isFalse();
    assertThat(compose.gatewayEnabled()).isFalse();
    assertThat(compose.features()).containsExactly("kms");
    assertThat(compose.salt()).isEmpty();
    assertThat(compose.secureTime()).isTrue();
    assertThat(compose.storageFsRaw()).contains("ext4");
    assertThat(compose.tproxyEnabled()).isFalse();
  }

  @Test
  void absentOptionalMembersTakeTheContractsDefaults() {
    JsonObject cvm = Examples.cvm(FULL, 1);
    OPTIONAL.forEach(member -> Examples.remove(cvm, "hosted.configuration.compose_file." + member));

    assertDefaults(compose(cvm));
    assertThat(compose(cvm).storageFsRaw()).contains("zfs");
  }

  @Test
  void nullOptionalMembersTakeTheContractsDefaultsButANullFileSystemIsUnknown() {
    JsonObject cvm = Examples.cvm(FULL, 1);
    OPTIONAL.forEach(
        member -> Examples.set(cvm, "hosted.configuration.compose_file." + member, null));

    assertDefaults(compose(cvm));
    assertThat(compose(cvm).storageFs()).isEmpty();
  }

  @Test
  void anUnexpectedFileSystemIsReturnedAsSent() {
    JsonObject cvm =
        Examples.set(
            Examples.cvm(FULL, 0), "hosted.configuration.compose_file.storage_fs", "btrfs");

    assertThat(compose(cvm).storageFsRaw()).contains("btrfs");
  }

  private static void assertDefaults(ComposeFile compose) {
    assertThat(compose.allowedEnvs()).isEmpty();
    assertThat(compose.bashScript()).isEmpty();
    assertThat(compose.defaultGatewayDomain()).isEmpty();
    assertThat(compose.dockerComposeFile()).isEmpty();
    assertThat(compose.initScript()).isEmpty();
    assertThat(compose.kmsEnabled()).isTrue();
    assertThat(compose.localKeyProviderEnabled()).isFalse();
    assertThat(compose.manifestVersion()).isEqualTo(2);
    assertThat(compose.noInstanceId()).isFalse();
    assertThat(compose.preLaunchScript()).isEmpty();
    assertThat(compose.publicLogs()).isTrue();
    assertThat(compose.publicSysinfo()).isTrue();
    assertThat(compose.publicTcbinfo()).isTrue();
    assertThat(compose.runner()).isEqualTo("docker-compose");
    assertThat(compose.gatewayEnabled()).isTrue();
    assertThat(compose.features()).containsExactly("kms", "tproxy-net");
    assertThat(compose.salt()).isEmpty();
    assertThat(compose.secureTime()).isFalse();
    assertThat(compose.tproxyEnabled()).isTrue();
    assertThat(compose.validate()).isEmpty();
  }

  private static ComposeFile compose(JsonObject cvm) {
    return Examples.one(cvm).hosted().configuration().orElseThrow().composeFile().orElseThrow();
  }
}
