package com.phala.cloud.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Equality of JSON as received, for the views' value semantics: objects with the same members (in
 * any order, as RFC 8259 has it) whose values are equal, arrays with equal items in the same order,
 * and strings, booleans and numbers equal in kind and exact text ({@code 4.0} is not {@code 4}: the
 * views keep what was sent). Iterative, so no nesting depth a limit allows can overflow the stack.
 */
public final class JsonEquality {
  private JsonEquality() {}

  /** Whether {@code a} and {@code b} are the same JSON. */
  public static boolean equal(JsonElement a, JsonElement b) {
    Deque<JsonElement[]> pending = new ArrayDeque<>();
    pending.push(new JsonElement[] {a, b});
    while (!pending.isEmpty()) {
      JsonElement[] pair = pending.pop();
      JsonElement left = pair[0];
      JsonElement right = pair[1];
      if (left == right) {
        continue;
      }
      if (left == null || right == null) {
        return false;
      }
      if (left.isJsonObject() && right.isJsonObject()) {
        JsonObject one = left.getAsJsonObject();
        JsonObject other = right.getAsJsonObject();
        if (one.size() != other.size()) {
          return false;
        }
        for (Map.Entry<String, JsonElement> member : one.entrySet()) {
          JsonElement match = other.get(member.getKey());
          if (match == null) {
            return false;
          }
          pending.push(new JsonElement[] {member.getValue(), match});
        }
      } else if (left.isJsonArray() && right.isJsonArray()) {
        JsonArray one = left.getAsJsonArray();
        JsonArray other = right.getAsJsonArray();
        if (one.size() != other.size()) {
          return false;
        }
        for (int i = 0; i < one.size(); i++) {
          pending.push(new JsonElement[] {one.get(i), other.get(i)});
        }
      } else if (left.isJsonNull() || right.isJsonNull()) {
        if (!(left.isJsonNull() && right.isJsonNull())) {
          return false;
        }
      } else if (left.isJsonPrimitive() && right.isJsonPrimitive()) {
        if (!samePrimitive(left.getAsJsonPrimitive(), right.getAsJsonPrimitive())) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash consistent with {@link #equal}: each member's name with its value's kind, size or text,
   * one level deep (deeper levels only make it slower to compute, not more useful).
   */
  public static int hash(JsonObject object) {
    int hash = 0;
    for (Map.Entry<String, JsonElement> member : object.entrySet()) {
      // A sum: the members' order does not count, as in equal().
      hash += member.getKey().hashCode() ^ shallowHash(member.getValue());
    }
    return hash;
  }

  private static int shallowHash(JsonElement value) {
    if (value.isJsonObject()) {
      return 31 * value.getAsJsonObject().size() + 1;
    } else if (value.isJsonArray()) {
      return 31 * value.getAsJsonArray().size() + 2;
    } else if (value.isJsonNull()) {
      return 3;
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    return 31 * kind(primitive) + primitive.getAsString().hashCode();
  }

  private static boolean samePrimitive(JsonPrimitive a, JsonPrimitive b) {
    return kind(a) == kind(b) && a.getAsString().equals(b.getAsString());
  }

  private static int kind(JsonPrimitive primitive) {
    return primitive.isString() ? 4 : primitive.isNumber() ? 5 : 6;
  }
}
