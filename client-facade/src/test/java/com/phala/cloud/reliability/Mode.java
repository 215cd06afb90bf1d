package com.phala.cloud.reliability;

import java.util.Locale;

/**
 * How hard the reliability suite pushes: {@code quick} (the default, bounded so that {@code ./mvnw
 * verify} stays fast) or {@code long} (run with {@code -Dreliability=long}), which multiplies
 * tries, calls and sizes.
 */
public enum Mode {
  QUICK,
  LONG;

  /** The mode of this run, from the {@code reliability} system property (surefire forwards it). */
  public static Mode current() {
    String value = System.getProperty("reliability", "quick").trim();
    return value.equalsIgnoreCase("long") ? LONG : QUICK;
  }

  /** {@code quick} in quick mode, {@code long} in long mode. */
  public static int pick(int quick, int longMode) {
    return current() == LONG ? longMode : quick;
  }

  /** The mode's name as given on the command line. */
  public static String label() {
    return current().name().toLowerCase(Locale.ROOT);
  }
}
