package com.phala.cloud.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.slf4j.event.Level;

/**
 * Where the command's log goes: the library logs through SLF4J, whose provider here ({@link
 * CommandLogProvider}) writes to the stderr of the command running now, warnings only, or with
 * {@code --verbose} every HTTP call the client makes. Each run sets its own level and stream, so
 * in-process runs (tests, embedding) neither lose their log to {@code System.err} nor inherit the
 * level of an earlier run.
 */
final class Logging {
  private static final Target DEFAULT =
      new Target(
          false,
          new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
          UnaryOperator.identity());

  private static volatile Target current = DEFAULT;

  private Logging() {}

  /**
   * Sends the log to {@code err} until the session is closed; {@code verbose} adds the HTTP calls.
   * Each entry passes through {@code redact} (which removes the run's credentials).
   */
  static Session start(boolean verbose, PrintWriter err, UnaryOperator<String> redact) {
    Target previous = current;
    current = new Target(verbose, err, redact);
    return () -> current = previous;
  }

  /** Whether the logger {@code name} logs at {@code level} now. */
  static boolean isEnabled(String name, Level level) {
    Level threshold =
        current.verbose && name.startsWith("com.phala.cloud") ? Level.DEBUG : Level.WARN;
    return level.toInt() >= threshold.toInt();
  }

  /**
   * Writes one entry: {@code [DEBUG] message}, and the throwable (its stack trace only when
   * verbose).
   */
  static void log(Level level, String message, Throwable throwable) {
    Target target = current;
    StringWriter entry = new StringWriter();
    entry.append('[').append(level.name().toUpperCase(Locale.ROOT)).append("] ").append(message);
    if (throwable != null) {
      if (target.verbose) {
        entry.append(System.lineSeparator());
        throwable.printStackTrace(new PrintWriter(entry, true));
      } else {
        entry.append(": ").append(String.valueOf(throwable));
      }
    }
    String text = target.redact.apply(entry.toString().stripTrailing());
    synchronized (target.err) {
      target.err.println(text);
      target.err.flush();
    }
  }

  /** Ends a {@link #start} session. */
  interface Session extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Target {
    final boolean verbose;
    final PrintWriter err;
    final UnaryOperator<String> redact;

    Target(boolean verbose, PrintWriter err, UnaryOperator<String> redact) {
      this.verbose = verbose;
      this.err = err;
      this.redact = redact;
    }
  }
}
