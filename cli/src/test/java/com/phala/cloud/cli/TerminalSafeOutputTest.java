package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Server text reaches a terminal: names, statuses and ids in the table, name and CSV outputs carry
 * nothing that would control it (escape sequences, bell, carriage return, Unicode line separators,
 * bidirectional overrides), wide characters keep the table aligned, and YAML stays readable by YAML
 * 1.1 readers.
 */
class TerminalSafeOutputTest extends ApiServer {
  /** Escape sequences (colour, clear screen, window title, clipboard), bell, CR, a C1 CSI. */
  private static final String ESCAPES =
      "\u001b[31mred\u001b[0m\u001b]0;title\u0007\u001b[2J\u001b]52;c;cHduZWQ=\u0007\r\u009b31m";

  /** A line separator, a paragraph separator, and the bidirectional controls that reorder text. */
  private static final String UNICODE_CONTROLS =
      "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c";

  private static final String HOSTILE = "evil" + ESCAPES + UNICODE_CONTROLS + "end";

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\n"));
  }

  /** The example, with the hostile text in every text cell of the default columns. */
  private static String hostileCvms() {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    for (int i = 0; i < cvms.size(); i++) {
      JsonObject cvm = cvms.get(i).getAsJsonObject();
      cvm.addProperty("name", HOSTILE + i);
      cvm.addProperty("status", "running" + ESCAPES);
      cvm.addProperty("project_id", "prj_" + HOSTILE);
      JsonObject hosted = cvm.getAsJsonObject("hosted");
      hosted.addProperty("uptime", "1h" + UNICODE_CONTROLS);
      hosted.addProperty("app_id", HOSTILE);
    }
    return cvms.toString();
  }

  private static void assertNothingControlsTheTerminal(String out, String kept) {
    out.codePoints()
        .filter(c -> kept.indexOf(c) < 0)
        .forEach(
            c ->
                assertThat(Character.isISOControl(c) || UNICODE_CONTROLS.indexOf(c) >= 0)
                    .as("U+%04X in\n%s", c, out)
                    .isFalse());
  }

  @ParameterizedTest
  @ValueSource(strings = {"table", "wide", "name"})
  void tableAndNameCarryNoControlCharacterNorBidiOverride(String format) {
    serve(hostileCvms());

    Cli.Result result = Cli.list(baseUrl(), "-o", format, "--color", "never");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertNothingControlsTheTerminal(result.out(), "\n");
    assertThat(lines(result.out())).hasSize(format.equals("name") ? 3 : 4);
  }

  @Test
  void csvCarriesNoControlCharacterButKeepsItsRows() throws Exception {
    serve(hostileCvms());

    Cli.Result result = Cli.list(baseUrl(), "-o", "csv");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    // CRLF ends a record (RFC 4180); nothing else may control the terminal.
    assertNothingControlsTheTerminal(result.out().replace("\r\n", ""), "");
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .get()
            .parse(new StringReader(result.out()))
            .getRecords();
    assertThat(records).hasSize(3);
    assertThat(records.get(0).get("name"))
        .startsWith("evil?[31mred?[0m?]0;title?")
        .endsWith("end0");
    assertThat(records.get(0).get("status")).startsWith("running?[31mred");
  }

  @Test
  void csvKeepsLineBreaksAndTabsOfAMultiLineCell() throws Exception {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    cvms.get(0).getAsJsonObject().addProperty("name", "two\r\nlines\tand a tab");
    serve(cvms.toString());

    Cli.Result result = Cli.list(baseUrl(), "-o", "csv", "--columns", "name");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<CSVRecord> records =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .get()
            .parse(new StringReader(result.out()))
            .getRecords();
    assertThat(records.get(0).get("name")).isEqualTo("two\nlines\tand a tab");
  }

  @Test
  void tableAlignsWideCharactersByTheColumnsTheyTake() {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    // Two columns per CJK character or emoji, none for a combining accent.
    cvms.get(0).getAsJsonObject().addProperty("name", "\u4e2d\u6587\u540d\u5b57");
    cvms.get(1).getAsJsonObject().addProperty("name", "\uD83D\uDE00\uD83D\uDE80ok");
    cvms.get(2).getAsJsonObject().addProperty("name", "e\u0301te\u0301");
    serve(cvms.toString());

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    int status = lines.get(0).indexOf("STATUS");
    assertThat(columns(lines.get(1), "running")).as(result.out()).isEqualTo(status);
    assertThat(columns(lines.get(2), "stopped")).as(result.out()).isEqualTo(status);
    assertThat(columns(lines.get(3), "starting")).as(result.out()).isEqualTo(status);
  }

  @Test
  void tableCutsWideTextByTheColumnsItTakes() {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    cvms.get(0).getAsJsonObject().addProperty("name", "\u4e2d".repeat(30));
    serve(cvms.toString());

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    // 18 characters of two columns, then "...": 39 columns, within the 40 a cell may take.
    assertThat(lines.get(1)).startsWith("\u4e2d".repeat(18) + "...  running");
    assertThat(lines.get(0).indexOf("STATUS")).isEqualTo(41);
  }

  /** The terminal column where {@code text} starts in {@code line}. */
  private static int columns(String line, String text) {
    String before = line.substring(0, line.indexOf(text));
    int width = 0;
    for (int c : before.codePoints().toArray()) {
      int type = Character.getType(c);
      width +=
          type == Character.NON_SPACING_MARK
              ? 0
              : c >= 0x4e00 && c <= 0x9fff || c >= 0x1F300 && c <= 0x1F6FF ? 2 : 1;
    }
    return width;
  }

  @Test
  void yamlEscapesTheCharactersYaml11ReadersTakeForLineBreaks() {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    String name = "a\u2028b\u2029c\u0085d";
    cvms.get(0).getAsJsonObject().addProperty("name", name);
    cvms.get(0).getAsJsonObject().addProperty("key\u2028with separator", "plain");
    serve(cvms.toString());

    Cli.Result result = Cli.list(baseUrl(), "-o", "yaml");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    // PyYAML, libyaml and go-yaml (yq) break a line at each of these, even inside quotes.
    assertThat(result.out()).doesNotContain("\u2028", "\u2029", "\u0085");
    @SuppressWarnings("unchecked")
    Map<String, Object> first =
        ((List<Map<String, Object>>)
                new Load(LoadSettings.builder().build()).loadFromString(result.out()))
            .get(0);
    assertThat(first).containsEntry("name", name).containsEntry("key\u2028with separator", "plain");
  }
}
