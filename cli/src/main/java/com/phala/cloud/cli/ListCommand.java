package com.phala.cloud.cli;

import com.phala.cloud.ListCvmsParams;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cli.output.Columns;
import com.phala.cloud.cli.output.CvmOutput;
import com.phala.cloud.cli.output.Format;
import com.phala.cloud.cli.sandbox.Sandbox;
import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.cvm.HashedId;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.cvm.UserId;
import com.phala.cloud.cvm.ViewStream;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.errors.PhalaTimeoutException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
      description = "table, json or csv (default: table).")
  String output = "table";

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
      boolean legacy = isLegacy();
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
                format.writer(out, Columns.LEGACY),
                cvm -> matches(cvm, projectFilter),
                timedOut);
          }
        } else {
          try (CvmInfoStream cvms = client.streamCvmInfos(params)) {
            open.set(cvms);
            write(cvms, format.writer(out, Columns.CVM_INFO), cvm -> matches(cvm, null), timedOut);
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
