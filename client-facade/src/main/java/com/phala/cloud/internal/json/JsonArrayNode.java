package com.phala.cloud.internal.json;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A JSON array as read from the wire; items are plain Java values like {@link JsonObjectNode}'s.
 */
public final class JsonArrayNode extends AbstractList<Object> implements RandomAccess {
  private static final Object[] NONE = new Object[0];

  private Object[] items = NONE;
  private int size;

  JsonArrayNode() {}

  /** An array of exactly these items; the array is taken, not copied. */
  JsonArrayNode(Object[] items) {
    this.items = items;
    this.size = items.length;
  }

  void append(Object item) {
    if (size == items.length) {
      items = Arrays.copyOf(items, Math.max(4, size * 2));
    }
    items[size++] = item;
  }

  @Override
  public Object get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + ", size " + size);
    }
    return items[index];
  }

  @Override
  public int size() {
    return size;
  }

  /** This array as compact JSON, numbers exactly as received. */
  @Override
  public String toString() {
    return JsonWriting.toJson(this);
  }
}
