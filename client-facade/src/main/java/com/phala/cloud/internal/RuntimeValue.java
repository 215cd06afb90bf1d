package com.phala.cloud.internal;

/**
 * Passes a value through a method call, so that a {@code public static final} field initialised
 * with it is not a compile-time constant. javac copies constants into the bytecode of every caller,
 * so a caller compiled against one version of this library would keep that version's value after an
 * upgrade; a field read at run time changes with the jar.
 */
public final class RuntimeValue {
  private RuntimeValue() {}

  /** {@code value}, read at run time. */
  public static int of(int value) {
    return value;
  }

  /** {@code value}, read at run time. */
  public static String of(String value) {
    return value;
  }
}
