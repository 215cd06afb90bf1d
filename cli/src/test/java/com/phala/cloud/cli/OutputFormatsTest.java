package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The table, JSON and CSV outputs. */
class OutputFormatsTest extends ApiServer {
  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\\R"));
  }

  /** The full example plus an unknown top-level field, an unknown nested one and exact numbers. */
  private static String payloadWithUnknownFieldsAndExactNumbers() {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    String first = cvms.get(0).toString();
    String changed =
        first.substring(0, first.length() - 1)
            + ",\"future_field\":{\"price_per_hour\":1.50,\"big\":123456789012345678901234567890,"
            + "\"tiny\":1e-7,\"list\":[1769815500123,-0.0,null,true,\"\\u2603 snow\"]},\"gpu_ratio\":1.50}";
    return "[" + changed + "," + cvms.get(1) + "," + cvms.get(2) + "]";
  }

  @Test
  void tableIsTheDefaultWithAlignedColumnsOfTheExample() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).split("\\s+"))
        .containsExactly(
            "NAME", "STATUS", "UPTIME", "VCPU", "MEMORY_MB", "DISK_GB", "NODE", "PROJECT_ID");
    assertThat(lines.get(1))
        .contains(
            "inference-gateway",
            "running",
            "1day 3h 4m 2s",
            "8192",
            "40",
            "prod5-us-west",
            "prj_7Kd2mQ9xR4");
    assertThat(lines.get(2))
        .contains("gpu-trainer", "stopped", "0s", "196608", "500", "h200-eu-1", "prj_Zx81vNc3Lq");
    assertThat(lines.get(3))
        .contains("staging-api", "starting", "2h 30m 5s", "4096", "20", "prj_7Kd2mQ9xR4");
    // Aligned: each column starts at the same position on every line (text left, numbers right).
    for (String column : List.of("STATUS", "UPTIME", "NODE", "PROJECT_ID")) {
      int at = lines.get(0).indexOf(column);
      for (String line : lines.subList(1, 4)) {
        assertThat(line.charAt(at - 1)).as(column + " in\n" + result.out()).isEqualTo(' ');
        assertThat(line.charAt(at - 2)).as(column + " in\n" + result.out()).isEqualTo(' ');
      }
    }
    assertThat(lines.get(1).indexOf("running")).isEqualTo(lines.get(0).indexOf("STATUS"));
    assertThat(lines.get(2).indexOf("stopped")).isEqualTo(lines.get(0).indexOf("STATUS"));
    assertThat(lines.get(1).indexOf("prod5-us-west")).isEqualTo(lines.get(0).indexOf("NODE"));
    assertThat(lines.get(1).indexOf("prj_7Kd2mQ9xR4"))
        .isEqualTo(lines.get(0).indexOf("PROJECT_ID"));
    int memoryEnd = lines.get(0).indexOf("MEMORY_MB") + "MEMORY_MB".length();
    assertThat(lines.get(1).substring(0, memoryEnd)).endsWith(" 8192");
    assertThat(lines.get(2).substring(0, memoryEnd)).endsWith(" 196608");
    int vcpuEnd = lines.get(0).indexOf("VCPU") + "VCPU".length();
    assertThat(lines.get(1).substring(0, vcpuEnd)).endsWith(" 4");
    assertThat(lines.get(2).substring(0, vcpuEnd)).endsWith(" 24");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void tableOfTheMinimalExample() {
    serveExample("cvms-minimal.json");

    Cli.Result result = Cli.list(baseUrl(), "-o", "table");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).split("\\s+")).containsExactly("hello-world", "running", "24h");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "  [ ]\n"})
  void emptyListIsAPlainNoCvmsLine(String body) {
    serve(body);

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("No CVMs" + System.lineSeparator());
    assertThat(result.err()).isEmpty();
  }

  @Test
  void tableKeepsEachCvmOnOneLine() {
    serve(
        "[{\"hosted\":{\"id\":\"a\",\"name\":\"x\",\"status\":\"running\",\"uptime\":\"1m\",\"app_id\":\"b\"},"
            + "\"name\":\"evil\\nname\\u001b[2J\\r\\tok\",\"status\":\"running\",\"public_urls\":[]}]");

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(lines(result.out())).hasSize(2);
    assertThat(result.out()).doesNotContain("\u001b", "\r", "\t");
  }

  @Test
  void aStatusStaysReadableWhenInProgressBreaksTheContract() {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    // Booleans as 0 and 1, as some backends send them.
    cvms.get(0).getAsJsonObject().addProperty("in_progress", 0);
    cvms.get(2).getAsJsonObject().addProperty("in_progress", 1);
    serve(cvms.toString());

    Cli.Result table = Cli.list(baseUrl());
    Cli.Result csv = Cli.list(baseUrl(), "-o", "csv", "--columns", "name,status");

    assertThat(table.exitCode()).as(table.toString()).isZero();
    List<String> lines = lines(table.out());
    assertThat(lines.get(1).split("\\s+")[1]).isEqualTo("running");
    assertThat(lines.get(3).split("\\s+")[1]).isEqualTo("starting");
    assertThat(csv.out()).contains("inference-gateway,running", "staging-api,starting");
  }

  private static String cvm(String name, String status) {
    JsonObject cvm =
        JsonParser.parseString(
                "{\"hosted\":{\"id\":\"a\",\"name\":\"x\",\"status\":\"running\","
                    + "\"uptime\":\"1m\",\"app_id\":\"b\"},\"status\":\"running\",\"public_urls\":[],\"vcpu\":2}")
            .getAsJsonObject();
    cvm.addProperty("name", name);
    cvm.addProperty("status", status);
    return cvm.toString();
  }

  @Test
  void tableCutsLongNamesAndStaysAligned() {
    String longName = "a-very-long-cvm-name-that-goes-on-and-on-and-on-forever";
    serve("[" + cvm(longName, "running") + "," + cvm("short", "stopped") + "]");

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    assertThat(lines.get(1)).startsWith(longName.substring(0, 37) + "...  running");
    int status = lines.get(0).indexOf("STATUS");
    assertThat(status).isEqualTo(42);
    assertThat(lines.get(2).indexOf("stopped")).isEqualTo(status);
  }

  @Test
  void tableNeverCutsACharacterInHalf() {
    String name = "a".repeat(36) + "\uD83D\uDE00".repeat(5);
    serve("[" + cvm(name, "running") + "," + cvm("\u00e9t\u00e9-\uD83D\uDE80", "stopped") + "]");

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    String shown = lines.get(1).substring(0, lines.get(1).indexOf("..."));
    assertThat(shown.codePoints().allMatch(c -> !Character.isSurrogate((char) c) || c > 0xFFFF))
        .as("no lone surrogate in %s", shown)
        .isTrue();
    assertThat(shown).startsWith("a".repeat(36));
    // Columns are aligned by the columns a terminal gives each character (an emoji takes two),
    // not by UTF-16 units nor by code points: the row of "été-🚀" is padded one space less.
    int status = lines.get(0).indexOf("STATUS");
    assertThat(lines.get(1).codePointCount(0, lines.get(1).indexOf("running"))).isEqualTo(status);
    assertThat(lines.get(2).codePointCount(0, lines.get(2).indexOf("stopped")) + 1)
        .isEqualTo(status);
  }

  @Test
  void jsonIsExactlyTheServedArray() {
    String payload = payloadWithUnknownFieldsAndExactNumbers();
    serve(payload);

    Cli.Result result = Cli.list(baseUrl(), "--output", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(JsonParser.parseString(result.out())).isEqualTo(JsonParser.parseString(payload));
    assertThat(result.out())
        .contains(
            "\"timestamp\":1769815500123",
            "\"price_per_hour\":1.50",
            "\"gpu_ratio\":1.50",
            "123456789012345678901234567890",
            "1e-7",
            "-0.0",
            "\u2603 snow",
            "\"future_field\"");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void jsonOfTheExampleFileIsItsTree() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "-o", "JSON");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(JsonParser.parseString(result.out()))
        .isEqualTo(JsonParser.parseString(example("cvms-full.json")));
  }

  @Test
  void jsonKeepsHtmlCharactersAndEscapesAsValues() {
    String payload =
        "[{\"hosted\":{\"id\":\"a\",\"name\":\"<b>&'x'</b>\",\"status\":\"running\",\"uptime\":\"1m\","
            + "\"app_id\":\"b\"},\"name\":\"quote \\\" backslash \\\\ newline \\n\",\"status\":\"running\","
            + "\"public_urls\":[],\"weird\":{\"\":\"empty key\",\"dup\":1}}]";
    serve(payload);

    Cli.Result result = Cli.list(baseUrl(), "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(JsonParser.parseString(result.out())).isEqualTo(JsonParser.parseString(payload));
    assertThat(result.out()).contains("<b>&'x'</b>");
  }

  @Test
  void jsonOfAnEmptyListIsAnEmptyArray() {
    serve("[]");

    Cli.Result result = Cli.list(baseUrl(), "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(JsonParser.parseString(result.out())).isEqualTo(new JsonArray());
  }

  @Test
  void jsonPutsOneCvmPerLine() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "-o", "json");

    List<String> cvmLines =
        lines(result.out()).stream()
            .filter(line -> line.startsWith("{\"hosted\""))
            .collect(Collectors.toList());
    assertThat(cvmLines).hasSize(3);
  }

  @Test
  void csvHasAHeaderAndOneQuotedRowPerCvm() throws IOException {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    JsonObject tricky = cvms.get(1).getAsJsonObject();
    String name = "team, \"ml\"\nnightly";
    tricky.addProperty("name", name);
    serve(cvms.toString());

    Cli.Result result = Cli.list(baseUrl(), "-o", "csv");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<CSVRecord> records;
    try (CSVParser parser =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(result.out()))) {
      assertThat(parser.getHeaderNames())
          .startsWith(
              "name", "status", "uptime", "vcpu", "memory_mb", "disk_gb", "node", "project_id");
      records = parser.getRecords();
    }
    assertThat(records).hasSize(3);
    assertThat(records.get(0).get("name")).isEqualTo("inference-gateway");
    assertThat(records.get(0).get("status")).isEqualTo("running");
    assertThat(records.get(0).get("uptime")).isEqualTo("1day 3h 4m 2s");
    assertThat(records.get(0).get("vcpu")).isEqualTo("4");
    assertThat(records.get(0).get("memory_mb")).isEqualTo("8192");
    assertThat(records.get(0).get("disk_gb")).isEqualTo("40");
    assertThat(records.get(0).get("node")).isEqualTo("prod5-us-west");
    assertThat(records.get(0).get("project_id")).isEqualTo("prj_7Kd2mQ9xR4");
    assertThat(records.get(1).get("name")).isEqualTo(name);
    assertThat(records.get(1).get("memory_mb")).isEqualTo("196608");
    assertThat(records.get(2).get("name")).isEqualTo("staging-api");
    assertThat(records.get(2).get("node")).isEmpty();
    for (CSVRecord record : records) {
      assertThat(record.size()).isEqualTo(parserHeaderSize(result.out()));
    }
  }

  private static int parserHeaderSize(String csv) {
    return csv.substring(0, csv.indexOf('\n')).split(",").length;
  }

  @Test
  void csvOfAnEmptyListIsJustTheHeader() throws IOException {
    serve("[]");

    Cli.Result result = Cli.list(baseUrl(), "-o", "csv");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(result.out()))) {
      List<CSVRecord> records = parser.getRecords();
      assertThat(records).hasSize(1);
      assertThat(records.get(0).get(0)).isEqualTo("name");
    }
  }

  @Test
  void csvAndTableShowAQuestionMarkForAFieldOfTheWrongType() {
    serve(
        "[{\"hosted\":{\"id\":\"a\",\"name\":\"x\",\"status\":\"running\",\"uptime\":\"1m\",\"app_id\":\"b\"},"
            + "\"name\":\"odd\",\"status\":\"running\",\"public_urls\":[],\"vcpu\":\"four\"}]");

    Cli.Result table = Cli.list(baseUrl());
    Cli.Result csv = Cli.list(baseUrl(), "-o", "csv");

    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(lines(table.out()).get(1)).contains("odd", "?");
    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    assertThat(lines(csv.out()).get(1)).startsWith("odd,running,1m,?");
  }

  @Test
  void outputFormatNameIgnoresCase() {
    serveExample("cvms-minimal.json");

    assertThat(Cli.list(baseUrl(), "-o", "Csv").out()).startsWith("name,status");
    assertThat(Cli.list(baseUrl(), "--output", "TABLE").out()).startsWith("NAME");
  }
}
