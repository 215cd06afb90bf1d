package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * What --columns and --sort-by take besides JSON paths (the table's headers, every item by {@code
 * *}), and what csv carries: values as sent, never the table's marks.
 */
class FieldNamesTest extends ApiServer {
  private static final String JSON_PATHS_HINT = "public_urls.0.app";

  private static List<CSVRecord> csv(String text) throws IOException {
    return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
  }

  @Test
  void csvCarriesTheStatusAsSentWithoutTheTablesInProgressMark() throws IOException {
    serveExample("cvms-full.json");

    Cli.Result table = Cli.list(baseUrl());
    Cli.Result csv = Cli.list(baseUrl(), "-o", "csv");

    assertThat(table.out()).contains("starting*");
    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    assertThat(csv.out()).doesNotContain("*");
    assertThat(csv(csv.out()).get(3).get(1)).isEqualTo("starting");
  }

  @Test
  void csvOfTheHeaderStatusIsAsSentToo() throws IOException {
    serveExample("cvms-full.json");

    Cli.Result csv = Cli.list(baseUrl(), "-o", "csv", "--columns", "name,STATUS");

    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    assertThat(csv(csv.out()).get(3).get(1)).isEqualTo("starting");
  }

  @Test
  void everyItemByStarIsTheirValuesJoinedByCommas() throws IOException {
    String two =
        example("cvms-full.json")
            .replaceFirst(
                "\"public_urls\": \\[",
                "\"public_urls\": [{\"app\": \"https://second.example\", \"instance\": \"i\"},");
    serve(two);

    Cli.Result csv = Cli.list(baseUrl(), "-o", "csv", "--columns", "name,public_urls.*.app");

    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    List<CSVRecord> rows = csv(csv.out());
    assertThat(rows.get(0).toList()).containsExactly("name", "public_urls.*.app");
    assertThat(rows.get(1).get(1))
        .isEqualTo(
            "https://second.example,https://e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f-8080.dstack-prod5.phala.network");
    assertThat(rows.get(2).get(1)).as("no public URL").isEmpty();
    assertThat(rows.get(3).get(1)).startsWith("https://c0ffee00");
  }

  @Test
  void theTablesHeadersNameTheirColumnsInAnyCase() throws IOException {
    serveExample("cvms-full.json");

    Cli.Result csv = Cli.list(baseUrl(), "-o", "csv", "--columns", "name,Uptime,MEMORY_MB,disk_gb");
    Cli.Result table = Cli.list(baseUrl(), "--columns", "name,uptime", "--no-headers");

    assertThat(csv.exitCode()).as(csv.toString()).isZero();
    List<CSVRecord> rows = csv(csv.out());
    assertThat(rows.get(0).toList()).containsExactly("name", "uptime", "memory_mb", "disk_gb");
    assertThat(rows.get(1).toList())
        .containsExactly("inference-gateway", "1day 3h 4m 2s", "8192", "40");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).contains("inference-gateway  1day 3h 4m 2s");
  }

  @Test
  void aNameCloseToNothingIsRefusedWithTheWayToTheList() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "--sort-by", "zzzzzzzzzzzzzzzzzz");
    Cli.Result empty = Cli.list(baseUrl(), "--sort-by", "");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.errLines())
        .containsExactly(
            "phala-cvms: --sort-by: unknown field 'zzzzzzzzzzzzzzzzzz'. 'phala-cvms list --help'"
                + " lists the table's headers and the JSON paths.");
    assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(2);
    assertThat(empty.err()).contains("unknown field ''.").doesNotContain("did you mean");
  }

  @Test
  void aJsonPathWinsOverAHeaderOfTheSameName() throws IOException {
    serveExample("cvms-full.json");

    Cli.Result csv = Cli.list(baseUrl(), "-o", "csv", "--columns", "node");

    assertThat(csv(csv.out()).get(1).get(0)).startsWith("{\"id\":12,");
  }

  @Test
  void sortByATableHeaderSortsByItsColumnNumbersAsNumbersDurationsAsDurations() {
    serveExample("cvms-full.json");

    Cli.Result byMemory = Cli.list(baseUrl(), "-o", "name", "--sort-by", "memory_mb");
    Cli.Result byUptime = Cli.list(baseUrl(), "-o", "name", "--sort-by", "UPTIME");

    assertThat(byMemory.exitCode()).as(byMemory.toString()).isZero();
    assertThat(byMemory.out()).isEqualTo("staging-api\ninference-gateway\ngpu-trainer\n");
    assertThat(byUptime.exitCode()).as(byUptime.toString()).isZero();
    assertThat(byUptime.out()).isEqualTo("gpu-trainer\nstaging-api\ninference-gateway\n");
  }

  @Test
  void theCurrentShapesHeadersNameItsColumns() {
    serveExample("cvminfos-full.json");

    Cli.Result result =
        Cli.list(
            baseUrl(),
            "--api-version",
            "2026-06-23",
            "-o",
            "csv",
            "--columns",
            "workspace,created");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("workspace,created\r\n");
  }

  @Test
  void aTypoGetsTheThreeClosestNamesInOneLineAndTheHelpListsThemAll() {
    serveExample("cvms-full.json");

    Cli.Result typo = Cli.list(baseUrl(), "--columns", "uptim");
    Cli.Result help = Cli.run("list", "--help");

    assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(2);
    String line = typo.errLines().get(0);
    assertThat(line)
        .contains("'uptim'", "did you mean uptime", "hosted.uptime")
        .hasSizeLessThan(300);
    assertThat(line.split(" or |, ")).hasSizeLessThanOrEqualTo(4);
    assertThat(help.out())
        .contains("memory_mb", "hosted.uptime", "resource.memory_in_gb", JSON_PATHS_HINT, "*");
    // Every name whole on a line, and no line past 80 columns.
    for (String path :
        List.of("kms_info.dstack_app_address", "hosted.configuration.compose_file.name")) {
      assertThat(help.out().lines())
          .anyMatch(helpLine -> helpLine.matches(".* " + Pattern.quote(path) + "(,.*|$)"));
    }
    assertThat(help.out().lines()).allMatch(helpLine -> helpLine.length() <= 80);
    assertThat(requests()).as("nothing sent").isEmpty();
  }
}
