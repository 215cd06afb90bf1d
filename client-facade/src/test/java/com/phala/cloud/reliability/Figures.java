package com.phala.cloud.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The figures of one run of the reliability suite, written to {@code
 * target/reliability-figures.txt} (one summary line per kind) as the tests finish, and printed. The
 * docs/reliability.md quotes this file.
 */
public final class Figures {
  private static final Path FILE = Paths.get("target", "reliability-figures.txt");

  private static final Map<String, LongAdder> FAULTS_TRIED = new ConcurrentHashMap<>();
  private static final Map<String, LongAdder> FAULTS_SURVIVED = new ConcurrentHashMap<>();
  private static final Map<String, LongAdder> BODIES = new ConcurrentHashMap<>();
  private static final Map<String, String> LINES = new TreeMap<>();

  private Figures() {}

  /** A fault scenario was started. */
  public static void faultTried(String scenario) {
    FAULTS_TRIED.computeIfAbsent(scenario, name -> new LongAdder()).increment();
  }

  /** A fault scenario ended as documented, within its deadline, and leaked nothing. */
  public static void faultSurvived(String scenario) {
    FAULTS_SURVIVED.computeIfAbsent(scenario, name -> new LongAdder()).increment();
    long tried = sum(FAULTS_TRIED);
    long survived = sum(FAULTS_SURVIVED);
    put(
        "2 faults",
        String.format(
            "faults: %,d fault scenarios tried, %,d survived (retried and succeeded, or the"
                + " documented exception), each within its deadline, with no connection, thread or response body leaked",
            tried, survived));
  }

  /**
   * One hostile body went through a decode entry point (or the HTTP client) and ended in an
   * accepted outcome.
   */
  public static void bodyFuzzed(String property) {
    BODIES.computeIfAbsent(property, name -> new LongAdder()).increment();
  }

  /** Writes the fuzzing line (called when a property ends, to keep the per-try cost low). */
  public static void bodiesDone() {
    String perProperty =
        new TreeMap<>(BODIES)
            .entrySet().stream()
                .map(entry -> entry.getKey() + " " + String.format("%,d", entry.getValue().sum()))
                .collect(Collectors.joining(", "));
    put(
        "3 bodies",
        String.format(
            "bodies fuzzed: %,d in %d properties, each ending in an accepted outcome (a list, or"
                + " the documented exception with bounded text and no secret), none in another exception, none past its time"
                + " limit (%s)",
            sum(BODIES), BODIES.size(), perProperty));
  }

  /**
   * Records a summary line under {@code key} (lines are written in key order) and rewrites the
   * file.
   */
  public static synchronized void put(String key, String line) {
    LINES.put(key, line);
    LINES.putIfAbsent(
        "0 mode",
        "mode: "
            + Mode.label()
            + " (Java "
            + System.getProperty("java.version")
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MB)");
    System.out.println("[reliability] " + line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.write(FILE, LINES.values(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sum(Map<String, LongAdder> counters) {
    return counters.values().stream().mapToLong(LongAdder::sum).sum();
  }
}
