package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statuses are an open set: known ones are recognised, unknown ones kept as sent, and transitions
 * spotted.
 */
class CvmStatusTest {

  @ParameterizedTest
  @EnumSource(CvmStatus.Known.class)
  void everyKnownStateIsRecognisedFromItsWireValue(CvmStatus.Known known) {
    String wire = known.name().toLowerCase(Locale.ROOT);

    CvmStatus status = CvmStatus.of(wire);

    assertThat(status.known()).contains(known);
    assertThat(status.value()).isEqualTo(wire);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "running",
        "stopped",
        "starting",
        "stopping",
        "exited",
        "maintenance",
        "terminated"
      })
  void theStatesThePlatformSendsAreKnown(String wire) {
    assertThat(CvmStatus.of(wire).known()).isPresent();
  }

  @Test
  void recognitionIgnoresCaseButKeepsTheRawValue() {
    CvmStatus status = CvmStatus.of("Running");

    assertThat(status.known()).contains(CvmStatus.Known.RUNNING);
    assertThat(status.value()).isEqualTo("Running");
    assertThat(status.isRunning()).isTrue();
  }

  @Test
  void anUnknownStateIsKeptRawWithNoKnownState() {
    CvmStatus status = CvmStatus.of("hibernated");

    assertThat(status.known()).isEmpty();
    assertThat(status.value()).isEqualTo("hibernated");
    assertThat(status).hasToString("hibernated");
    assertThat(status.isRunning()).isFalse();
    assertThat(status.isTransitional()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(value = CvmStatus.Known.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
  void onlyRunningIsRunning(CvmStatus.Known other) {
    assertThat(CvmStatus.of(CvmStatus.Known.RUNNING).isRunning()).isTrue();
    assertThat(CvmStatus.of(other).isRunning()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"starting", "stopping", "restarting", "creating", "upgrading", "deleting"})
  void knownTransitionsAreTransitional(String wire) {
    assertThat(CvmStatus.of(wire).isTransitional()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"provisioning", "migrating", "Resizing"})
  void unknownIngStatesAreTransitional(String wire) {
    assertThat(CvmStatus.of(wire).isTransitional()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"running", "stopped", "exited", "maintenance", "terminated", "error", ""})
  void settledStatesAreNotTransitional(String wire) {
    assertThat(CvmStatus.of(wire).isTransitional()).isFalse();
  }

  @Test
  void statusesAreEqualIgnoringCaseAndHashAlike() {
    assertThat(CvmStatus.of("RUNNING"))
        .isEqualTo(CvmStatus.of("running"))
        .hasSameHashCodeAs(CvmStatus.of("running"));
    assertThat(CvmStatus.of("running")).isNotEqualTo(CvmStatus.of("stopped"));
  }

  @Test
  void aStatusFromAKnownStateIsItsLowerCaseWireValue() {
    assertThat(CvmStatus.of(CvmStatus.Known.MAINTENANCE).value()).isEqualTo("maintenance");
  }

  @Test
  void aCvmInProgressIsTransitionalEvenWhenRunning() {
    Cvm cvm = Examples.one(Examples.set(Examples.cvm(FULL, 0), "in_progress", true));

    assertThat(cvm.isRunning()).isTrue();
    assertThat(cvm.isTransitional()).isTrue();
  }

  @Test
  void aCvmWithATransitionalStatusIsTransitionalWhenNotInProgress() {
    Cvm cvm = Examples.one(Examples.set(Examples.cvm(FULL, 0), "status", "stopping"));

    assertThat(cvm.inProgress()).isFalse();
    assertThat(cvm.isTransitional()).isTrue();
  }

  @Test
  void theVmManagersExitedStatusIsKnown() {
    Cvm cvm = Examples.one(Examples.set(Examples.cvm(FULL, 1), "hosted.status", "exited"));

    assertThat(cvm.hosted().status().known()).contains(CvmStatus.Known.EXITED);
  }
}
