package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guest events: names, bodies, and epoch-millisecond timestamps read as exact instants. */
class GuestEventTest {

  @Test
  void readsEveryEventOfTheRunningVmInOrder() {
    List<GuestEvent> events = Examples.list(FULL).get(0).hosted().events();

    assertThat(events)
        .extracting(GuestEvent::event)
        .containsExactly("boot.progress", "boot.progress", "instance.info");
    assertThat(events)
        .extracting(GuestEvent::body)
        .containsExactly(
            "initializing data disk",
            "done",
            "{\"instance_id\":\"9c2b1f0e7d3a45b6c8e9f0a1b2c3d4e5f6a7b8c9\"}");
    assertThat(events)
        .extracting(GuestEvent::timestampMillis)
        .containsExactly(1769815500123L, 1769815561877L, 1769815562004L);
  }

  @Test
  void epochMillisecondsBecomeTheExactInstant() {
    GuestEvent first = Examples.list(FULL).get(0).hosted().events().get(0);

    assertThat(first.timestamp()).contains(Instant.parse("2026-01-30T23:25:00.123Z"));
  }

  @Test
  void theStoppedVmsShutdownEventHasItsInstant() {
    GuestEvent event = Examples.list(FULL).get(1).hosted().events().get(0);

    assertThat(event.event()).isEqualTo("shutdown.progress");
    assertThat(event.timestamp()).contains(Instant.parse("2026-01-27T19:30:00.456Z"));
  }

  @Test
  void timestampZeroMeansUnknown() {
    GuestEvent event = eventWithTimestamp(0);

    assertThat(event.timestamp()).isEmpty();
    assertThat(event.timestampMillis()).isZero();
  }

  @Test
  void absentTimestampMeansUnknown() {
    JsonObject cvm = Examples.remove(Examples.cvm(FULL, 0), "hosted.events.0.timestamp");
    GuestEvent event = Examples.one(cvm).hosted().events().get(0);

    assertThat(event.timestamp()).isEmpty();
    assertThat(event.timestampMillis()).isZero();
  }

  @Test
  void nullTimestampMeansUnknown() {
    GuestEvent event = eventWithTimestamp(null);

    assertThat(event.timestamp()).isEmpty();
  }

  private static GuestEvent eventWithTimestamp(Object timestamp) {
    JsonObject cvm = Examples.set(Examples.cvm(FULL, 0), "hosted.events.0.timestamp", timestamp);
    return Examples.one(cvm).hosted().events().get(0);
  }
}
