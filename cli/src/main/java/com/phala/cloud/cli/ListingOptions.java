package com.phala.cloud.cli;

import com.phala.cloud.ListCvmsParams;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cli.output.TerminalText;
import com.phala.cloud.cli.sandbox.Sandbox;
import com.phala.cloud.cvm.ApiObject;
import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStatus;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.cvm.ViewList;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.errors.PhalaTimeoutException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * What every command that lists CVMs shares ({@code list}, {@code check}): the options that say
 * which CVMs to list and how to reach the API, and the run around a listing (checks of the input,
 * the client, the deadline, errors reported as exit codes with every credential masked). A picocli
 * mixin, so the options are defined once.
 */
final class ListingOptions {
  /**
   * The longest --timeout accepted. Far longer than any listing takes, and small enough that the
   * deadline, counted in nanoseconds, cannot overflow.
   */
  static final long MAX_TIMEOUT_SECONDS = 86_400;

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
      completionCandidates = KnownVersions.class,
      description =
          "X-Phala-Version to send, which fixes the shape of the list: one of"
              + " ${COMPLETION-CANDIDATES}. The first (the default) lists legacy CVMs, the later"
              + " ones the current CVMInfo shape (other columns: created, resources in GB,"
              + " region, workspace).")
  String apiVersion;

  /** The API versions the contract lists, for --api-version's help and shell completion. */
  static final class KnownVersions implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ApiVersion.values()).map(ApiVersion::value).iterator();
    }
  }

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
      description =
          "Only CVMs of this owner, sent to the API (admin): 0 or usr_... Deprecated: Phala's"
              + " SDKs refuse it since 2026-07; the server may still honour it.")
  String userId;

  @Option(
      names = "--teepod-id",
      paramLabel = "N",
      converter = WholeNumbers.NodeId.class,
      description =
          "Only CVMs on this node, sent to the API (admin): its id, a positive number. Deprecated:"
              + " Phala's SDKs refuse it since 2026-07; the server may still honour it.")
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
      names = "--timeout",
      paramLabel = "SECONDS",
      converter = WholeNumbers.Count.class,
      description =
          "Bound on the whole command, retries and waits included: 1 to 86400 (default: 120).")
  Long timeoutSeconds;

  @Option(
      names = "--max-retries",
      paramLabel = "N",
      converter = WholeNumbers.SmallCount.class,
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

  /** The environment the command runs in; set by the command that holds these options. */
  Map<String, String> environment = Map.of();

  /** What a command does with the client once the input is checked; see {@link #run}. */
  interface Listing {
    /** Lists through {@code client}, whose deadlines end the listing at --timeout. */
    void list(PhalaCloud client, Run run);
  }

  /**
   * What a command that lists again and again does once the input is checked; see {@link #watch}.
   */
  interface Watching {
    /**
     * Lists through the clients {@code clients} gives, one per listing, until {@code end}, and
     * returns the exit code.
     */
    int watch(Supplier<PhalaCloud> clients, Run run, WatchEnd end);
  }

  /** When a watch ends: at a {@link System#nanoTime()} (--timeout), or never. */
  record WatchEnd(long atNanos, boolean never) {
    /** Nanoseconds left; {@code Long.MAX_VALUE} when the watch never ends. */
    long leftNanos() {
      return never ? Long.MAX_VALUE : atNanos - System.nanoTime();
    }

    /** Whether the watch's time is up. */
    boolean passed() {
      return leftNanos() <= 0;
    }
  }

  /** One run: the checked input. */
  final class Run {
    final boolean legacy;
    final ListCvmsParams params;
    final ProjectId projectFilter;

    private Run(boolean legacy, ListCvmsParams params, ProjectId projectFilter) {
      this.legacy = legacy;
      this.params = params;
      this.projectFilter = projectFilter;
    }

    /** Whether a CVM passes --status and, for the legacy shape, --project: the library's rules. */
    <T extends ApiObject> Predicate<T> wanted() {
      Predicate<ApiObject> wanted = cvm -> true;
      if (!statuses.isEmpty()) {
        wanted = wanted.and(ViewList.hasStatus(statuses));
      }
      if (projectFilter != null) {
        wanted = wanted.and(CvmList.isInProject(projectFilter));
      }
      return wanted::test;
    }
  }

  /**
   * Runs {@code checkInput} (the command's own checks of its options, which throw {@link
   * PhalaInvalidInputException}) and checks the shared options, builds the client (against the
   * sandbox with --sandbox), runs {@code listing}, and returns the exit code: {@code OK}, or the
   * code of what failed, which is reported on {@code err} with every credential masked. --timeout
   * is the library's deadlines: the call's, and the stream's from its call to its last CVM.
   */
  int run(PrintWriter out, PrintWriter err, Runnable checkInput, Listing listing) {
    Duration timeout = timeout();
    return guarded(
        out,
        err,
        checkInput,
        timeout,
        (stub, current, started) -> {
          Duration left = timeout.minusNanos(System.nanoTime() - started);
          try (PhalaCloud client = client(stub, left.isNegative() ? Duration.ofNanos(1) : left)) {
            listing.list(client, current);
          }
          return ExitCodes.OK;
        });
  }

  /**
   * Like {@link #run} for a command that lists until interrupted ({@code list --watch}): --timeout,
   * when given, bounds the whole watch and ends it instead of failing it. Each listing is bounded
   * by the client's default timeout, and by the time the watch has left. What {@code watching}
   * returns is the exit code.
   */
  int watch(PrintWriter out, PrintWriter err, Runnable checkInput, Watching watching) {
    Duration timeout = timeout();
    Duration perListing =
        timeoutSeconds == null || timeoutSeconds > PhalaCloud.DEFAULT_TIMEOUT.toSeconds()
            ? PhalaCloud.DEFAULT_TIMEOUT
            : Duration.ofSeconds(timeoutSeconds);
    return guarded(
        out,
        err,
        checkInput,
        timeout,
        (stub, current, started) -> {
          WatchEnd end = new WatchEnd(started + timeout.toNanos(), timeoutSeconds == null);
          try (PhalaCloud client = client(stub, perListing)) {
            Supplier<PhalaCloud> clients =
                () -> {
                  Duration left = Duration.ofNanos(Math.max(1, end.leftNanos()));
                  return left.compareTo(perListing) >= 0
                      ? client
                      : client.withTimeout(left).withStreamTimeout(left);
                };
            return watching.watch(clients, current, end);
          }
        });
  }

  /** What runs once the input is checked: returns the exit code. */
  private interface Body {
    int run(Sandbox stub, Run current, long started);
  }

  private Duration timeout() {
    return Duration.ofSeconds(
        timeoutSeconds == null ? PhalaCloud.DEFAULT_TIMEOUT.toSeconds() : timeoutSeconds);
  }

  /**
   * Checks the input, starts the sandbox with --sandbox, runs {@code body}, and reports what failed
   * as its exit code.
   */
  private int guarded(
      PrintWriter out, PrintWriter err, Runnable checkInput, Duration timeout, Body body) {
    long started = System.nanoTime();
    try (Sandbox stub = sandbox ? Sandbox.start() : null) {
      checkInput.run();
      boolean legacy = isLegacy();
      ListCvmsParams params = params();
      ProjectId projectFilter = project == null ? null : ProjectId.parse(project, "--project");
      if (projectFilter != null && !legacy) {
        throw new PhalaInvalidInputException(
            "--project works only with --api-version "
                + ApiVersion.V2025_10_28
                + ": CVMs of version "
                + apiVersion
                + " carry no project id. Drop --project, or list with --api-version "
                + ApiVersion.V2025_10_28
                + ".");
      }
      if (workspace != null) {
        option("--workspace", () -> PhalaCloud.builder().workspace(workspace));
      }
      if (maxRetries != null) {
        option("--max-retries", () -> PhalaCloud.builder().maxRetries(maxRetries));
      }
      if (timeoutSeconds != null && (timeoutSeconds <= 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS)) {
        throw new PhalaInvalidInputException(
            "--timeout must be between 1 and "
                + MAX_TIMEOUT_SECONDS
                + " seconds (one day), but was "
                + timeoutSeconds
                + ".");
      }
      warnUnknownStatuses(err);
      return body.run(stub, new Run(legacy, params, projectFilter), started);
    } catch (RuntimeException failure) {
      out.flush();
      if (!(failure instanceof PhalaException)) {
        err.println("phala-cvms: unexpected error: " + redact(failure.toString()));
        err.print(redact(stackTrace(failure)));
        return ExitCodes.INTERNAL;
      }
      // The library's deadlines are --timeout: when one ends the listing, the command's time is
      // what ran out, and it is reported as such.
      boolean timedOut =
          failure instanceof PhalaTimeoutException
              && System.nanoTime() - started >= timeout.toNanos();
      PhalaException reported =
          timedOut
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
   * Warns, on {@code err}, of each --status that is none the library knows: likely a typo, though
   * statuses are an open set (the API adds states), so it still filters by it.
   */
  private void warnUnknownStatuses(PrintWriter err) {
    for (String status : statuses) {
      if (CvmStatus.of(status).known().isEmpty()) {
        err.println(
            "phala-cvms: warning: --status "
                + quoted(status)
                + " is not a status the contract knows ("
                + Arrays.stream(CvmStatus.Known.values())
                    .map(known -> known.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "))
                + "); listing the CVMs in it anyway, as the API may have added it.");
      }
    }
  }

  /**
   * {@code text} without any credential this run could send: the library's redaction over every
   * credential given as an option or found in the environment (an API key wins over a bearer token,
   * but both are masked, as is what the server echoed into a body it quotes).
   */
  String redact(String text) {
    return PhalaCloud.builder()
        .fromEnv(environment)
        .apiKey(apiKey)
        .bearerToken(bearerToken)
        .redact(text);
  }

  private static String stackTrace(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace, true));
    return trace.toString();
  }

  /** --user-id and --teepod-id, checked by the library's rules. */
  @SuppressWarnings("deprecation") // The filters are deprecated, not gone: the options offer them.
  private ListCvmsParams params() {
    ListCvmsParams.Builder params = ListCvmsParams.builder();
    if (userId != null) {
      option("--user-id", () -> params.userId(userId));
    }
    if (teepodId != null) {
      option("--teepod-id", () -> params.teepodId(teepodId));
    }
    return params.build();
  }

  /**
   * Runs {@code check}, one of the library's checks of a value given as {@code option}; its refusal
   * is reported naming the option.
   */
  private static <T> T option(String option, Supplier<T> check) {
    try {
      return check.get();
    } catch (PhalaInvalidInputException refused) {
      throw new PhalaInvalidInputException(option + ": " + refused.getMessage());
    }
  }

  /** A value the user typed, quoted for a message: one line, bounded. */
  static String quoted(String value) {
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return "'" + TerminalText.replaceControls(shown, '?') + "'";
  }

  /**
   * Whether the list is asked for in the legacy shape: no --api-version, or 2025-10-28. Any other
   * version must be one the library knows; its message lists them.
   */
  boolean isLegacy() {
    if (apiVersion == null || apiVersion.equals(ApiVersion.V2025_10_28.value())) {
      return true;
    }
    option("--api-version", () -> PhalaCloud.builder().apiVersion(apiVersion));
    return false;
  }

  private PhalaCloud client(Sandbox stub, Duration timeout) {
    PhalaCloud.Builder builder =
        PhalaCloud.builder().timeout(timeout).streamTimeout(timeout).userAgentSuffix("phala-cvms");
    if (stub != null) {
      builder.baseUrl(stub.baseUrl());
      builder.apiKey(apiKey == null && bearerToken == null ? Sandbox.API_KEY : apiKey);
      builder.bearerToken(bearerToken);
    } else {
      builder.fromEnv(environment).baseUrl(baseUrl).apiKey(apiKey).bearerToken(bearerToken);
      if (!builder.hasCredential()) {
        throw new PhalaInvalidInputException(
            "No credentials: pass --api-key KEY or set PHALA_CLOUD_API_KEY"
                + " (or --bearer-token / PHALA_OIDC_TOKEN). To try the command without an account, add --sandbox.");
      }
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
}
