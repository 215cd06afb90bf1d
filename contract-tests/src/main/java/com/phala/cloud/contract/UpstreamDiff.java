package com.phala.cloud.contract;

import static com.phala.cloud.contract.ContractComparison.map;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * {@code openapi/upstream-diff}: compares our contract with a copy of Phala's published OpenAPI
 * document, for the CVM list operation and every schema reachable from it, and prints what differs,
 * marking what our contract documents as deliberate ({@code x-deviation}).
 *
 * <p>Exit codes: 0 when every difference is documented and no mark is stale, 3 when some are not
 * (port them, or mark them with their source), 2 when a document cannot be read.
 */
public final class UpstreamDiff {
  /** The operation compared. */
  static final String PATH = "/api/v1/cvms";

  /** Every difference is documented. */
  static final int SAME = 0;

  /** A document could not be read, or the arguments are wrong. */
  static final int USAGE = 2;

  /** Some differences are not documented, or a mark is stale. */
  static final int UNDOCUMENTED = 3;

  private UpstreamDiff() {}

  /**
   * Runs the comparison: {@code args} are the published document's path, then optionally our
   * contract's (default {@code openapi/phala-cloud.yaml}).
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the comparison, printing to {@code out} and {@code err}; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length < 1 || args.length > 2 || args[0].startsWith("-")) {
      err.println(
          "Usage: openapi/upstream-diff PATH/TO/openapi.json [OUR/phala-cloud.yaml]\n"
              + "Compares our contract with a copy of Phala's published OpenAPI document.");
      return USAGE;
    }
    Path published = Path.of(args[0]);
    Path ours = Path.of(args.length == 2 ? args[1] : "openapi/phala-cloud.yaml");
    ContractComparison.Result result;
    Map<String, Object> sources;
    try {
      Map<String, Object> our = read(ours);
      sources = map(map(our.get("info")).get("x-sources"));
      result = ContractComparison.compare(our, read(published), PATH);
    } catch (IllegalArgumentException unreadable) {
      err.println("upstream-diff: " + unreadable.getMessage());
      return USAGE;
    }
    print(result, sources, ours, published, out);
    return result.undocumented().isEmpty() && result.staleMarks().isEmpty() ? SAME : UNDOCUMENTED;
  }

  private static void print(
      ContractComparison.Result result,
      Map<String, Object> sources,
      Path ours,
      Path published,
      PrintStream out) {
    out.println("Comparing " + ours + " with " + published + " (GET " + PATH + ").");
    List<Finding> findings = result.findings();
    int where = Math.max(5, findings.stream().mapToInt(f -> f.where().length()).max().orElse(0));
    String format = "%-12s %-10s %-" + where + "s %s%n";
    if (!findings.isEmpty()) {
      out.printf(format, "STATUS", "KIND", "WHERE", "OURS / PUBLISHED");
    }
    for (Finding finding : findings) {
      String values = finding.ours() + " / " + finding.published();
      out.printf(
          format,
          finding.deliberate() ? "deliberate" : "UNDOCUMENTED",
          finding.kind(),
          finding.where(),
          finding.deliberate() ? values + "  [" + finding.source() + "]" : values);
    }
    for (String stale : result.staleMarks()) {
      out.println("STALE MARK   " + stale);
    }
    long deliberate = findings.stream().filter(Finding::deliberate).count();
    out.println();
    int stale = result.staleMarks().size();
    out.printf(
        "%d differences (%d deliberate, %d undocumented), %d stale %s.%n",
        findings.size(),
        deliberate,
        result.undocumented().size(),
        stale,
        stale == 1 ? "mark" : "marks");
    findings.stream()
        .map(Finding::source)
        .filter(source -> source != null)
        .distinct()
        .sorted()
        .forEach(source -> out.println("  [" + source + "] " + sourceText(sources, source)));
    if (!result.undocumented().isEmpty()) {
      out.println(
          "Port each undocumented difference into the contract, or mark the node with"
              + " x-deviation: {kinds: [KIND], source: KEY} (KEY from info.x-sources).");
    }
  }

  private static String sourceText(Map<String, Object> sources, String key) {
    Object text = sources.get(key);
    return text == null ? "(not in info.x-sources: add it there)" : String.valueOf(text);
  }

  /** A YAML or JSON document (JSON is YAML), as maps and lists. */
  static Map<String, Object> read(Path file) {
    LoadSettings settings =
        LoadSettings.builder()
            .setCodePointLimit(256 * 1024 * 1024)
            .setLabel(file.toString())
            .build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object document = new Load(settings).loadFromReader(reader);
      if (!(document instanceof Map)) {
        throw new IllegalArgumentException(file + " is not an OpenAPI document (not an object).");
      }
      return map(document);
    } catch (NoSuchFileException missing) {
      throw new IllegalArgumentException(file + " does not exist.");
    } catch (IOException | YamlEngineException unreadable) {
      throw new IllegalArgumentException(
          file + " cannot be read as YAML or JSON: " + firstLine(unreadable.getMessage()));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "no detail" : message.lines().findFirst().orElse("no detail");
  }
}
