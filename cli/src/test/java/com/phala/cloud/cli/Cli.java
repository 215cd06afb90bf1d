package com.phala.cloud.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code phala-cvms} in-process, with an explicit environment, and captures what it printed.
 */
final class Cli {
  /** A distinctive fake API key: it must never appear in anything the command prints. */
  static final String SECRET_KEY = "phak_Zq7-SeCrEt-0nly-F0r-Tests-9xW";

  /** A distinctive fake bearer token, for the same check. */
  static final String SECRET_TOKEN = "eyJTeStT0kenNeverPrinted.payload.sig42";

  private Cli() {}

  /** What one run of the command gave. */
  record Result(int exitCode, String out, String err, long millis) {
    /** Both streams, for checks that hold for everything printed. */
    String printed() {
      return out + err;
    }

    /** The non-empty lines of stderr. */
    List<String> errLines() {
      return Arrays.stream(err.split("\\R")).filter(line -> !line.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit "
          + exitCode
          + " after "
          + millis
          + " ms\n--- stdout ---\n"
          + out
          + "--- stderr ---\n"
          + err;
    }
  }

  static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long started = System.nanoTime();
    int code =
        PhalaCvms.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new Result(code, out.toString(), err.toString(), millis);
  }

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  /** {@code list} against {@code baseUrl} with the test key, then {@code extra}. */
  static Result list(String baseUrl, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("list", "--base-url", baseUrl, "--api-key", SECRET_KEY));
    args.addAll(Arrays.asList(extra));
    return run(Map.of(), args.toArray(String[]::new));
  }
}
