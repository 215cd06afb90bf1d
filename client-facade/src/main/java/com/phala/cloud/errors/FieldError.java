package com.phala.cloud.errors;

import java.util.Map;
import java.util.Optional;

/** A problem with one field, from the structured error form's {@code details}. */
public final class FieldError {
  private final Map<?, ?> json;

  FieldError(Map<?, ?> json) {
    this.json = json;
  }

  /** The field's name, if the API named it. */
  public Optional<String> field() {
    return Optional.ofNullable(ErrorBody.string(json, "field"));
  }

  /** The refused value, if the API echoed it. */
  public Optional<Object> value() {
    return Optional.ofNullable(json.get("value"));
  }

  /** What is wrong with it. */
  public Optional<String> message() {
    return Optional.ofNullable(ErrorBody.string(json, "message"));
  }

  @Override
  public String toString() {
    return field().orElse("?") + ": " + message().orElse("");
  }
}
