package com.phala.cloud.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openapi/upstream-diff} on small documents written for the test ({@code
 * upstream-diff/published.json} and {@code ours.yaml}): one difference of each kind, documented or
 * not, and one stale mark.
 */
class UpstreamDiffTest {
  private static Path resource(String name) {
    try {
      return Path.of(UpstreamDiffTest.class.getResource("/upstream-diff/" + name).toURI());
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static ContractComparison.Result compare() {
    return ContractComparison.compare(
        UpstreamDiff.read(resource("ours.yaml")),
        UpstreamDiff.read(resource("published.json")),
        UpstreamDiff.PATH);
  }

  private static List<String> lines(ContractComparison.Result result) {
    List<String> lines = new ArrayList<>();
    for (Finding f : result.findings()) {
      lines.add(
          f.kind() + " " + f.where() + " " + f.ours() + " / " + f.published() + " " + f.source());
    }
    return lines;
  }

  @Test
  void everyKindOfDifferenceIsFoundWhereverItIs() {
    assertThat(lines(compare()))
        .containsExactlyInAnyOrder(
            "added parameter header X-Version declared / - sdk",
            "deprecated parameter query user_id true / false sdk",
            "pattern parameter query user_id ^usr_.+ / - null",
            "missing parameter query node_id - / declared null",
            "required Cvm.status true / false ours",
            "enum Cvm.status - / [off, on] ours",
            "default Cvm.region us / eu null",
            "missing Cvm.legacy_flag - / declared ours",
            "type Owner.id [string] / [integer] sdk",
            "nullable Cvm.tags true / false ours",
            "added Cvm.hourly_rate declared / - sdk",
            "added response 429 declared / - ours");
  }

  @Test
  void schemasArePairedByUseNotByName() {
    // Ours is Cvm, theirs teehouse__Vm: same fields are no difference, and a format is not
    // compared.
    assertThat(lines(compare()))
        .noneMatch(line -> line.contains("Cvm.id") || line.contains("Cvm.name"))
        .noneMatch(line -> line.contains("Cvm.size") || line.contains("Owner.email"));
  }

  @Test
  void aMarkThatNoLongerDiffersIsStale() {
    assertThat(compare().staleMarks())
        .containsExactly(
            "Cvm.tags: x-deviation names 'default' (ours), but it does not differ there");
  }

  @Test
  void theCommandPrintsEachDifferenceAndExitsThreeWhenSomeAreUndocumented() {
    Output output = run(resource("published.json").toString(), resource("ours.yaml").toString());

    assertThat(output.code).isEqualTo(UpstreamDiff.UNDOCUMENTED).isEqualTo(3);
    assertThat(output.out)
        .containsPattern("UNDOCUMENTED +default +Cvm\\.region +us / eu\n")
        .containsPattern("deliberate +added +Cvm\\.hourly_rate +declared / - +\\[sdk]\n")
        .contains("STALE MARK   Cvm.tags: x-deviation names 'default'")
        .contains("12 differences (9 deliberate, 3 undocumented), 1 stale mark.")
        .contains("  [sdk] An SDK's model.", "  [ours] A choice of ours.")
        .contains("Port each undocumented difference");
  }

  @Test
  void aDocumentComparedWithItselfHasNoDifference() {
    Output output =
        run(resource("published.json").toString(), resource("published.json").toString());

    assertThat(output.code).isEqualTo(UpstreamDiff.SAME);
    assertThat(output.out).contains("0 differences (0 deliberate, 0 undocumented), 0 stale marks.");
  }

  @Test
  void ourOwnContractIsItsOwnUpstreamWithoutDifference() {
    Map<String, Object> contract = UpstreamDiff.read(Path.of("../openapi/phala-cloud.yaml"));

    ContractComparison.Result result =
        ContractComparison.compare(contract, contract, UpstreamDiff.PATH);

    assertThat(result.findings()).isEmpty();
  }

  @Test
  void everyMarkOfOurContractNamesKnownKindsAndASourceItDescribes() {
    Map<String, Object> contract = UpstreamDiff.read(Path.of("../openapi/phala-cloud.yaml"));
    Map<String, Object> sources =
        ContractComparison.map(ContractComparison.map(contract.get("info")).get("x-sources"));
    List<Map<String, Object>> marks = new ArrayList<>();
    collectMarks(contract, marks);

    assertThat(marks).hasSizeGreaterThan(20);
    assertThat(marks)
        .allSatisfy(
            mark -> {
              assertThat(sources).containsKey(String.valueOf(mark.get("source")));
              assertThat(ContractComparison.list(mark.get("kinds")))
                  .isNotEmpty()
                  .allSatisfy(
                      kind -> assertThat(ContractComparison.KINDS).contains(String.valueOf(kind)));
            });
    assertThat(sources.values()).allSatisfy(text -> assertThat(text.toString()).isNotBlank());
  }

  private static void collectMarks(Object node, List<Map<String, Object>> marks) {
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (key, value) -> {
            if ("x-deviation".equals(key)) {
              for (Object mark : value instanceof List<?> all ? all : List.of(value)) {
                marks.add(ContractComparison.map(mark));
              }
            } else {
              collectMarks(value, marks);
            }
          });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> collectMarks(item, marks));
    }
  }

  @Test
  void unreadableInputIsExitTwoWithOneLine(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("openapi.json"), "{\"paths\": [");
    Path array = Files.writeString(dir.resolve("array.json"), "[]");
    Path noOperation = Files.writeString(dir.resolve("empty.json"), "{\"paths\": {}}");

    for (Path input : List.of(broken, array, noOperation, dir.resolve("absent.json"))) {
      Output output = run(input.toString(), resource("ours.yaml").toString());
      assertThat(output.code).as(input.toString()).isEqualTo(UpstreamDiff.USAGE);
      assertThat(output.err.strip())
          .as(input.toString())
          .startsWith("upstream-diff: ")
          .doesNotContain("\tat ");
    }
    assertThat(run().code).isEqualTo(UpstreamDiff.USAGE);
    assertThat(run().err).startsWith("Usage: openapi/upstream-diff PATH/TO/openapi.json");
  }

  private record Output(int code, String out, String err) {}

  private static Output run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        UpstreamDiff.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Output(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
