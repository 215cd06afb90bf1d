package com.phala.cloud.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.phala.cloud.ListCvmsParams;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cli.output.Columns;
import com.phala.cloud.cli.output.CvmOutput;
import com.phala.cloud.cli.output.Format;
import com.phala.cloud.cli.output.OutputOptions;
import com.phala.cloud.cli.sandbox.Sandbox;
import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.cvm.HashedId;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.cvm.UserId;
import com.phala.cloud.cvm.ViewStream;
import com.phala.cloud.errors.PermissionDeniedException;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.errors.PhalaTimeoutException;
import com.phala.cloud.errors.UnauthorizedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code phala-cvms list}: lists CVMs as a table, JSON or CSV. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
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
      "3:Authentication or permission refused (HTTP 401, 403).",
      "4:Any other API error, or a response that cannot be used, after retries.",
      "5:Network failure or timeout.",
      "1:A bug in phala-cvms; please report it with the --verbose output."
    })
final class ListCommand implements Callable<Integer> {
  /**
   * The longest --timeout accepted. Far longer than any listing takes, and small enough that the
   * deadline, counted in nanoseconds, cannot overflow.
   */
  static final long MAX_TIMEOUT_SECONDS = 86_400;

  /** The seconds between listings with --watch when --interval is not given. */
  static final long DEFAULT_WATCH_INTERVAL_SECONDS = 5;

  /** The most retries --max-retries accepts (the client's own bound). */
  static final int MAX_RETRIES = 10;

  @Spec CommandSpec spec;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key (default: $PHALA_CLOUD_API_KEY).")
  String apiKey;

