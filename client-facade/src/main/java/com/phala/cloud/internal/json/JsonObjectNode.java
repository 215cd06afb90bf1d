package com.phala.cloud.internal.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A JSON object as read from the wire: members in their original order, values as plain Java
 * ({@link String}, {@link Boolean}, {@link JsonNumber}, {@link JsonArrayNode}, {@link
 * JsonObjectNode} or {@code null}). Read-only once built.
 *
 * <p>API objects have a few dozen members at most, so parallel arrays with a linear scan beat a
 * hash map on both time and memory. From {@value #INDEXED_FROM} members on (only a broken or
 * hostile server sends such an object), look-ups also go through a hash index, so reading an object
 * stays linear in its size instead of quadratic.
 */
public final class JsonObjectNode extends AbstractMap<String, Object> {
  /** The size from which member look-ups go through a hash index instead of a scan. */
  static final int INDEXED_FROM = 32;

  private String[] keys;
  private Object[] values;
  private int size;
  private HashMap<String, Integer> index;

  JsonObjectNode(int capacity) {
    keys = new String[capacity];
    values = new Object[capacity];
  }

  /**
   * An object of exactly these members, names distinct; the arrays are taken, not copied. The names
   * array may be shared with other objects of the same shape: it is never written to ({@link
   * #putMember} replaces values in place and grows into a new array for new names).
   */
  JsonObjectNode(String[] keys, Object[] values) {
    this.keys = keys;
    this.values = values;
    this.size = keys.length;
  }

  /** An empty, read-only object. */
  public static JsonObjectNode empty() {
    return new JsonObjectNode(0);
  }

  /** Adds a member; a repeated name replaces the earlier value in place (the last one wins). */
  void putMember(String key, Object value) {
    int at = indexOf(key);
    if (at >= 0) {
      values[at] = value;
      return;
    }
    if (size == keys.length) {
      int grown = Math.max(8, size * 2);
      keys = Arrays.copyOf(keys, grown);
      values = Arrays.copyOf(values, grown);
    }
    keys[size] = key;
    values[size] = value;
    if (index != null) {
      index.put(key, size);
    }
    size++;
    if (size == INDEXED_FROM) {
      index = new HashMap<>(INDEXED_FROM * 4);
      for (int i = 0; i < size; i++) {
        index.put(keys[i], i);
      }
    }
  }

  /**
   * Names from {@link Utf8JsonParser} are interned, like the constants callers look them up with,
   * so an identity pass finds them without calling {@code equals}; the second pass serves every
   * other caller and tree.
   */
  private int indexOf(Object key) {
    if (index != null) {
      Integer at = index.get(key);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < size; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** The member's value, or {@code null} when it is absent or JSON null. */
  @Override
  public Object get(Object key) {
    int at = indexOf(key);
    return at < 0 ? null : values[at];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return size;
  }

  /** The member name at {@code index}, in wire order. */
  public String keyAt(int index) {
    return keys[index];
  }

  /** The member value at {@code index}, in wire order. */
  public Object valueAt(int index) {
    return values[index];
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            int at = next++;
            return new SimpleImmutableEntry<>(keys[at], values[at]);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** This object as compact JSON, numbers exactly as received. */
  @Override
  public String toString() {
    return JsonWriting.toJson(this);
  }

  /** Equal to any map with the same members (JSON object equality: order does not matter). */
  @Override
  public boolean equals(Object other) {
    return other instanceof Map && super.equals(other);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
