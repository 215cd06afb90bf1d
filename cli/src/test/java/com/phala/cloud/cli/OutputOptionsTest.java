package com.phala.cloud.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import picocli.AutoComplete;
import picocli.CommandLine;

/** -o wide|yaml|name, --columns, --no-headers, --sort-by, --color, --watch, completion. */
class OutputOptionsTest extends ApiServer {
  private static final String NEW = "2026-06-23";

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\\R"));
  }

  private static List<CSVRecord> csv(String text) throws Exception {
    return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
  }

  @Test
  void wideAddsIdsUrlKmsAndRegionForTheLegacyShape() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "-o", "wide");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    assertThat(lines.get(0).split("\\s+"))
        .containsExactly(
            "NAME",
            "STATUS",
            "UPTIME",
            "VCPU",
            "MEMORY_MB",
            "DISK_GB",
            "NODE",
            "PROJECT_ID",
            "APP_ID",
            "VM_ID",
            "PUBLIC_URL",
            "KMS",
            "REGION");
    assertThat(lines.get(1))
        .contains(
            "inference-gateway",
            "e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f",
            "4470d47f-ebde-41ee-b29b-bbac8513da3c",
            "phala-prod5",
            "us-west");
  }

  @Test
  void wideAddsIdsUrlAndKmsForTheCvmInfoShape() {
    serveExample("cvminfos-full.json");

    Cli.Result result = Cli.list(baseUrl(), "--api-version", NEW, "-o", "wide");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    assertThat(lines.get(0).split("\\s+"))
        .containsExactly(
            "NAME",
            "STATUS",
            "CREATED",
            "VCPU",
            "MEMORY_GB",
            "DISK_GB",
            "HOURLY_RATE",
            "REGION",
            "WORKSPACE",
            "APP_ID",
            "CVM_ID",
            "VM_ID",
            "PUBLIC_URL",
            "KMS");
    assertThat(lines.get(1))
        .contains(
            "inference-gateway",
            "cvm_7Kp2xQ9mRbT4",
            "4470d47f-ebde-41ee-b29b-bbac8513da3c",
            "base");
  }

  @Test
  void namePrintsOneNameALine() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "-o", "name");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("inference-gateway\ngpu-trainer\nstaging-api\n");
  }

  @Test
  void yamlIsTheSameDataAsJsonWithExactNumbers() {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    String first = cvms.get(0).toString();
    String payload =
        "["
            + first.substring(0, first.length() - 1)
            + ",\"future\":{\"price\":1.50,\"big\":123456789012345678901234567890,\"tiny\":1e-7,"
            + "\"list\":[1769815500123,-0.0,4.0,null,true,\"0.0580\",\"\\u2603 snow\",\"yes\"]}}"
            + ","
            + cvms.get(1)
            + ","
            + cvms.get(2)
            + "]";
    serve(payload);

    Cli.Result result = Cli.list(baseUrl(), "-o", "yaml");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    // 1e-7 gains a dot and a sign: YAML 1.1 reads an exponent without them as text.
    assertThat(result.out()).contains("1769815500123", "4.0", "1.50", "1.0e-7", "'0.0580'");
    assertSameData(JsonParser.parseString(payload), compose(result.out()));
  }

  @Test
  void yamlOfTheCvmInfoExampleKeepsItsNumbersAndPricesExactly() {
    serveExample("cvminfos-full.json");

    Cli.Result result = Cli.list(baseUrl(), "--api-version", NEW, "-o", "yaml");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    Node yaml = compose(result.out());
    assertSameData(JsonParser.parseString(example("cvminfos-full.json")), yaml);
    ScalarNode memory = (ScalarNode) member(member(item(yaml, 0), "resource"), "memory_in_gb");
    assertThat(memory.getValue()).isEqualTo("4.0");
    assertThat(memory.getTag()).isEqualTo(Tag.FLOAT);
    ScalarNode price =
        (ScalarNode) member(member(item(yaml, 0), "resource"), "compute_billing_price");
    assertThat(price.getValue()).isEqualTo("0.0580");
    assertThat(price.getTag()).isEqualTo(Tag.STR);
  }

  @Test
  void yamlOfNoCvmsIsAnEmptySequence() {
    serve("[]");

    Cli.Result result = Cli.list(baseUrl(), "-o", "yaml");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("[]\n");
  }

  @Test
  void columnsPicksAnyFieldByItsJsonPathInTableAndCsv() throws Exception {
    serveExample("cvms-full.json");

    Cli.Result table =
        Cli.list(baseUrl(), "--columns", "name,hosted.uptime,public_urls.0.app,kms_info");
    Cli.Result csv =
        Cli.list(baseUrl(), "-o", "csv", "--columns", "name,memory,hosted.uptime,node");

    assertThat(table.exitCode()).as(table.toString()).isZero();
    List<String> lines = lines(table.out());
    assertThat(lines.get(0).split("\\s+"))
        .containsExactly("NAME", "HOSTED.UPTIME", "PUBLIC_URLS.0.APP", "KMS_INFO");
    assertThat(lines.get(1)).contains("inference-gateway", "1day 3h 4m 2s", "https://");
    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    List<CSVRecord> records = csv(csv.out());
    assertThat(records.get(0).toList()).containsExactly("name", "memory", "hosted.uptime", "node");
    assertThat(records.get(1).toList())
        .containsExactly(
            "inference-gateway",
            "8192",
            "1day 3h 4m 2s",
            "{\"id\":12,\"name\":\"prod5-us-west\",\"region_identifier\":\"us-west\"}");
  }

  @Test
  void aListsItemIsAColumnByItsIndex() throws Exception {
    serveExample("cvms-full.json");

    Cli.Result csv =
        Cli.list(
            baseUrl(),
            "-o",
            "csv",
            "--columns",
            "name,hosted.configuration.kms_urls.0,public_urls.0");

    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    CSVRecord first = csv(csv.out()).get(1);
    assertThat(first.get(1)).startsWith("https://");
    assertThat(first.get(2)).startsWith("{\"app\":\"https://");
  }

  @Test
  void anUnknownColumnIsRefusedInOneLineWithTheClosestNames() {
    serveExample("cvms-full.json");

    Cli.Result legacy = Cli.list(baseUrl(), "--columns", "name,hosted.uptme");
    Cli.Result current =
        Cli.list(baseUrl(), "--api-version", NEW, "-o", "csv", "--columns", "hosted.uptime");
    Cli.Result sort = Cli.list(baseUrl(), "--sort-by", "memroy_mb");

    assertThat(legacy.exitCode()).as(legacy.toString()).isEqualTo(2);
    assertThat(legacy.errLines()).hasSize(1);
    assertThat(legacy.errLines().get(0))
        .contains("--columns", "'hosted.uptme'", "did you mean hosted.uptime")
        .contains("phala-cvms list --help")
        .hasSizeLessThan(300);
    assertThat(current.exitCode()).as(current.toString()).isEqualTo(2);
    assertThat(current.err()).contains("'hosted.uptime'").doesNotContain("node_info.region,");
    assertThat(current.errLines().get(0)).hasSizeLessThan(300);
    assertThat(sort.exitCode()).as(sort.toString()).isEqualTo(2);
    assertThat(sort.errLines().get(0)).contains("--sort-by", "did you mean memory_mb");
    assertThat(requests()).as("nothing sent").isEmpty();
  }

  @Test
  void optionsThatCannotApplyToTheFormatAreRefused() {
    for (String[] args :
        List.of(
            new String[] {"-o", "json", "--columns", "name"},
            new String[] {"-o", "yaml", "--sort-by", "name"},
            new String[] {"--color", "sometimes"},
            new String[] {"--interval", "2"},
            new String[] {"--watch", "--interval", "0"},
            new String[] {"--watch", "-o", "csv"},
            new String[] {"--sort-by", "nope"},
            new String[] {"-o", "xml"})) {
      Cli.Result result = Cli.list(baseUrl(), args);
      assertThat(result.exitCode()).as(List.of(args) + "\n" + result).isEqualTo(2);
    }
    assertThat(requests()).as("nothing sent").isEmpty();
  }

  @Test
  void noHeadersDropsTheHeaderOfTableWideAndCsv() {
    serveExample("cvms-full.json");

    for (String format : List.of("table", "wide", "csv")) {
      Cli.Result result = Cli.list(baseUrl(), "-o", format, "--no-headers");
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(lines(result.out())).hasSize(3);
      assertThat(lines(result.out()).get(0)).startsWith("inference-gateway");
    }
  }

  @Test
  void sortByOrdersNumbersAsNumbersDurationsAsDurationsAndMissingLast() {
    serveExample("cvms-full.json");

    // 8192, 196608, 4096: as text 196608 would come first.
    Cli.Result byMemory = Cli.list(baseUrl(), "-o", "name", "--sort-by", "memory");
    // 1day 3h 4m 2s, 0s, 2h 30m 5s: as text 1day would come before 2h.
    Cli.Result byUptime =
        Cli.list(baseUrl(), "--no-headers", "--columns", "name", "--sort-by", "hosted.uptime");
    // Only inference-gateway has a region; the others keep the API's order after it.
    Cli.Result byRegion =
        Cli.list(
            baseUrl(), "-o", "csv", "--columns", "name", "--sort-by", "node.region_identifier");
    // Only staging-api and inference-gateway have a KMS slug... or not: missing ones last.
    Cli.Result byName = Cli.list(baseUrl(), "-o", "name", "--sort-by", "name");

    assertThat(byMemory.out())
        .as(byMemory.toString())
        .isEqualTo("staging-api\ninference-gateway\ngpu-trainer\n");
    assertThat(lines(byUptime.out()))
        .as(byUptime.toString())
        .containsExactly("gpu-trainer", "staging-api", "inference-gateway");
    assertThat(byRegion.out())
        .as(byRegion.toString())
        .isEqualTo("name\r\ninference-gateway\r\ngpu-trainer\r\nstaging-api\r\n");
    assertThat(byName.out()).isEqualTo("gpu-trainer\ninference-gateway\nstaging-api\n");
  }

  @Test
  void colourOnlyWhenAskedAlwaysNeverWhenPipedOrNoColor() {
    serveExample("cvms-full.json");

    Cli.Result always = Cli.list(baseUrl(), "--color=always");
    Cli.Result wide = Cli.list(baseUrl(), "-o", "wide", "--color", "always");
    Cli.Result piped = Cli.list(baseUrl());
    Cli.Result never = Cli.list(baseUrl(), "--color=never");
    Cli.Result noColor =
        Cli.run(
            Map.of("NO_COLOR", "1"),
            "list",
            "--base-url",
            baseUrl(),
            "--api-key",
            Cli.SECRET_KEY,
            "--color",
            "auto");
    Cli.Result csv = Cli.list(baseUrl(), "-o", "csv", "--color=always");

    assertThat(always.exitCode()).as(always.toString()).isZero();
    assertThat(always.out())
        .contains(
            "\u001b[32mrunning\u001b[0m",
            "\u001b[31mstopped\u001b[0m",
            "\u001b[33mstarting*\u001b[0m");
    assertThat(wide.out()).contains("\u001b[32mrunning\u001b[0m");
    // Colour codes do not shift the columns: the line after STATUS lines up.
    List<String> plain = lines(never.out());
    List<String> coloured = lines(always.out().replaceAll("\u001b\\[[0-9]*m", ""));
    assertThat(coloured).isEqualTo(plain);
    for (Cli.Result result : List.of(piped, never, noColor, csv)) {
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.out()).as(result.toString()).doesNotContain("\u001b");
    }
  }

  private static final String WATCHED = "watched";

  /** Serves {@code first} to the first listing and {@code then} to every later one. */
  private static void serveInTurn(String first, String then) {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .inScenario(WATCHED)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(200, first))
            .willSetStateTo("changed"));
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .inScenario(WATCHED)
            .whenScenarioStateIs("changed")
            .willReturn(json(200, then)));
  }

  /** The example after a change: gpu-trainer gone, staging-api running, a new CVM. */
  private static String[] watchedLists() {
    JsonArray before = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    JsonArray after = new JsonArray();
    after.add(before.get(0));
    JsonObject staging = before.get(2).deepCopy().getAsJsonObject();
    staging.addProperty("status", "running");
    after.add(staging);
    JsonObject fresh = before.get(0).deepCopy().getAsJsonObject();
    fresh.addProperty("name", "fresh-one");
    fresh.getAsJsonObject("hosted").addProperty("id", "11111111-2222-4333-8444-555555555555");
    after.add(fresh);
    return new String[] {before.toString(), after.toString()};
  }

  @Test
  void watchPrintsOneJsonLinePerChange() {
    String[] lists = watchedLists();
    serveInTurn(lists[0], lists[1]);

    Cli.Result result =
        Cli.list(baseUrl(), "--watch", "--interval", "1", "--timeout", "2", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(lines(result.out()))
        .containsExactly(
            "{\"change\":\"status\",\"name\":\"staging-api\",\"status\":\"running\",\"previous\":\"starting\"}",
            "{\"change\":\"appeared\",\"name\":\"fresh-one\",\"status\":\"running\",\"previous\":null}",
            "{\"change\":\"disappeared\",\"name\":\"gpu-trainer\",\"status\":null,\"previous\":\"stopped\"}");
    assertThat(requests().size()).isBetween(2, 3);
  }

  @Test
  void watchPrintsTheTableThenWhatChanged() {
    String[] lists = watchedLists();
    serveInTurn(lists[0], lists[1]);

    Cli.Result result = Cli.list(baseUrl(), "-w", "--interval", "1", "--timeout", "2");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    assertThat(lines.get(0)).startsWith("NAME");
    assertThat(lines.subList(4, lines.size()))
        .containsExactly(
            "status       staging-api  running  (was starting)",
            "appeared     fresh-one  running",
            "disappeared  gpu-trainer  (was stopped)");
  }

  @Test
  void watchReportsErrorsAndRetries() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .inScenario(WATCHED)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(500, "{\"detail\":\"boom\"}"))
            .willSetStateTo("changed"));
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .inScenario(WATCHED)
            .whenScenarioStateIs("changed")
            .willReturn(json(200, example("cvms-full.json"))));

    Cli.Result result =
        Cli.list(
            baseUrl(),
            "--watch",
            "--interval",
            "1",
            "--timeout",
            "2",
            "--max-retries",
            "0",
            "-o",
            "name");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).contains("500", "retrying in 1 s");
    assertThat(result.out()).startsWith("inference-gateway\ngpu-trainer\nstaging-api\n");
  }

  @Test
  void aListingStalledAtTheWatchsEndEndsTheWatchOnTime() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(json(200, example("cvms-full.json")).withChunkedDribbleDelay(50, 30_000)));

    Cli.Result result = Cli.list(baseUrl(), "--watch", "--timeout", "2", "-o", "name");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.millis()).as(result.toString()).isBetween(1_500L, 4_000L);
    assertThat(result.err()).as(result.toString()).isEmpty();
  }

  @Test
  void watchStopsWhenAuthenticationFails() {
    api.stubFor(get(urlPathEqualTo(CVMS)).willReturn(json(401, "{\"detail\":\"bad key\"}")));

    Cli.Result result = Cli.list(baseUrl(), "--watch", "--interval", "1", "--timeout", "5");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(requests()).hasSize(1);
    assertThat(result.printed()).doesNotContain(Cli.SECRET_KEY);
  }

  @Test
  void completionScriptAndManPageComeFromTheCommandsDefinition() throws Exception {
    CommandLine command =
        new CommandLine(
            PhalaCvms.class,
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                return CommandLine.defaultFactory().create(type);
              }
            });

    String script = AutoComplete.bash("phala-cvms", command);

    assertThat(script).contains("phala-cvms", "list", "--sort-by", "--columns", "--watch", "wide");
    java.io.StringWriter man = new java.io.StringWriter();
    picocli.codegen.docgen.manpage.ManPageGenerator.writeSingleManPage(
        new java.io.PrintWriter(man, true), command.getSubcommands().get("list").getCommandSpec());
    assertThat(man.toString()).contains("--sort-by", "--no-headers", "--color", "--interval");
  }

  // ---- YAML back to its nodes ------------------------------------------------------------------

  private static Node compose(String yaml) {
    return new Compose(LoadSettings.builder().build()).composeString(yaml).orElseThrow();
  }

  private static Node item(Node sequence, int index) {
    return ((SequenceNode) sequence).getValue().get(index);
  }

  private static Node member(Node mapping, String name) {
    for (NodeTuple tuple : ((MappingNode) mapping).getValue()) {
      if (((ScalarNode) tuple.getKeyNode()).getValue().equals(name)) {
        return tuple.getValueNode();
      }
    }
    throw new AssertionError("no " + name);
  }

  /** The YAML holds exactly the JSON: same members in order, same scalars, numbers as text. */
  private static void assertSameData(JsonElement json, Node yaml) {
    if (json.isJsonObject()) {
      List<NodeTuple> tuples = ((MappingNode) yaml).getValue();
      List<String> keys = json.getAsJsonObject().keySet().stream().toList();
      assertThat(tuples).hasSize(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        assertThat(((ScalarNode) tuples.get(i).getKeyNode()).getValue()).isEqualTo(keys.get(i));
        assertSameData(json.getAsJsonObject().get(keys.get(i)), tuples.get(i).getValueNode());
      }
    } else if (json.isJsonArray()) {
      List<Node> items = ((SequenceNode) yaml).getValue();
      assertThat(items).hasSize(json.getAsJsonArray().size());
      for (int i = 0; i < items.size(); i++) {
        assertSameData(json.getAsJsonArray().get(i), items.get(i));
      }
    } else if (json.isJsonNull()) {
      assertThat(yaml.getTag()).isEqualTo(Tag.NULL);
    } else {
      JsonPrimitive primitive = json.getAsJsonPrimitive();
      ScalarNode scalar = (ScalarNode) yaml;
      if (primitive.isNumber()) {
        assertThat(new java.math.BigDecimal(scalar.getValue()))
            .isEqualByComparingTo(primitive.getAsString());
      } else {
        assertThat(scalar.getValue()).isEqualTo(primitive.getAsString());
      }
      Tag expected =
          primitive.isBoolean()
              ? Tag.BOOL
              : primitive.isString()
                  ? Tag.STR
                  : primitive.getAsString().matches("-?[0-9]+") ? Tag.INT : Tag.FLOAT;
      assertThat(scalar.getTag()).as(scalar.getValue()).isEqualTo(expected);
    }
  }
}
