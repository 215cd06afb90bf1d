package com.phala.cloud.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This library's version, as the build wrote it (the pom is its one source). */
public final class Version {
  /** The version, or {@code "unknown"} if the build's resource is missing. */
  public static final String VERSION = load();

  private Version() {}

  private static String load() {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException unreadable) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }
}
