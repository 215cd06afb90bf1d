package com.phala.cloud.reliability;

/** The live heap: what is still in use after garbage collection. */
public final class Heap {
  private Heap() {}

  /**
   * Bytes in use after three full collections (one can leave garbage reachable from finalizable
   * objects).
   */
  public static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** {@code bytes} in MB. */
  public static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
