package com.phala.cloud.cli;

/**
 * Sets the command's log levels (slf4j-simple, to stderr) before the first logger is made:
 * warnings only, or with {@code --verbose} every HTTP call the client makes.
 */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
    setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
    setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    if (verbose) {
      setIfAbsent("org.slf4j.simpleLogger.log.com.phala.cloud", "debug");
    }
  }

  private static void setIfAbsent(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }
}
