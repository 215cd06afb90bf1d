package com.phala.cloud.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The training run of the launcher ({@code ./phala-cvms}): runs the command's common paths in one
 * JVM, against the sandbox and with all output discarded, so the JVM can record the classes they
 * load (and on JDK 25 their profiles) in the class-data archive or AOT cache that later runs start
 * from. It needs no network and no account. Not part of the command's interface: the launcher runs
 * it as {@code java -XX:ArchiveClassesAtExit=... -cp phala-cvms.jar com.phala.cloud.cli.Training}.
 */
public final class Training {
  /** What a person or a script runs most: help, and the list in every output and shape. */
  private static final String[][] RUNS = {
    {"--help"},
    {"list", "--help"},
    {"list", "--sandbox"},
    {"list", "--sandbox", "-o", "json"},
    {"list", "--sandbox", "-o", "csv"},
    {"list", "--sandbox", "--status", "running", "-o", "table"},
    {"list", "--sandbox", "--api-version", "2026-06-23"},
    {"list", "--sandbox", "--api-version", "2026-06-23", "-o", "json"},
    {"list", "--sandbox", "--api-version", "2026-06-23", "-o", "csv"},
    // Usage errors: exit 2 without a request.
    {"list", "--no-such-option"},
    {"list"},
  };

  private Training() {}

  /**
   * Runs every training command; the exit code is always 0 (a failed run is simply less trained).
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    for (int round = 0; round < rounds; round++) {
      for (String[] run : RUNS) {
        PrintWriter out = discarding(false);
        PrintWriter err = discarding(true);
        try {
          PhalaCvms.run(run.clone(), Map.of(), out, err);
        } catch (RuntimeException | LinkageError ignored) {
          // A path that fails here still loaded classes worth keeping.
        }
      }
    }
  }

  private static PrintWriter discarding(boolean autoFlush) {
    return new PrintWriter(
        new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8), autoFlush);
  }
}
