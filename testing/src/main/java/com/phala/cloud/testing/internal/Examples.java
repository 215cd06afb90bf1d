package com.phala.cloud.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The contract's examples, packaged in the client's generated jar. */
public final class Examples {
  /** Where the contract's examples are on the classpath. */
  private static final String ROOT = "/META-INF/phala-cloud/openapi/examples/";

  /** The full example of the legacy shape (version 2025-10-28). */
  public static final String LEGACY = "cvms-full.json";

  /** The full example of the current shape (versions 2026-01-21 and later). */
  public static final String CURRENT = "cvminfos-full.json";

  private Examples() {}

  /** The bytes of example {@code name}. */
  private static byte[] bytes(String name) {
    try (InputStream in = Examples.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "The contract example " + name + " is not on the classpath (" + ROOT + ").");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of example {@code name}. */
  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }
}
