package com.phala.cloud.cli.output;

/**
 * What the outputs that hold every row until the end (the table, to size its columns; --sort-by, to
 * sort) may hold, fixed up front from the heap: {@value #PERCENT_OF_HEAP}% of it, counted as the
 * rows come. Past it the listing stops with {@link TooLargeToHoldException} and says what to do,
 * instead of running the JVM out of memory; the rest is the reading's (one CVM at a time, bounded
 * by the library's response limits) and the JVM's own. 100,000 CVMs in every format fit a 64 MB
 * heap.
 */
final class HeldRows {
  /** The least of the heap kept for everything but the held rows, in MB. */
  static final int MIN_RESERVE_MB = 12;

  /** What one held string costs beyond its characters: its header, array and list slot. */
  private static final int OVERHEAD_BYTES = 64;

  private final long limitBytes;
  private long usedBytes;
  private long rows;

  /** A budget of {@code limitBytes}. */
  HeldRows(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  /** The budget of this JVM: its largest heap but the reserve (see the class comment). */
  static HeldRows ofHeap() {
    return new HeldRows(budgetOf(Runtime.getRuntime().maxMemory()));
  }

  /** The bytes the held rows may take in a heap of {@code maxBytes}. */
  static long budgetOf(long maxBytes) {
    long reserve = Math.max((long) MIN_RESERVE_MB << 20, maxBytes / 4);
    return Math.max(0, maxBytes - reserve);
  }

  /**
   * Counts a row as held: its packed cells, and the value it sorts by (or {@code null}).
   *
   * @throws TooLargeToHoldException if the rows held would pass the budget
   */
  void hold(String cells, Object sortValue) {
    usedBytes += cost(cells) + (sortValue instanceof String ? cost((String) sortValue) : 0);
    rows++;
    if (usedBytes > limitBytes) {
      throw new TooLargeToHoldException(
          "the list is too large to hold for the table or --sort-by: after "
              + rows
              + " CVMs the rows held would take over "
              + limitBytes / (1024 * 1024)
              + " MB, what this JVM's heap of "
              + Runtime.getRuntime().maxMemory() / (1024 * 1024)
              + " MB leaves them. -o json, -o yaml and -o name without --sort-by"
              + " print each CVM as it is read, in constant memory; or give Java more heap"
              + " (PHALA_CVMS_JAVA_OPTS=-Xmx1g).");
    }
  }

  /** Counts a row {@link #hold} counted as let go. */
  void release(String cells, Object sortValue) {
    usedBytes -= cost(cells) + (sortValue instanceof String ? cost((String) sortValue) : 0);
    rows--;
  }

  /**
   * The bytes {@code text} takes: one a character when all are Latin-1 (compact strings), else two.
   */
  static long cost(String text) {
    if (text == null) {
      return 0;
    }
    int perChar = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xFF) {
        perChar = 2;
        break;
      }
    }
    return (long) text.length() * perChar + OVERHEAD_BYTES;
  }
}
