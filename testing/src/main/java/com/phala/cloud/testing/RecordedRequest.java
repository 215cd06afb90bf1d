package com.phala.cloud.testing;

import com.phala.cloud.testing.internal.Incoming;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request the fake received, for assertions: method, path, headers, query, and what in it broke
 * the contract.
 */
public final class RecordedRequest {
  private final Incoming incoming;
  private final Map<String, List<String>> query;
  private final List<String> violations;

  RecordedRequest(Incoming incoming, List<String> violations) {
    this.incoming = incoming;
    this.query = incoming.query();
    this.violations = List.copyOf(violations);
  }

  /** The HTTP method, e.g. {@code GET}. */
  public String method() {
    return incoming.method();
  }

  /** The path, e.g. {@code /api/v1/cvms}. */
  public String path() {
    return incoming.path();
  }

  /** The first value of header {@code name} (names match in any case). */
  public Optional<String> header(String name) {
    return incoming.header(name);
  }

  /** Every header, names in lower case. */
  public Map<String, List<String>> headers() {
    return incoming.headers();
  }

  /** The first value of query parameter {@code name}, decoded. */
  public Optional<String> queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every query parameter, decoded, in the order received. */
  public Map<String, List<String>> query() {
    return query;
  }

  /** What in this request broke the contract, one sentence each; empty when nothing did. */
  public List<String> violations() {
    return violations;
  }

  /** The request line, for messages. */
  @Override
  public String toString() {
    return method() + " " + path() + (incoming.rawQuery() == null ? "" : "?" + incoming.rawQuery());
  }
}
