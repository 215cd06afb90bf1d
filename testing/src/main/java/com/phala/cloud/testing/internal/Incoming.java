package com.phala.cloud.testing.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the fake's server read it.
 *
 * @param method the HTTP method
 * @param path the raw path
 * @param rawQuery the raw query string, or null without one
 * @param headers every header, names in lower case, values in the order received
 */
public record Incoming(
    String method, String path, String rawQuery, Map<String, List<String>> headers) {

  /** The first value of header {@code name} (any case). */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The query's parameters, decoded, in the order received. */
  public Map<String, List<String>> query() {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(name, key -> new java.util.ArrayList<>()).add(value);
    }
    query.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return Collections.unmodifiableMap(query);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}
