package com.phala.cloud.contract;

import static com.phala.cloud.contract.ContractComparison.map;

import java.util.LinkedHashMap;
import java.util.Map;

/** Local {@code $ref}s ({@code #/components/...}) of one OpenAPI document. */
final class Refs {
  private static final int MAX_DEPTH = 64;

  private Refs() {}

  /** The name a {@code $ref} points at (its last segment), or null when {@code node} has none. */
  static String name(Map<String, Object> node) {
    Object ref = node.get("$ref");
    return ref instanceof String text ? text.substring(text.lastIndexOf('/') + 1) : null;
  }

  /**
   * {@code node} with its {@code $ref} chain followed: the target's members, overridden by the
   * members written beside each {@code $ref} (OpenAPI 3.1 allows {@code description} or {@code
   * default} there). An {@code x-deviation} beside a {@code $ref} is kept over the target's.
   */
  static Map<String, Object> resolveKeepingMarks(
      Map<String, Object> document, Map<String, Object> node) {
    Map<String, Object> merged = new LinkedHashMap<>(node);
    for (int depth = 0; merged.get("$ref") instanceof String ref; depth++) {
      if (depth == MAX_DEPTH || !ref.startsWith("#/")) {
        throw new IllegalArgumentException(
            "Cannot follow $ref " + ref + " (only local, acyclic references are read).");
      }
      Map<String, Object> target = pointer(document, ref);
      merged.remove("$ref");
      Map<String, Object> next = new LinkedHashMap<>(target);
      next.putAll(merged);
      merged = next;
    }
    return merged;
  }

  private static Map<String, Object> pointer(Map<String, Object> document, String ref) {
    Object at = document;
    for (String segment : ref.substring(2).split("/")) {
      at = map(at).get(segment.replace("~1", "/").replace("~0", "~"));
    }
    if (!(at instanceof Map)) {
      throw new IllegalArgumentException("$ref " + ref + " points at nothing in its document.");
    }
    return map(at);
  }
}
