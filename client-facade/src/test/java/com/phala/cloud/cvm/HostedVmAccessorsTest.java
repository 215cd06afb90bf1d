package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static com.phala.cloud.cvm.Examples.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phala.cloud.errors.PhalaInvalidDataException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hosted VM's accessors on the contract's examples, and how its durations are read. */
class HostedVmAccessorsTest {
  private final CvmList full = Examples.list(FULL);

  @Test
  void readsEveryFieldOfTheRunningVm() {
    HostedVm hosted = full.get(0).hosted();

    assertThat(hosted.id()).isEqualTo("4470d47f-ebde-41ee-b29b-bbac8513da3c");
    assertThat(hosted.name()).isEqualTo("inference-gateway");
    assertThat(hosted.status().known()).contains(CvmStatus.Known.RUNNING);
    assertThat(hosted.uptime())
        .contains(Duration.ofDays(1).plusHours(3).plusMinutes(4).plusSeconds(2));
    assertThat(hosted.uptimeRaw()).isEqualTo("1day 3h 4m 2s");
    assertThat(hosted.appId()).isEqualTo("e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f");
    assertThat(hosted.appUrl())
        .contains(
            "https://e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f-8090.dstack-prod5.phala.network");
    assertThat(hosted.instanceId()).contains("9c2b1f0e7d3a45b6c8e9f0a1b2c3d4e5f6a7b8c9");
    assertThat(hosted.configuration()).isPresent();
    assertThat(hosted.exitedAt()).isEmpty();
    assertThat(hosted.exitedAtRaw()).contains("never");
    assertThat(hosted.bootProgress()).contains("done");
    assertThat(hosted.bootError()).isEmpty();
    assertThat(hosted.shutdownProgress()).isEmpty();
    assertThat(hosted.imageVersion()).contains("0.5.3");
    assertThat(hosted.events()).hasSize(3);
  }

  @Test
  void readsTheStoppedVmsExitTimeAndShutdownProgress() {
    HostedVm hosted = full.get(1).hosted();

    assertThat(hosted.status().known()).contains(CvmStatus.Known.STOPPED);
    assertThat(hosted.uptime()).contains(Duration.ZERO);
    assertThat(hosted.appUrl()).isEmpty();
    assertThat(hosted.exitedAt())
        .contains(Duration.ofDays(3).plusHours(4).plusMinutes(1).plusSeconds(9));
    assertThat(hosted.exitedAtRaw()).contains("3days 4h 1m 9s");
    assertThat(hosted.bootProgress()).isEmpty();
    assertThat(hosted.shutdownProgress()).contains("stopped");
  }

  @Test
  void readsTheStartingVmsNullConfigurationInstanceAndExitTimeAsEmpty() {
    HostedVm hosted = full.get(2).hosted();

    assertThat(hosted.uptime()).contains(Duration.ofHours(2).plusMinutes(30).plusSeconds(5));
    assertThat(hosted.instanceId()).isEmpty();
    assertThat(hosted.configuration()).isEmpty();
    assertThat(hosted.exitedAt()).isEmpty();
    assertThat(hosted.exitedAtRaw()).isEmpty();
    assertThat(hosted.bootProgress()).contains("starting containers");
    assertThat(hosted.imageVersion()).isEmpty();
    assertThat(hosted.events()).isEmpty();
  }

  @Test
  void readsTheMinimalVmWithNoConfigurationNoEventsAndADayOfUptime() {
    HostedVm hosted = Examples.list(MINIMAL).get(0).hosted();

    assertThat(hosted.id()).isEqualTo("5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d");
    assertThat(hosted.name()).isEqualTo("hello-world");
    assertThat(hosted.appId()).isEqualTo("1234567890abcdef1234567890abcdef12345678");
    assertThat(hosted.uptime()).contains(Duration.ofHours(24));
    assertThat(hosted.appUrl()).isEmpty();
    assertThat(hosted.instanceId()).isEmpty();
    assertThat(hosted.configuration()).isEmpty();
    assertThat(hosted.exitedAt()).isEmpty();
    assertThat(hosted.exitedAtRaw()).isEmpty();
    assertThat(hosted.bootProgress()).isEmpty();
    assertThat(hosted.bootError()).isEmpty();
    assertThat(hosted.shutdownProgress()).isEmpty();
    assertThat(hosted.imageVersion()).isEmpty();
    assertThat(hosted.events()).isEmpty();
  }

  @Test
  void aNonEmptyBootErrorIsReturned() {
    HostedVm hosted =
        Examples.one(Examples.set(Examples.cvm(FULL, 0), "hosted.boot_error", "disk full"))
            .hosted();

    assertThat(hosted.bootError()).contains("disk full");
  }

  @Test
  void uptimeWithoutSpacesIsRead() {
    HostedVm hosted =
        Examples.one(Examples.set(Examples.cvm(FULL, 0), "hosted.uptime", "2h30m")).hosted();

    assertThat(hosted.uptime()).contains(Duration.ofMinutes(150));
  }

  @Test
  void uptimeNeverIsEmpty() {
    HostedVm hosted =
        Examples.one(Examples.set(Examples.cvm(FULL, 0), "hosted.uptime", "never")).hosted();

    assertThat(hosted.uptime()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "5", "5 parsecs", "", "999999999999years"})
  void garbageUptimeThrowsNamingItsPathWhileTheRawValueStaysReadable(String garbage) {
    HostedVm hosted =
        Examples.one(Examples.set(Examples.cvm(FULL, 0), "hosted.uptime", garbage)).hosted();

    PhalaInvalidDataException thrown =
        catchThrowableOfType(PhalaInvalidDataException.class, hosted::uptime);

    assertThat(thrown).isNotNull();
    assertThat(thrown.where()).isEqualTo("$[0].hosted.uptime");
    assertThat(thrown).hasMessageStartingWith("$[0].hosted.uptime ");
    assertThat(hosted.uptimeRaw()).isEqualTo(garbage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "5", "yesterday"})
  void garbageExitTimeThrowsNamingItsPathWhileTheRawValueStaysReadable(String garbage) {
    HostedVm hosted =
        Examples.one(Examples.set(Examples.cvm(FULL, 1), "hosted.exited_at", garbage)).hosted();

    PhalaInvalidDataException thrown =
        catchThrowableOfType(PhalaInvalidDataException.class, hosted::exitedAt);

    assertThat(thrown).isNotNull();
    assertThat(thrown.where()).isEqualTo("$[0].hosted.exited_at");
    assertThat(hosted.exitedAtRaw()).contains(garbage);
  }

  @Test
  void absentExitTimeIsEmpty() {
    HostedVm hosted =
        Examples.one(Examples.remove(Examples.cvm(FULL, 1), "hosted.exited_at")).hosted();

    assertThat(hosted.exitedAt()).isEmpty();
    assertThat(hosted.exitedAtRaw()).isEmpty();
  }
}
