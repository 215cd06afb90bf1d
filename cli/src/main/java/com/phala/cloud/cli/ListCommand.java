package com.phala.cloud.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cli.output.Columns;
import com.phala.cloud.cli.output.CvmOutput;
import com.phala.cloud.cli.output.Format;
import com.phala.cloud.cli.output.OutputOptions;
import com.phala.cloud.cli.output.TerminalText;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.cvm.ViewStream;
import com.phala.cloud.errors.PermissionDeniedException;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.errors.PhalaTimeoutException;
import com.phala.cloud.errors.UnauthorizedException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code phala-cvms list}: lists CVMs as a table, JSON, YAML, CSV or names, once or watching. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = PhalaCvms.VersionProvider.class,
    resourceBundle = "com.phala.cloud.cli.ListHelp",
    header = "Lists the CVMs of your workspace as a table, JSON, YAML, CSV or names.",
    description = {
      "Lists the CVMs of your workspace.",
      "Credentials: --api-key or PHALA_CLOUD_API_KEY (sent as X-API-Key), or --bearer-token or"
          + " PHALA_OIDC_TOKEN (sent as Authorization: Bearer). --sandbox needs none."
    },
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "2:Bad usage or input; nothing was sent.",
      "3:Authentication or permission refused (HTTP 401, 403), also while --watch.",
      "4:Any other API error, or a response that cannot be used, after retries; also a list too"
          + " large for the heap where the table or --sort-by must hold every row.",
      "5:Network failure or timeout.",
      "1:A bug in phala-cvms; please report it with the --verbose output."
    })
final class ListCommand implements Callable<Integer> {
  /** The seconds between listings with --watch when --interval is not given. */
  static final long DEFAULT_WATCH_INTERVAL_SECONDS = 5;

  @Spec CommandSpec spec;

