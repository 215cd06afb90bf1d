package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A VM's configuration, its ports and its GPUs, on the contract's examples and with members left
 * out.
 */
class CvmConfigurationAccessorsTest {
  private final CvmList full = Examples.list(FULL);

  @Test
  void readsEveryFieldOfTheRunningVmsConfiguration() {
    CvmConfiguration configuration = full.get(0).hosted().configuration().orElseThrow();

    assertThat(configuration.name()).isEqualTo("inference-gateway");
    assertThat(configuration.image()).isEqualTo("dstack-0.5.3");
    assertThat(configuration.composeFile()).isPresent();
    assertThat(configuration.vcpu()).isEqualTo(4);
    assertThat(configuration.memoryMb()).isEqualTo(8192);
    assertThat(configuration.diskSizeGb()).isEqualTo(40);
    assertThat(configuration.ports()).hasSize(2);
    assertThat(configuration.encryptedEnv())
        .contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    assertThat(configuration.appId()).contains("e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f");
    assertThat(configuration.userConfig()).contains("{\"ssh_authorized_keys\":[]}");
    assertThat(configuration.hugepages()).isFalse();
    assertThat(configuration.pinNuma()).isFalse();
    assertThat(configuration.gpus().orElseThrow().gpus()).isEmpty();
    assertThat(configuration.gpus().orElseThrow().attachModeRaw()).isEqualTo("listed");
    assertThat(configuration.kmsUrls()).containsExactly("https://kms.dstack-prod5.phala.network");
    assertThat(configuration.gatewayUrls())
        .containsExactly("https://gateway.dstack-prod5.phala.network:9202");
  }

  @Test
  void readsTheGpuVmsConfigurationWithItsNullsAndFlags() {
    CvmConfiguration configuration = full.get(1).hosted().configuration().orElseThrow();

    assertThat(configuration.image()).isEqualTo("dstack-nvidia-0.5.3");
    assertThat(configuration.vcpu()).isEqualTo(24);
    assertThat(configuration.memoryMb()).isEqualTo(196608);
    assertThat(configuration.diskSizeGb()).isEqualTo(500);
    assertThat(configuration.ports()).isEmpty();
    assertThat(configuration.encryptedEnv()).isEmpty();
    assertThat(configuration.userConfig()).isEmpty();
    assertThat(configuration.hugepages()).isTrue();
    assertThat(configuration.pinNuma()).isTrue();
    assertThat(configuration.kmsUrls()).isEmpty();
    assertThat(configuration.gatewayUrls()).isEmpty();
  }

  @Test
  void readsEveryPortMapping() {
    List<PortMapping> ports = full.get(0).hosted().configuration().orElseThrow().ports();

    assertThat(ports).extracting(PortMapping::protocol).containsExactly("tcp", "tcp");
    assertThat(ports).extracting(PortMapping::hostPort).containsExactly(18080, 18443);
    assertThat(ports).extracting(PortMapping::vmPort).containsExactly(8080, 443);
    assertThat(ports.get(0).hostAddress()).contains("127.0.0.1");
    assertThat(ports.get(1).hostAddress()).isEmpty();
  }

  @Test
  void readsEveryAttachedGpu() {
    GpuConfig gpus = full.get(1).hosted().configuration().orElseThrow().gpus().orElseThrow();

    assertThat(gpus.attachModeRaw()).isEqualTo("listed");
    assertThat(gpus.gpus()).extracting(Gpu::slot).containsExactly("18:00.0", "2a:00.0");
    assertThat(gpus.gpus().get(0).productId()).contains("10de:2335");
    assertThat(gpus.gpus().get(1).productId()).isEmpty();
  }

  @Test
  void attachModeAllMeansEveryGpuOfTheNode() {
    JsonObject cvm =
        Examples.set(Examples.cvm(FULL, 1), "hosted.configuration.gpus.attach_mode", "all");

    assertThat(
            Examples.one(cvm)
                .hosted()
                .configuration()
                .orElseThrow()
                .gpus()
                .orElseThrow()
                .attachModeRaw())
        .isEqualTo("all");
  }

  @ParameterizedTest(name = "gpus {0}")
  @ValueSource(strings = {"absent", "null"})
  void absentOrNullGpusReadAsNone(String how) {
    JsonObject cvm = Examples.cvm(FULL, 1);
    if (how.equals("absent")) {
      Examples.remove(cvm, "hosted.configuration.gpus");
    } else {
      Examples.set(cvm, "hosted.configuration.gpus", null);
    }

    CvmConfiguration configuration = Examples.one(cvm).hosted().configuration().orElseThrow();

    assertThat(configuration.gpus()).isEmpty();
    assertThat(configuration.validate()).isEmpty();
  }

  @Test
  void aGpuConfigWithoutItsRequiredGpusArrayThrowsNamingThePath() {
    JsonObject cvm = Examples.remove(Examples.cvm(FULL, 1), "hosted.configuration.gpus.gpus");
    GpuConfig gpus = Examples.one(cvm).hosted().configuration().orElseThrow().gpus().orElseThrow();

    PhalaInvalidDataException thrown =
        catchThrowableOfType(PhalaInvalidDataException.class, gpus::gpus);

    assertThat(thrown).isNotNull();
    assertThat(thrown.where()).isEqualTo("$[0].hosted.configuration.gpus.gpus");
    assertThat(gpus.attachModeRaw()).isEqualTo("listed");
  }

  @Test
  void absentAttachModeDefaultsToListed() {
    JsonObject cvm =
        Examples.remove(Examples.cvm(FULL, 1), "hosted.configuration.gpus.attach_mode");

    assertThat(
            Examples.one(cvm)
                .hosted()
                .configuration()
                .orElseThrow()
                .gpus()
                .orElseThrow()
                .attachModeRaw())
        .isEqualTo("listed");
  }

  @Test
  void absentOptionalMembersTakeTheContractsDefaults() {
    JsonObject cvm = Examples.cvm(FULL, 1);
    for (String member :
        List.of(
            "ports",
            "encrypted_env",
            "app_id",
            "user_config",
            "hugepages",
            "pin_numa",
            "kms_urls",
            "gateway_urls",
            "compose_file")) {
      Examples.remove(cvm, "hosted.configuration." + member);
    }

    CvmConfiguration configuration = Examples.one(cvm).hosted().configuration().orElseThrow();

    assertThat(configuration.ports()).isEmpty();
    assertThat(configuration.encryptedEnv()).isEmpty();
    assertThat(configuration.appId()).isEmpty();
    assertThat(configuration.userConfig()).isEmpty();
    assertThat(configuration.hugepages()).isFalse();
    assertThat(configuration.pinNuma()).isFalse();
    assertThat(configuration.kmsUrls()).isEmpty();
    assertThat(configuration.gatewayUrls()).isEmpty();
    assertThat(configuration.composeFile()).isEmpty();
  }
}
