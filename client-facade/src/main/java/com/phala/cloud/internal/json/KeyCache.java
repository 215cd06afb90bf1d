package com.phala.cloud.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Member names decoded once per JVM and shared: a listing repeats the same hundred or so names
 * ({@code "hosted"}, {@code "name"}, ...) in every CVM, so looking the bytes up here allocates
 * nothing after the first time. Every name returned is {@link String#intern() interned}, the same
 * instance as the {@code SERIALIZED_NAME_*} constants the views look members up with, so {@link
 * JsonObjectNode} can compare names by identity.
 *
 * <p>The table is fixed in size and shared by all threads without locks: entries are immutable, so
 * a thread sees either no entry (and adds its own) or a complete one, which it checks byte for byte
 * before using. Two threads adding the same name store equal entries, and a lost or overwritten
 * store only costs a later miss. A name whose neighbourhood of slots is full replaces the entry in
 * its home slot, so odd responses cannot lock the usual names out. Names longer than {@link
 * #MAX_LENGTH} bytes are interned without being cached. So the table's memory stays bounded
 * whatever a response contains.
 */
final class KeyCache {
  /** Longer names are rare enough not to cache. */
  static final int MAX_LENGTH = 48;

  private static final int SLOTS = 2048;

  /** Slots tried from a name's home slot: linear probing. */
  private static final int PROBES = 8;

  private static final Entry[] TABLE = new Entry[SLOTS];

  private KeyCache() {}

  /** The interned name for the ASCII bytes {@code bytes[start..start + length)}. */
  static String name(byte[] bytes, int start, int length) {
    if (length > MAX_LENGTH) {
      return new String(bytes, start, length, StandardCharsets.ISO_8859_1).intern();
    }
    int hash = Swar.hash(bytes, start, length);
    int home = hash & (SLOTS - 1);
    int free = home; // the home slot is replaced when the neighbourhood is full
    for (int probe = 0; probe < PROBES; probe++) {
      int slot = (home + probe) & (SLOTS - 1);
      Entry entry = TABLE[slot];
      if (entry == null) {
        free = slot;
        break;
      }
      if (entry.hash == hash
          && entry.bytes.length == length
          && Swar.equalBytes(entry.bytes, bytes, start, length)) {
        return entry.name;
      }
    }
    String name = new String(bytes, start, length, StandardCharsets.ISO_8859_1).intern();
    TABLE[free] = new Entry(Arrays.copyOfRange(bytes, start, start + length), hash, name);
    return name;
  }

  /** One cached name; immutable, so safe to publish through the shared table without locks. */
  private static final class Entry {
    final byte[] bytes;
    final int hash;
    final String name;

    Entry(byte[] bytes, int hash, String name) {
      this.bytes = bytes;
      this.hash = hash;
      this.name = name;
    }
  }
}
