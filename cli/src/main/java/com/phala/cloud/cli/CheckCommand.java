package com.phala.cloud.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.phala.cloud.CvmShape;
import com.phala.cloud.cli.output.TerminalText;
import com.phala.cloud.cvm.ApiObject;
import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.cvm.ViewStream;
import com.phala.cloud.errors.ContractProblem;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code phala-cvms check}: lists the CVMs like {@code list} and reports every way the response
 * departs from the contract, from the library's own {@link ApiObject#problems()} and {@link
 * ApiObject#unknownFieldPaths()}, so the command and {@code validate()} cannot disagree.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = PhalaCvms.VersionProvider.class,
    header = "Reports every way the API's list of CVMs departs from the contract.",
    description = {
      "Lists the CVMs like 'list' (same credentials, --api-version, --workspace, filters and"
          + " --sandbox) and reports every way the response departs from the contract"
          + " (openapi/phala-cloud.yaml): fields the contract does not declare, required fields"
          + " missing, null where not allowed, wrong types, malformed hashed ids, values outside"
          + " a closed enum, values a format refuses. Each finding is one line: its kind, its path"
          + " with indexes as [*], how many of the CVMs checked carry it, and a sample; then a"
          + " summary line.",
    },
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:The response matches the contract.",
      "6:The response departs from the contract (the findings are printed).",
      "2:Bad usage or input; nothing was sent.",
      "3:Authentication or permission refused (HTTP 401, 403).",
      "4:Any other API error, or a response that is not a list of CVMs at all, after retries.",
      "5:Network failure or timeout.",
      "1:A bug in phala-cvms; please report it with the --verbose output."
    })
final class CheckCommand implements Callable<Integer> {
  /** The most distinct findings reported; past it, findings are counted, not listed. */
  static final int MAX_FINDINGS = 1_000;

  /** The longest path or detail printed; a hostile server's field names cannot flood the report. */
  private static final int MAX_TEXT = 300;

  /** The kind of a field the contract does not declare, beside the library's problem kinds. */
  static final String UNKNOWN_FIELD = "unknown_field";

  @Spec CommandSpec spec;

  @Mixin ListingOptions listing;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text or json (a machine-readable report; default: text).")
  String output = "text";

  private final Map<String, String> environment;

  CheckCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  /**
   * The command in this process's environment: for tools that build the command from its class
   * (picocli's completion script and man page generators).
   */
  CheckCommand() {
    this(System.getenv());
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    listing.environment = environment;
    Report report = new Report();
    try (Logging.Session log = Logging.start(listing.verbose, err, listing::redact)) {
      int code =
          listing.run(
              out,
              err,
              this::json,
              (client, run) -> {
                report.apiVersion =
                    (run.legacy ? ApiVersion.V2025_10_28 : client.apiVersion()).value();
                if (run.legacy) {
                  try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY, run.params)) {
                    report.check(cvms, run.wanted());
                  }
                } else {
                  try (CvmInfoStream cvms = client.cvms().stream(run.params)) {
                    report.check(cvms, run.wanted());
                  }
                }
              });
      if (code != ExitCodes.OK) {
        return code;
      }
      if (json()) {
        out.println(listing.redact(report.toJson()));
      } else {
        report.printText(out, listing::redact);
      }
      out.flush();
      return report.matches() ? ExitCodes.OK : ExitCodes.DRIFT;
    }
  }

  /** Whether -o asks for the JSON report; refuses any format but text and json. */
  private boolean json() {
    switch (output.trim().toLowerCase(Locale.ROOT)) {
      case "json":
        return true;
      case "text":
        return false;
      default:
        throw new PhalaInvalidInputException(
            "--output must be text or json, but was '" + printable(output) + "'.");
    }
  }

  /** {@code text} on one line (control characters as {@code ?}), at most {@value #MAX_TEXT}. */
  static String printable(String text) {
    String shown = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
    return TerminalText.replaceControls(shown, '?');
  }

  /** One kind of departure at one general path, over all the CVMs checked. */
  static final class Finding {
    final String kind;
    final String path;
    final String examplePath;
    final String sample;
    int cvms;
    private int lastCvm = -1;

    Finding(String kind, String path, String examplePath, String sample) {
      this.kind = kind;
      this.path = path;
      this.examplePath = examplePath;
      this.sample = sample;
    }

    void seenIn(int cvm) {
      if (cvm != lastCvm) {
        lastCvm = cvm;
        cvms++;
      }
    }
  }

  /** The findings of one run, grouped by kind and general path, in the order first met. */
  static final class Report {
    final Map<String, Finding> findings = new LinkedHashMap<>();
    String apiVersion;
    int checked;
    int drifted;
    int unlisted;

    <T extends ApiObject> void check(ViewStream<T> cvms, Predicate<T> wanted) {
      for (T cvm : cvms) {
        if (!wanted.test(cvm)) {
          continue;
        }
        int index = checked++;
        boolean drift = false;
        for (Map.Entry<String, Object> unknown : cvm.unknownFieldPaths().entrySet()) {
          drift = true;
          add(UNKNOWN_FIELD, unknown.getKey(), typeOf(unknown.getValue()), index);
        }
        for (ContractProblem problem : cvm.problems()) {
          drift = true;
          add(
              problem.kind().name().toLowerCase(Locale.ROOT),
              problem.path(),
              problem.message(),
              index);
        }
        if (drift) {
          drifted++;
        }
      }
    }

    private void add(String kind, String path, String sample, int cvm) {
      String general = ContractProblem.generalize(path);
      String key = kind + " " + general;
      Finding finding = findings.get(key);
      if (finding == null) {
        if (findings.size() >= MAX_FINDINGS) {
          unlisted++;
          return;
        }
        finding = new Finding(kind, general, path, sample);
        findings.put(key, finding);
      }
      finding.seenIn(cvm);
    }

    boolean matches() {
      return findings.isEmpty() && unlisted == 0;
    }

    /** Counts by kind, in the order first met. */
    Map<String, Integer> countsByKind() {
      Map<String, Integer> counts = new LinkedHashMap<>();
      findings.values().forEach(finding -> counts.merge(finding.kind, 1, Integer::sum));
      return counts;
    }

    String summary() {
      String version = "X-Phala-Version " + apiVersion;
      if (matches()) {
        return "OK: "
            + checked
            + (checked == 1 ? " CVM matches" : " CVMs match")
            + " the contract ("
            + version
            + ").";
      }
      StringBuilder kinds = new StringBuilder();
      countsByKind()
          .forEach(
              (kind, count) ->
                  kinds
                      .append(kinds.length() == 0 ? "" : ", ")
                      .append(count)
                      .append(' ')
                      .append(kind));
      return "DRIFT: "
          + (findings.size() + unlisted)
          + " findings ("
          + kinds
          + (unlisted > 0 ? ", " + unlisted + " more not listed" : "")
          + ") in "
          + drifted
          + " of "
          + checked
          + " CVMs checked against the contract ("
          + version
          + ").";
    }

    void printText(PrintWriter out, java.util.function.UnaryOperator<String> redact) {
      if (!findings.isEmpty()) {
        int kindWidth = "KIND".length();
        int pathWidth = "PATH".length();
        for (Finding finding : findings.values()) {
          kindWidth = Math.max(kindWidth, finding.kind.length());
          pathWidth = Math.max(pathWidth, printable(finding.path).length());
        }
        String row = "%-" + kindWidth + "s  %-" + pathWidth + "s  %-9s  %s%n";
        out.printf(row, "KIND", "PATH", "CVMS", "SAMPLE");
        for (Finding finding : findings.values()) {
          out.printf(
              row,
              finding.kind,
              redact.apply(printable(finding.path)),
              finding.cvms + "/" + checked,
              redact.apply(printable(finding.sample)));
        }
      }
      out.println(summary());
    }

    String toJson() {
      JsonObject report = new JsonObject();
      report.addProperty("matches", matches());
      report.addProperty("api_version", apiVersion);
      report.addProperty("cvms_checked", checked);
      report.addProperty("cvms_with_drift", drifted);
      JsonObject counts = new JsonObject();
      countsByKind().forEach(counts::addProperty);
      report.add("counts", counts);
      report.addProperty("findings_not_listed", unlisted);
      JsonArray list = new JsonArray();
      for (Finding finding : findings.values()) {
        JsonObject item = new JsonObject();
        item.addProperty("kind", finding.kind);
        item.addProperty("path", finding.path);
        item.addProperty("cvms", finding.cvms);
        item.addProperty("example_path", finding.examplePath);
        item.addProperty(
            finding.kind.equals(UNKNOWN_FIELD) ? "sample_type" : "detail", finding.sample);
        list.add(item);
      }
      report.add("findings", list);
      report.addProperty("summary", summary());
      return new GsonBuilder().disableHtmlEscaping().create().toJson(report);
    }
  }

  /** The JSON type of a plain value from {@link ApiObject#unknownFields()}. */
  static String typeOf(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof String) {
      return "string";
    } else if (value instanceof Boolean) {
      return "boolean";
    } else if (value instanceof Number) {
      return "number";
    } else if (value instanceof List) {
      return "array";
    }
    return "object";
  }
}