  @Mixin ListingOptions listing;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      completionCandidates = FormatNames.class,
      description =
          "table (default), wide (the table and ids, public URL, KMS, region), json (every CVM as"
              + " sent), yaml (the same data as json), csv, or name (one CVM name a line).")
  String output = "table";

  @Option(
      names = "--columns",
      paramLabel = "PATHS",
      split = ",",
      description =
          "The columns of table, wide or csv, by table header or JSON path (listed below):"
              + " name,status,memory_mb,hosted.uptime,public_urls.0.app, or public_urls.*.app for"
              + " every item's, joined by ','. An unknown name exits 2 with the closest ones.")
  List<String> columns;

  @Option(names = "--no-headers", description = "No header line (table, wide, csv).")
  boolean noHeaders;

  @Option(
      names = "--sort-by",
      paramLabel = "PATH",
      description =
          "Sort by this table header's column or the field at this JSON path (table, wide, csv,"
              + " name): numbers as numbers, durations as durations, CVMs without the field last.")
  String sortBy;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      completionCandidates = ColourChoices.class,
      description =
          "Colour statuses in table and wide: auto (the default: on a terminal, unless NO_COLOR"
              + " is set), always or never.")
  String color = "auto";

  @Option(
      names = {"-w", "--watch"},
      description =
          "List again every --interval and print what changed (a CVM appeared, disappeared or"
              + " changed status) until interrupted or --timeout; with -o json one JSON line per"
              + " change. Errors are reported and retried, except authentication (exit 3).")
  boolean watch;

  @Option(
      names = "--interval",
      paramLabel = "SECONDS",
      converter = WholeNumbers.Count.class,
      description = "Seconds between listings with --watch: at least 1 (default: 5).")
  Long intervalSeconds;

  private final Map<String, String> environment;

  /** The format and output options, once checked (before anything is sent). */
  private Format format;

  private OutputOptions options;

  ListCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * The command in this process's environment: for tools that build the command from its class
   * (picocli's completion script and man page generators).
   */
  ListCommand() {
    this(System.getenv());
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    listing.environment = environment;
    try (Logging.Session log = Logging.start(listing.verbose, err, listing::redact)) {
      if (watch) {
        return listing.watch(
            out,
            err,
            () -> checkOutput(out),
            (clients, run, end) -> watch(out, err, clients, run, end));
      }
      return listing.run(out, err, () -> checkOutput(out), (client, run) -> list(out, client, run));
    }
  }

  /**
   * Checks -o and the options around it: an option that cannot apply to the format, or to --watch,
   * and an unknown --columns or --sort-by path, are refused (exit 2) before anything is sent.
   */
  private void checkOutput(PrintWriter out) {
    format = Format.parse(output);
    options = outputOptions(format);
    if (listing.isLegacy()) {
      format.writer(out, Columns.LEGACY, options);
    } else {
      format.writer(out, Columns.CVM_INFO, options);
    }
  }

  private void list(PrintWriter out, PhalaCloud client, ListingOptions.Run run) {
    if (run.legacy) {
      try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY, run.params)) {
        write(cvms, format.writer(out, Columns.LEGACY, options), run.wanted());
      }
    } else {
      try (CvmInfoStream cvms = client.cvms().stream(run.params)) {
        write(cvms, format.writer(out, Columns.CVM_INFO, options), run.wanted());
      }
    }
  }

  private int watch(
      PrintWriter out,
      PrintWriter err,
      Supplier<PhalaCloud> clients,
      ListingOptions.Run run,
      ListingOptions.WatchEnd end) {
    return run.legacy
        ? new Watch<>(Columns.LEGACY, out, err, run.wanted())
            .run(clients, end, cloud -> cloud.cvms().stream(CvmShape.LEGACY, run.params))
        : new Watch<>(Columns.CVM_INFO, out, err, run.wanted())
            .run(clients, end, cloud -> cloud.cvms().stream(run.params));
  }

  /**
   * What was asked of the output beyond the format, checked: options that cannot apply to the
   * format, or to --watch, are refused (exit 2).
   */
  private OutputOptions outputOptions(Format format) {
    if (columns != null && !format.hasColumns()) {
      throw new PhalaInvalidInputException(
          "--columns works with -o table, wide or csv, not "
              + format.name().toLowerCase(Locale.ROOT)
              + ".");
    }
    if (sortBy != null && !format.sorts()) {
      throw new PhalaInvalidInputException(
          "--sort-by works with -o table, wide, csv or name, not "
              + format.name().toLowerCase(Locale.ROOT)
              + " (json and yaml pass the CVMs through as they are read; sort them with jq or yq).");
    }
    boolean colour;
    switch (color.trim().toLowerCase(Locale.ROOT)) {
      case "always":
        colour = true;
        break;
      case "never":
        colour = false;
        break;
      case "auto":
        String noColor = environment.get("NO_COLOR");
        colour = System.console() != null && (noColor == null || noColor.isEmpty());
        break;
      default:
        throw new PhalaInvalidInputException(
            "--color must be auto, always or never, but was " + ListingOptions.quoted(color) + ".");
    }
    if (intervalSeconds != null && !watch) {
      throw new PhalaInvalidInputException("--interval works only with --watch.");
    }
    if (watch) {
      if (intervalSeconds != null
          && (intervalSeconds < 1 || intervalSeconds > ListingOptions.MAX_TIMEOUT_SECONDS)) {
        throw new PhalaInvalidInputException(
            "--interval must be between 1 and "
                + ListingOptions.MAX_TIMEOUT_SECONDS
                + " seconds, but was "
                + intervalSeconds
                + ".");
      }
      if (format != Format.TABLE
          && format != Format.WIDE
          && format != Format.NAME
          && format != Format.JSON) {
        throw new PhalaInvalidInputException(
            "--watch works with -o table, wide, name or json, not "
                + format.name().toLowerCase(Locale.ROOT)
                + ".");
      }
    }
    return new OutputOptions(columns, !noHeaders, sortBy, colour);
  }

  /**
   * Writes the CVMs of {@code cvms} that {@code wanted} keeps. When reading fails (time is up), the
   * output is left unfinished and the failure goes to the caller.
   */
  private static <T extends CvmView> void write(
      ViewStream<T> cvms, CvmOutput<T> output, Predicate<T> wanted) {
    try (CvmOutput<T> writer = output) {
      writer.begin();
      for (T cvm : cvms) {
        if (wanted.test(cvm)) {
          writer.write(cvm);
        }
      }
      writer.end();
    }
  }

  /**
   * --watch: lists again every --interval and prints what changed, until interrupted or --timeout
   * (which ends the watch with exit 0). It keeps only each CVM's identity, name and status between
   * listings. An error is reported on stderr and the listing retried at the next interval, except
   * authentication or permission refused (exit 3).
   */
  private final class Watch<T extends CvmView> {
    private final Columns<T> shape;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Predicate<T> wanted;

    Watch(Columns<T> shape, PrintWriter out, PrintWriter err, Predicate<T> wanted) {
      this.shape = shape;
      this.out = out;
      this.err = err;
      this.wanted = wanted;
    }

    int run(
        Supplier<PhalaCloud> clients,
        ListingOptions.WatchEnd end,
        Function<PhalaCloud, ViewStream<T>> list) {
      long interval = intervalSeconds == null ? DEFAULT_WATCH_INTERVAL_SECONDS : intervalSeconds;
      Map<String, String[]> previous = null;
      while (true) {
        try {
          Map<String, String[]> now = listOnce(clients.get(), list, previous == null);
          if (previous != null) {
            report(previous, now);
          }
          previous = now;
        } catch (UnauthorizedException | PermissionDeniedException refused) {
          out.flush();
          err.println("phala-cvms: " + listing.redact(refused.getMessage()));
          return ExitCodes.AUTH;
        } catch (RuntimeException failure) {
          // A listing the watch's deadline cut short ends the watch as it should.
          if (failure instanceof PhalaTimeoutException && end.passed()) {
            return ExitCodes.OK;
          }
          if (!(failure instanceof PhalaException)) {
            throw failure;
          }
          out.flush();
          err.println(
              "phala-cvms: "
                  + listing.redact(failure.getMessage())
                  + " (retrying in "
                  + interval
                  + " s)");
          err.flush();
        }
        long left = end.leftNanos();
        if (left <= 0) {
          return ExitCodes.OK;
        }
        try {
          TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(interval), left));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return ExitCodes.OK;
        }
        if (end.passed()) {
          return ExitCodes.OK;
        }
      }
    }

    /**
     * One listing: each wanted CVM's identity, name and status; the first one is also printed in
     * the format (except json, which prints only changes).
     */
    private Map<String, String[]> listOnce(
        PhalaCloud client, Function<PhalaCloud, ViewStream<T>> list, boolean first) {
      Map<String, String[]> states = new LinkedHashMap<>();
      CvmOutput<T> writer =
          first && format != Format.JSON ? format.writer(out, shape, options) : null;
      try (ViewStream<T> cvms = list.apply(client)) {
        if (writer != null) {
          writer.begin();
        }
        for (T cvm : cvms) {
          if (wanted.test(cvm)) {
            states.put(
                shape.identity(cvm),
                new String[] {text(cvm.field("name")), text(cvm.field("status"))});
            if (writer != null) {
              writer.write(cvm);
            }
          }
        }
      }
      if (writer != null) {
        writer.end();
      }
      return states;
    }

    /** Prints what changed from {@code before} to {@code after}: appeared, status, disappeared. */
    private void report(Map<String, String[]> before, Map<String, String[]> after) {
      for (Map.Entry<String, String[]> cvm : after.entrySet()) {
        String[] was = before.get(cvm.getKey());
        String[] is = cvm.getValue();
        if (was == null) {
          change("appeared", is[0], is[1], null);
        } else if (!was[1].equals(is[1])) {
          change("status", is[0], is[1], was[1]);
        }
      }
      for (Map.Entry<String, String[]> cvm : before.entrySet()) {
        if (!after.containsKey(cvm.getKey())) {
          change("disappeared", cvm.getValue()[0], null, cvm.getValue()[1]);
        }
      }
      out.flush();
    }

    private void change(String change, String name, String status, String previous) {
      if (format == Format.JSON) {
        JsonObject line = new JsonObject();
        line.addProperty("change", change);
        line.addProperty("name", name);
        line.addProperty("status", status);
        line.addProperty("previous", previous);
        out.println(GSON.toJson(line));
        return;
      }
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-11s  ", change));
      line.append(printable(name));
      if (status != null) {
        line.append("  ").append(printable(status));
      }
      if (previous != null) {
        line.append("  (was ").append(printable(previous)).append(')');
      }
      out.println(line);
    }
  }

  /** A JSON writer that keeps nulls: a change line always has its four members. */
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private static String text(Optional<Object> value) {
    return value.map(String::valueOf).orElse("");
  }

  /** One line, no control characters: names come from other people. */
  private static String printable(String text) {
    return TerminalText.replaceControls(text, '?');
  }

  /** The names of -o's formats, for shell completion. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Format.values())
          .map(format -> format.name().toLowerCase(Locale.ROOT))
          .iterator();
    }
  }

  /** The values of --color, for shell completion. */
  static final class ColourChoices implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("auto", "always", "never").iterator();
    }
  }
}