  @Option(
      names = "--bearer-token",
      paramLabel = "TOKEN",
      description = "Bearer token (default: $PHALA_OIDC_TOKEN).")
  String bearerToken;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description =
          "API prefix (default: $PHALA_CLOUD_API_PREFIX, else "
              + PhalaCloud.DEFAULT_BASE_URL
              + ").")
  String baseUrl;

  @Option(
      names = "--api-version",
      paramLabel = "DATE",
      description =
          "X-Phala-Version to send, which fixes the shape of the list: 2025-10-28 (the default)"
              + " lists legacy CVMs, 2026-01-21, 2026-05-22 or 2026-06-23 the current CVMInfo"
              + " shape (other columns: created, resources in GB, region, workspace).")
  String apiVersion;

  @Option(
      names = "--workspace",
      paramLabel = "WKS",
      description =
          "Workspace to list, wks_... or its slug, sent as X-Phala-Workspace"
              + " (default: $PHALA_CLOUD_WORKSPACE, else your current workspace).")
  String workspace;

  @Option(
      names = "--user-id",
      paramLabel = "ID",
      description = "Only CVMs of this owner, sent to the API (admin): 0 or usr_...")
  String userId;

  @Option(
      names = "--teepod-id",
      paramLabel = "N",
      description = "Only CVMs on this node, sent to the API (admin).")
  Long teepodId;

  @Option(
      names = "--status",
      paramLabel = "S",
      description = "Only CVMs in this status (repeatable; filtered here).")
  List<String> statuses = new ArrayList<>();

  @Option(
      names = "--project",
      paramLabel = "PRJ",
      description =
          "Only CVMs of this project, prj_... (filtered here; legacy shape, --api-version"
              + " 2025-10-28, only).")
  String project;

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
          "The columns of table, wide or csv, by JSON path: name,status,hosted.uptime,"
              + "public_urls.0.app,... An unknown path exits 2 with the valid ones.")
  List<String> columns;

  @Option(names = "--no-headers", description = "No header line (table, wide, csv).")
  boolean noHeaders;

  @Option(
      names = "--sort-by",
      paramLabel = "PATH",
      description =
          "Sort by the field at this JSON path (table, wide, csv, name): numbers as numbers,"
              + " durations as durations, CVMs without the field last.")
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
      description = "Seconds between listings with --watch: at least 1 (default: 5).")
  Long intervalSeconds;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "Bound on the whole command, retries and waits included: 1 to 86400 (default: 120).")
  Long timeoutSeconds;

  @Option(
      names = "--max-retries",
      paramLabel = "N",
      description = "Retries on failures that are safe to retry: 0 to 10 (default: 2).")
  Integer maxRetries;

  @Option(
      names = "--sandbox",
      description =
          "Run against a local stand-in of the API serving the contract's example CVMs in the"
              + " shape --api-version asks for; needs no account.")
  boolean sandbox;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log each HTTP call to stderr, and show stack traces.")
  boolean verbose;

  private final Map<String, String> environment;

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
    try (Logging.Session log = Logging.start(verbose, err, this::redact)) {
      return list(out, err);
    }
  }

  private int list(PrintWriter out, PrintWriter err) {
    Duration timeout =
        Duration.ofSeconds(
            timeoutSeconds == null ? PhalaCloud.DEFAULT_TIMEOUT.toSeconds() : timeoutSeconds);
    AtomicBoolean timedOut = new AtomicBoolean();
    try (Sandbox stub = sandbox ? Sandbox.start() : null) {
      Format format = Format.parse(output);
      OutputOptions options = outputOptions(format);
      boolean legacy = isLegacy();
      // An unknown --columns or --sort-by path is refused before anything is sent.
      if (legacy) {
        format.writer(out, Columns.LEGACY, options);
      } else {
        format.writer(out, Columns.CVM_INFO, options);
      }
      ListCvmsParams params = params();
      ProjectId projectFilter = project == null ? null : ProjectId.parse(project, "--project");
      if (projectFilter != null && !legacy) {
        throw new PhalaInvalidInputException(
            "--project works only with --api-version "
                + PhalaCloud.DEFAULT_API_VERSION
                + ": CVMs of version "
                + apiVersion
                + " carry no project id. Drop --project, or list with --api-version "
                + PhalaCloud.DEFAULT_API_VERSION
                + ".");
      }
      checkWorkspace();
      if (maxRetries != null && (maxRetries < 0 || maxRetries > MAX_RETRIES)) {
        throw new PhalaInvalidInputException(
            "--max-retries must be between 0 and " + MAX_RETRIES + ", but was " + maxRetries + ".");
      }
      if (timeoutSeconds != null && (timeoutSeconds <= 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS)) {
        throw new PhalaInvalidInputException(
            "--timeout must be between 1 and "
                + MAX_TIMEOUT_SECONDS
                + " seconds (one day), but was "
                + timeoutSeconds
                + ".");
      }
      if (watch) {
        return legacy
            ? new Watch<>(Columns.LEGACY, out, err, format, cvm -> matches(cvm, projectFilter))
                .run(stub, (client) -> client.streamCvms(params))
            : new Watch<>(Columns.CVM_INFO, out, err, format, cvm -> matches(cvm, null))
                .run(stub, (client) -> client.streamCvmInfos(params));
      }
      AtomicReference<ViewStream<?>> open = new AtomicReference<>();
      try (Watchdog watchdog =
              new Watchdog(
                  timeout,
                  () -> {
                    timedOut.set(true);
                    ViewStream<?> cvms = open.get();
                    if (cvms != null) {
                      cvms.close();
                    }
                  });
          PhalaCloud client = client(stub, timeout)) {
        if (legacy) {
          try (CvmStream cvms = client.streamCvms(params)) {
            open.set(cvms);
            write(
                cvms,
                format.writer(out, Columns.LEGACY, options),
                cvm -> matches(cvm, projectFilter),
                timedOut);
          }
        } else {
          try (CvmInfoStream cvms = client.streamCvmInfos(params)) {
            open.set(cvms);
            write(
                cvms,
                format.writer(out, Columns.CVM_INFO, options),
                cvm -> matches(cvm, null),
                timedOut);
          }
        }
        if (timedOut.get()) {
          throw new PhalaTimeoutException(
              "The command did not finish within --timeout " + timeout.toSeconds() + " s.", null);
        }
      }
      return ExitCodes.OK;
    } catch (RuntimeException failure) {
      out.flush();
      if (!(failure instanceof PhalaException) && !timedOut.get()) {
        err.println("phala-cvms: unexpected error: " + redact(failure.toString()));
        err.print(redact(stackTrace(failure)));
        return ExitCodes.INTERNAL;
      }
      // When time ran out, whatever the abort caused is reported as the timeout it is.
      PhalaException reported =
          timedOut.get()
              ? new PhalaTimeoutException(
                  "The command did not finish within --timeout " + timeout.toSeconds() + " s.",
                  failure)
              : (PhalaException) failure;
      err.println("phala-cvms: " + redact(reported.getMessage()));
      if (verbose) {
        err.print(redact(stackTrace(reported)));
      }
      return ExitCodes.of(reported);
    }
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
            "--color must be auto, always or never, but was " + quoted(color) + ".");
    }
    if (intervalSeconds != null && !watch) {
      throw new PhalaInvalidInputException("--interval works only with --watch.");
    }
    if (watch) {
      if (intervalSeconds != null
          && (intervalSeconds < 1 || intervalSeconds > MAX_TIMEOUT_SECONDS)) {
        throw new PhalaInvalidInputException(
            "--interval must be between 1 and "
                + MAX_TIMEOUT_SECONDS
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
   * {@code text} without any credential this run could send. The library redacts the credential it
   * sends from its own messages, but not the other one given (an API key wins over a bearer token),
   * nor what the server echoed into a body it quotes (a malformed answer, a proxy's page), so the
   * command removes every credential it knows from all it prints.
   */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    List<String> secrets = new ArrayList<>();
    for (String secret :
        new String[] {
          apiKey,
          bearerToken,
          environment.get("PHALA_CLOUD_API_KEY"),
          environment.get("PHALA_OIDC_TOKEN"),
          System.getProperty("phala.cloud.apiKey"),
          System.getProperty("phala.oidcToken")
        }) {
      if (secret != null && !secret.isBlank()) {
        secrets.add(secret);
      }
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    String redacted = text;
    for (String secret : secrets) {
      redacted = redacted.replace(secret, "***");
    }
    return redacted;
  }

  private static String stackTrace(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace, true));
    return trace.toString();
  }

  private ListCvmsParams params() {
    ListCvmsParams.Builder params = ListCvmsParams.builder();
    if (userId != null) {
      if (!userId.equals("0") && !UserId.isValid(userId)) {
        throw new PhalaInvalidInputException(
            "--user-id must be 0 (CVMs with no owner) or usr_ and 1 to "
                + HashedId.MAX_BODY_LENGTH
                + " letters and digits (for example usr_0123abcd), but was "
                + quoted(userId)
                + ".");
      }
      params.userId(userId);
    }
    if (teepodId != null) {
      if (teepodId <= 0) {
        throw new PhalaInvalidInputException(
            "--teepod-id must be a node id, a positive integer, but was " + teepodId + ".");
      }
      params.teepodId(teepodId);
    }
    return params.build();
  }

  /** A value the user typed, quoted for a message: one line, bounded. */
  private static String quoted(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    StringBuilder safe = new StringBuilder("'");
    shown.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return safe.append("'").toString();
  }

  /**
   * Writes the CVMs of {@code cvms} that {@code wanted} keeps. When the watchdog closed the stream
   * (time is up), the output is left unfinished and the caller reports the timeout.
   */
  private static <T extends CvmView> void write(
      ViewStream<T> cvms, CvmOutput<T> writer, Predicate<T> wanted, AtomicBoolean timedOut) {
    writer.begin();
    for (T cvm : cvms) {
      if (wanted.test(cvm)) {
        writer.write(cvm);
      }
    }
    if (!timedOut.get()) {
      writer.end();
    }
  }

  /**
   * Whether the list is asked for in the legacy shape: no --api-version, or 2025-10-28. Any other
   * version must be one the library knows; its message lists them.
   */
  private boolean isLegacy() {
    if (apiVersion == null || apiVersion.equals(ApiVersion.V2025_10_28.value())) {
      return true;
    }
    if (ApiVersion.of(apiVersion).isEmpty()) {
      try {
        PhalaCloud.builder().apiVersion(apiVersion);
      } catch (PhalaInvalidInputException unknown) {
        throw new PhalaInvalidInputException("--api-version: " + unknown.getMessage());
      }
    }
    return false;
  }

  /**
   * Refuses a --workspace the API could not take, naming the option (the library checks it too, and
   * names PHALA_CLOUD_WORKSPACE when the value comes from there).
   */
  private void checkWorkspace() {
    if (workspace != null
        && (workspace.isBlank() || !workspace.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      throw new PhalaInvalidInputException(
          "--workspace must be a workspace id (wks_...) or slug: printable ASCII with no spaces,"
              + " but was "
              + quoted(workspace)
              + ".");
    }
  }

  /** Whether {@code cvm} passes --status and, for the legacy shape, --project. */
  private boolean matches(CvmView cvm, ProjectId projectFilter) {
    if (!statuses.isEmpty()) {
      String status = String.valueOf(cvm.field("status").orElse(null)).toLowerCase(Locale.ROOT);
      if (statuses.stream().noneMatch(wanted -> wanted.toLowerCase(Locale.ROOT).equals(status))) {
        return false;
      }
    }
    return projectFilter == null
        || projectFilter.toString().equals(cvm.field("project_id").orElse(null));
  }

  private PhalaCloud client(Sandbox stub, Duration timeout) {
    PhalaCloud.Builder builder =
        PhalaCloud.builder().timeout(timeout).userAgentSuffix("phala-cvms");
    if (stub != null) {
      builder.baseUrl(stub.baseUrl());
      builder.apiKey(apiKey == null && bearerToken == null ? Sandbox.API_KEY : apiKey);
      builder.bearerToken(bearerToken);
    } else {
      if (apiKey == null
          && bearerToken == null
          && isBlank("PHALA_CLOUD_API_KEY")
          && isBlank("PHALA_OIDC_TOKEN")
          && System.getProperty("phala.cloud.apiKey") == null
          && System.getProperty("phala.oidcToken") == null) {
        throw new PhalaInvalidInputException(
            "No credentials: pass --api-key KEY or set PHALA_CLOUD_API_KEY"
                + " (or --bearer-token / PHALA_OIDC_TOKEN). To try the command without an account, add --sandbox.");
      }
      builder.fromEnv(environment).baseUrl(baseUrl).apiKey(apiKey).bearerToken(bearerToken);
    }
    if (apiVersion != null) {
      builder.apiVersion(apiVersion);
    }
    if (workspace != null) {
      builder.workspace(workspace);
    }
    if (maxRetries != null) {
      builder.maxRetries(maxRetries);
    }
    if (timeout.compareTo(PhalaCloud.DEFAULT_READ_TIMEOUT) < 0) {
      builder.readTimeout(timeout);
    }
    return builder.build();
  }

  private boolean isBlank(String variable) {
    String value = environment.get(variable);
    return value == null || value.isEmpty();
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
    private final Format format;
    private final Predicate<T> wanted;

    Watch(Columns<T> shape, PrintWriter out, PrintWriter err, Format format, Predicate<T> wanted) {
      this.shape = shape;
      this.out = out;
      this.err = err;
      this.format = format;
      this.wanted = wanted;
    }

    int run(Sandbox stub, Function<PhalaCloud, ViewStream<T>> list) {
      long interval = intervalSeconds == null ? DEFAULT_WATCH_INTERVAL_SECONDS : intervalSeconds;
      long deadline =
          timeoutSeconds == null
              ? Long.MAX_VALUE
              : System.nanoTime() + timeoutSeconds * 1_000_000_000L;
      Duration perListing =
          timeoutSeconds == null || timeoutSeconds > PhalaCloud.DEFAULT_TIMEOUT.toSeconds()
              ? PhalaCloud.DEFAULT_TIMEOUT
              : Duration.ofSeconds(timeoutSeconds);
      Map<String, String[]> previous = null;
      try (PhalaCloud client = client(stub, perListing)) {
        while (true) {
          AtomicBoolean timeUp = new AtomicBoolean();
          try {
            Map<String, String[]> now = listOnce(client, list, previous == null, deadline, timeUp);
            if (timeUp.get()) {
              return ExitCodes.OK;
            }
            if (previous != null) {
              report(previous, now);
            }
            previous = now;
          } catch (UnauthorizedException | PermissionDeniedException refused) {
            out.flush();
            err.println("phala-cvms: " + redact(refused.getMessage()));
            return ExitCodes.AUTH;
          } catch (PhalaException failure) {
            if (timeUp.get()) {
              return ExitCodes.OK;
            }
            out.flush();
            err.println(
                "phala-cvms: "
                    + redact(failure.getMessage())
                    + " (retrying in "
                    + interval
                    + " s)");
            err.flush();
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return ExitCodes.OK;
          }
          try {
            TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(interval), left));
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return ExitCodes.OK;
          }
          if (deadline - System.nanoTime() <= 0) {
            return ExitCodes.OK;
          }
        }
      }
    }

    /**
     * One listing: each wanted CVM's identity, name and status; the first one is also printed in
     * the format (except json, which prints only changes). When the deadline comes first, {@code
     * timeUp} is set and what was read is not a whole listing.
     */
    private Map<String, String[]> listOnce(
        PhalaCloud client,
        Function<PhalaCloud, ViewStream<T>> list,
        boolean first,
        long deadline,
        AtomicBoolean timeUp) {
      Map<String, String[]> states = new LinkedHashMap<>();
      AtomicReference<ViewStream<T>> open = new AtomicReference<>();
      long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
      Duration bound = Duration.ofNanos(Math.max(1, Math.min(left, TimeUnit.DAYS.toNanos(2))));
      CvmOutput<T> writer =
          first && format != Format.JSON ? format.writer(out, shape, outputOptions(format)) : null;
      try (Watchdog watchdog =
              new Watchdog(
                  bound,
                  () -> {
                    timeUp.set(true);
                    ViewStream<T> cvms = open.get();
                    if (cvms != null) {
                      cvms.close();
                    }
                  });
          ViewStream<T> cvms = list.apply(client)) {
        open.set(cvms);
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
      if (writer != null && !timeUp.get()) {
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

  private static String text(java.util.Optional<Object> value) {
    return value.map(String::valueOf).orElse("");
  }

  /** One line, no control characters: names come from other people. */
  private static String printable(String text) {
    StringBuilder safe = new StringBuilder();
    text.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return safe.toString();
  }

  /** The names of -o's formats, for shell completion. */
  static final class FormatNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(Format.values())
          .map(format -> format.name().toLowerCase(Locale.ROOT))
          .iterator();
    }
  }

  /** The values of --color, for shell completion. */
  static final class ColourChoices implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("auto", "always", "never").iterator();
    }
  }

  /** Runs {@code onExpiry} if the command is still running when its time is up. */
  private static final class Watchdog implements AutoCloseable {
    private final ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "phala-cvms-timeout");
              thread.setDaemon(true);
              return thread;
            });

    Watchdog(Duration timeout, Runnable onExpiry) {
      timer.schedule(onExpiry, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
