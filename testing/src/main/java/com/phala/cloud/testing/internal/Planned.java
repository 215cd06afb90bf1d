package com.phala.cloud.testing.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer the server is to write: status, headers, body, and how (a delay before the headers, a
 * pause between the body's chunks, or a fault instead of a whole answer).
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body's bytes
 * @param delay how long to wait before the headers
 * @param chunkPause the pause between the body's chunks; zero writes the body at once
 * @param fault what goes wrong, if anything
 */
public record Planned(
    int status,
    Map<String, String> headers,
    byte[] body,
    Duration delay,
    Duration chunkPause,
    Fault fault) {

  /** What the server does instead of answering properly. */
  public enum Fault {
    /** A whole answer. */
    NONE,
    /** Closes the connection without a byte of answer. */
    DISCONNECT,
    /** Sends the headers and half the body that Content-Length promises, then closes. */
    TRUNCATE
  }

  /** A JSON answer with {@code body}, at once. */
  public static Planned json(int status, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    return new Planned(
        status,
        Collections.unmodifiableMap(headers),
        body.getBytes(StandardCharsets.UTF_8),
        Duration.ZERO,
        Duration.ZERO,
        Fault.NONE);
  }

  /** This answer with one more header (replacing one of the same name). */
  public Planned withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Planned(status, Collections.unmodifiableMap(more), body, delay, chunkPause, fault);
  }

  /** Whether a header of this name is set, in any case. */
  public boolean hasHeader(String name) {
    return headers.keySet().stream().anyMatch(key -> key.equalsIgnoreCase(name));
  }

  /** This answer after {@code wait} before the headers. */
  public Planned withDelay(Duration wait) {
    return new Planned(status, headers, body, wait, chunkPause, fault);
  }

  /** This answer with its body in chunks, {@code pause} apart. */
  public Planned withChunkPause(Duration pause) {
    return new Planned(status, headers, body, delay, pause, fault);
  }

  /** This answer with {@code fault}. */
  public Planned withFault(Fault what) {
    return new Planned(status, headers, body, delay, chunkPause, what);
  }
}
