package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static com.phala.cloud.cvm.Examples.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A CVM's own (top-level) accessors on the contract's examples. */
class CvmAccessorsTest {
  private final CvmList full = Examples.list(FULL);
  private final Cvm minimal = Examples.list(MINIMAL).get(0);

  @Test
  void readsEveryTopLevelFieldOfTheRunningCvm() {
    Cvm cvm = full.get(0);

    assertThat(cvm.name()).isEqualTo("inference-gateway");
    assertThat(cvm.status().value()).isEqualTo("running");
    assertThat(cvm.isRunning()).isTrue();
    assertThat(cvm.isTransitional()).isFalse();
    assertThat(cvm.publicUrls()).hasSize(1);
    assertThat(cvm.managedUser()).isPresent();
    assertThat(cvm.node()).isPresent();
    assertThat(cvm.listed()).isFalse();
    assertThat(cvm.inProgress()).isFalse();
    assertThat(cvm.dappDashboardUrl())
        .contains(
            "https://e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f-8090.dstack-prod5.phala.network");
    assertThat(cvm.syslogEndpoint())
        .contains(
            "https://e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f-8090.dstack-prod5.phala.network/logs/syslog");
    assertThat(cvm.allowUpgrade()).isTrue();
    assertThat(cvm.projectId()).contains(ProjectId.parse("prj_7Kd2mQ9xR4"));
    assertThat(cvm.projectIdRaw()).contains("prj_7Kd2mQ9xR4");
    assertThat(cvm.projectType()).contains("webdapp");
    assertThat(cvm.billingPeriod()).contains("hourly");
    assertThat(cvm.kmsInfo()).isPresent();
    assertThat(cvm.contractAddress()).contains("0x5f4b6e1d2c3a4b5c6d7e8f90a1b2c3d4e5f6a7b8");
    assertThat(cvm.deployerAddress()).contains("0x8d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e");
    assertThat(cvm.vcpu()).hasValue(4);
    assertThat(cvm.memoryMb()).hasValue(8192);
    assertThat(cvm.diskSizeGb()).hasValue(40);
    assertThat(cvm.gatewayDomain()).contains("dstack-prod5.phala.network");
  }

  @Test
  void readsTheStoppedCvmsNullFieldsAsEmpty() {
    Cvm cvm = full.get(1);

    assertThat(cvm.name()).isEqualTo("gpu-trainer");
    assertThat(cvm.status().known()).contains(CvmStatus.Known.STOPPED);
    assertThat(cvm.isRunning()).isFalse();
    assertThat(cvm.publicUrls()).isEmpty();
    assertThat(cvm.dappDashboardUrl()).isEmpty();
    assertThat(cvm.syslogEndpoint()).isEmpty();
    assertThat(cvm.allowUpgrade()).isFalse();
    assertThat(cvm.projectId()).contains(ProjectId.parse("prj_Zx81vNc3Lq"));
    assertThat(cvm.projectType()).contains("custom-image");
    assertThat(cvm.billingPeriod()).contains("monthly");
    assertThat(cvm.kmsInfo()).isEmpty();
    assertThat(cvm.contractAddress()).isEmpty();
    assertThat(cvm.deployerAddress()).isEmpty();
    assertThat(cvm.vcpu()).hasValue(24);
    assertThat(cvm.memoryMb()).hasValue(196608);
    assertThat(cvm.diskSizeGb()).hasValue(500);
    assertThat(cvm.gatewayDomain()).isEmpty();
  }

  @Test
  void readsTheStartingCvmAsListedAndInProgressWithNoOwnerNodeOrBilling() {
    Cvm cvm = full.get(2);

    assertThat(cvm.status().known()).contains(CvmStatus.Known.STARTING);
    assertThat(cvm.listed()).isTrue();
    assertThat(cvm.inProgress()).isTrue();
    assertThat(cvm.isTransitional()).isTrue();
    assertThat(cvm.managedUser()).isEmpty();
    assertThat(cvm.node()).isEmpty();
    assertThat(cvm.billingPeriod()).isEmpty();
    assertThat(cvm.vcpu()).hasValue(2);
    assertThat(cvm.memoryMb()).hasValue(4096);
    assertThat(cvm.diskSizeGb()).hasValue(20);
  }

