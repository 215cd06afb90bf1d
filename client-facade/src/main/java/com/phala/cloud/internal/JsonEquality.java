package com.phala.cloud.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Equality of JSON as received, for the views' value semantics: objects with the same members (in
 * any order, as RFC 8259 has it) whose values are equal, arrays with equal items in the same order,
 * and strings, booleans and numbers equal in kind and exact text ({@code 4.0} is not {@code 4}: the
 * views keep what was sent). Iterative, so no nesting depth a limit allows can overflow the stack.
 */
public final class JsonEquality {
  // Past this size, an object's members are matched through a map, not one scan per member.
  private static final int SCANNED_UP_TO = 32;

  private JsonEquality() {}

  /**
   * Whether {@code a} and {@code b} (values of the tree {@link JsonMembers} describes) are equal.
   */
  public static boolean equal(Object a, Object b) {
    Deque<Object[]> pending = new ArrayDeque<>();
    pending.push(new Object[] {a, b});
    while (!pending.isEmpty()) {
      Object[] pair = pending.pop();
      Object left = pair[0];
      Object right = pair[1];
      if (left == right) {
        continue;
      }
      if (left == null || right == null || kind(left) != kind(right)) {
        return false;
      }
      if (left instanceof JsonMembers) {
        if (!pairMembers((JsonMembers) left, (JsonMembers) right, pending)) {
          return false;
        }
      } else if (left instanceof List) {
        List<?> one = (List<?>) left;
        List<?> other = (List<?>) right;
        if (one.size() != other.size()) {
          return false;
        }
        for (int i = 0; i < one.size(); i++) {
          pending.push(new Object[] {one.get(i), other.get(i)});
        }
      } else if (!left.toString().equals(right.toString())) {
        return false;
      }
    }
    return true;
  }

  /** Pushes each member of {@code one} with its match in {@code other}; false if one is missing. */
  private static boolean pairMembers(JsonMembers one, JsonMembers other, Deque<Object[]> pending) {
    if (one.size() != other.size()) {
      return false;
    }
    Map<String, Integer> byName = null;
    if (other.size() > SCANNED_UP_TO) {
      byName = new HashMap<>();
      for (int i = 0; i < other.size(); i++) {
        byName.put(other.name(i), i);
      }
    }
    for (int i = 0; i < one.size(); i++) {
      String name = one.name(i);
      int at = byName != null ? byName.getOrDefault(name, -1) : other.indexOf(name);
      if (at < 0) {
        return false;
      }
      pending.push(new Object[] {one.value(i), other.value(at)});
    }
    return true;
  }

  /**
   * A hash consistent with {@link #equal}: each member's name with its value's kind, size or text,
   * one level deep (deeper levels only make it slower to compute, not more useful).
   */
  public static int hash(JsonMembers object) {
    int hash = 0;
    for (int i = 0; i < object.size(); i++) {
      // A sum: the members' order does not count, as in equal().
      hash += object.name(i).hashCode() ^ shallowHash(object.value(i));
    }
    return hash;
  }

  private static int shallowHash(Object value) {
    if (value instanceof JsonMembers) {
      return 31 * ((JsonMembers) value).size() + 1;
    } else if (value instanceof List) {
      return 31 * ((List<?>) value).size() + 2;
    } else if (value == null) {
      return 3;
    }
    return 31 * kind(value) + value.toString().hashCode();
  }

  private static int kind(Object value) {
    return value instanceof String
        ? 4
        : value instanceof Number
            ? 5
            : value instanceof Boolean ? 6 : value instanceof List ? 7 : 8;
  }
}
