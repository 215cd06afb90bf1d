package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.GuestEvent.*;

import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A lifecycle event reported by the guest, such as {@code boot.progress}. */
public final class GuestEvent extends ApiObject {
  private static final Set<String> KNOWN =
      KnownFields.of(com.phala.cloud.generated.model.GuestEvent.class);

  GuestEvent(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** The event's name, such as {@code boot.progress} or {@code instance.info} (required). */
  public String event() {
    return requiredString(SERIALIZED_NAME_EVENT);
  }

  /** The event's message (required). */
  public String body() {
    return requiredString(SERIALIZED_NAME_BODY);
  }

  /** When it happened, in milliseconds since the epoch; 0 (the default) means unknown. */
  public long timestampMillis() {
    return optionalLong(SERIALIZED_NAME_TIMESTAMP).orElse(0);
  }

  /** When it happened; empty when the API does not know (timestamp absent or 0). */
  public Optional<Instant> timestamp() {
    long millis = timestampMillis();
    return millis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::event);
    check(problems, this::body);
    check(problems, this::timestamp);
  }
}