  @Test
  void readsTheMinimalCvmsRequiredFieldsAndDefaultsForEverythingElse() {
    assertThat(minimal.name()).isEqualTo("hello-world");
    assertThat(minimal.status().known()).contains(CvmStatus.Known.RUNNING);
    assertThat(minimal.publicUrls()).isEmpty();
    assertThat(minimal.managedUser()).isEmpty();
    assertThat(minimal.node()).isEmpty();
    assertThat(minimal.listed()).isFalse();
    assertThat(minimal.inProgress()).isFalse();
    assertThat(minimal.isTransitional()).isFalse();
    assertThat(minimal.dappDashboardUrl()).isEmpty();
    assertThat(minimal.syslogEndpoint()).isEmpty();
    assertThat(minimal.allowUpgrade()).isFalse();
    assertThat(minimal.projectId()).isEmpty();
    assertThat(minimal.projectIdRaw()).isEmpty();
    assertThat(minimal.projectType()).isEmpty();
    assertThat(minimal.billingPeriod()).isEmpty();
    assertThat(minimal.kmsInfo()).isEmpty();
    assertThat(minimal.contractAddress()).isEmpty();
    assertThat(minimal.deployerAddress()).isEmpty();
    assertThat(minimal.vcpu()).isEmpty();
    assertThat(minimal.memoryMb()).isEmpty();
    assertThat(minimal.diskSizeGb()).isEmpty();
    assertThat(minimal.gatewayDomain()).isEmpty();
  }

  @Test
  void everyViewKnowsItsJsonPath() {
    Cvm cvm = full.get(0);
    CvmConfiguration configuration = cvm.hosted().configuration().orElseThrow();

    assertThat(full.get(2).path()).isEqualTo("$[2]");
    assertThat(cvm.hosted().path()).isEqualTo("$[0].hosted");
    assertThat(configuration.path()).isEqualTo("$[0].hosted.configuration");
    assertThat(configuration.composeFile().orElseThrow().path())
        .isEqualTo("$[0].hosted.configuration.compose_file");
    assertThat(configuration.ports().get(1).path()).isEqualTo("$[0].hosted.configuration.ports[1]");
    assertThat(configuration.gpus().orElseThrow().path())
        .isEqualTo("$[0].hosted.configuration.gpus");
    assertThat(
            full.get(1)
                .hosted()
                .configuration()
                .orElseThrow()
                .gpus()
                .orElseThrow()
                .gpus()
                .get(1)
                .path())
        .isEqualTo("$[1].hosted.configuration.gpus.gpus[1]");
    assertThat(cvm.hosted().events().get(2).path()).isEqualTo("$[0].hosted.events[2]");
    assertThat(cvm.publicUrls().get(0).path()).isEqualTo("$[0].public_urls[0]");
    assertThat(cvm.managedUser().orElseThrow().path()).isEqualTo("$[0].managed_user");
    assertThat(cvm.node().orElseThrow().path()).isEqualTo("$[0].node");
    assertThat(cvm.kmsInfo().orElseThrow().path()).isEqualTo("$[0].kms_info");
  }

  @Test
  void toStringShowsNameStatusAndProjectEvenWhenTheDataIsBroken() {
    Cvm broken = Examples.one(Examples.set(Examples.cvm(FULL, 0), "name", 42));

    assertThat(full.get(0))
        .hasToString("Cvm{name=inference-gateway, status=running, project_id=prj_7Kd2mQ9xR4}");
    assertThat(broken).hasToString("Cvm{name=42, status=running, project_id=prj_7Kd2mQ9xR4}");
  }
}
