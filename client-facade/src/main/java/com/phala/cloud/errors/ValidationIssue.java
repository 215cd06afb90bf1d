package com.phala.cloud.errors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One input FastAPI refused (an item of a 422 body's {@code detail}). */
public final class ValidationIssue {
  private final Map<?, ?> json;

  ValidationIssue(Map<?, ?> json) {
    this.json = json;
  }

  /** Where the input is, for example {@code ["query", "teepod_id"]}. */
  public List<Object> loc() {
    Object loc = json.get("loc");
    return loc instanceof List
        ? Collections.unmodifiableList(new ArrayList<>((List<?>) loc))
        : List.of();
  }

  /** {@link #loc()} joined with dots, for example {@code query.teepod_id}. */
  public String location() {
    StringBuilder joined = new StringBuilder();
    for (Object part : loc()) {
      joined.append(joined.length() == 0 ? "" : ".").append(part);
    }
    return joined.toString();
  }

  /** What is wrong, for a person. */
  public String msg() {
    String msg = ErrorBody.string(json, "msg");
    return msg == null ? "" : msg;
  }

  /** The error's type, for a program (for example {@code int_parsing}). */
  public String type() {
    String type = ErrorBody.string(json, "type");
    return type == null ? "" : type;
  }

  /** The refused value, when the API echoes it. */
  public Optional<Object> input() {
    return Optional.ofNullable(json.get("input"));
  }

  @Override
  public String toString() {
    return location() + ": " + msg();
  }
}
