package com.phala.cloud;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The HTTP response behind a result or an error: status, headers and request id. Quote the request
 * id when you report a problem to Phala. Serializable, so an exception that carries it survives
 * being sent to another JVM or written to a log store.
 */
public final class ResponseInfo implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final String requestId;

  /**
   * Response metadata.
   *
   * @param statusCode the HTTP status
   * @param headers the response headers (names are matched without regard to case)
   * @param bodyRequestId the body's {@code request_id}, or {@code null}; the {@code X-Request-ID}
   *     header is used when it is absent
   */
  public ResponseInfo(int statusCode, Map<String, List<String>> headers, String bodyRequestId) {
    this.statusCode = statusCode;
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(new ArrayList<>(values))));
    this.headers = Collections.unmodifiableMap(copy);
    String headerId = header("X-Request-ID").orElse(null);
    this.requestId = bodyRequestId != null && !bodyRequestId.isBlank() ? bodyRequestId : headerId;
  }

  /** The HTTP status code. */
  public int statusCode() {
    return statusCode;
  }

  /** Every response header; look-ups ignore the case of the name. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The request id: the body's {@code request_id}, else the {@code X-Request-ID} header. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  @Override
  public String toString() {
    return "ResponseInfo{status="
        + statusCode
        + requestId().map(id -> ", requestId=" + id).orElse("")
        + "}";
  }
}
