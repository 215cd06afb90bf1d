package com.phala.cloud.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.phala.cloud.cvm.ApiVersion;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command against a stand-in that answers as today's server does: the contract's full examples
 * carry every field Phala's SDKs read beyond the published document ({@code hourly_rate}, {@code
 * gpu_rental_order}, {@code node_info.device_ids}, {@code machine_info}, ...), in both shapes.
 */
class TodaysServerTest extends ApiServer {
  private static final String CURRENT = "cvminfos-full.json";
  private static final String LEGACY = "cvms-full.json";
  private static final String NEWEST = "2026-11-11";

  /** Every version the contract lists, with the example of its shape. */
  static Stream<String[]> versions() {
    return Arrays.stream(ApiVersion.values())
        .map(v -> new String[] {v.value(), v == ApiVersion.V2025_10_28 ? LEGACY : CURRENT});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void checkFindsNoDriftInTodaysAnswerOfEveryVersion(String version, String example) {
    serveExample(example);

    Cli.Result result =
        Cli.run(
            "check",
            "--base-url",
            baseUrl(),
            "--api-key",
            Cli.SECRET_KEY,
            "--api-version",
            version);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .startsWith("OK: 3 CVMs match the contract (X-Phala-Version " + version);
  }

  @Test
  void theNewestVersionListsAsATableAndAsJsonExactlyAsSent() {
    serveExample(CURRENT);

    Cli.Result table = Cli.list(baseUrl(), "--api-version", NEWEST);
    Cli.Result json = Cli.list(baseUrl(), "--api-version", NEWEST, "-o", "json");

    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).contains("inference-gateway", "gpu-trainer", "chain-indexer");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(JsonParser.parseString(json.out()))
        .isEqualTo(JsonParser.parseString(example(CURRENT)));
    assertThat(json.out()).contains("\"total\":\"0.0690\"", "\"agreed_hourly_rate\":\"3.2000\"");
    api.verify(
        2, getRequestedFor(urlPathEqualTo(CVMS)).withHeader("X-Phala-Version", equalTo(NEWEST)));
  }

  @Test
  void wideShowsWhatEachCvmCostsPerHour() {
    serveExample(CURRENT);

    Cli.Result result = Cli.list(baseUrl(), "--api-version", NEWEST, "-o", "wide");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).contains("HOURLY_RATE");
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("inference-gateway", "0.0690"));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("gpu-trainer", "3.5400"));
  }

  @Test
  void theNewFieldsAreColumns() throws IOException {
    serveExample(CURRENT);

    Cli.Result result =
        Cli.list(
            baseUrl(),
            "--api-version",
            NEWEST,
            "-o",
            "csv",
            "--columns",
            "name,hourly_rate.total,gpu_rental_order.sku_code,node_info.device_ids.1.algorithm_version,"
                + "kms_info.k256_pubkey,managed_env,features");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<CSVRecord> rows = csv(result.out());
    assertThat(rows.get(0).toList())
        .containsExactly(
            "inference-gateway",
            "0.0690",
            "",
            "v2",
            "03b8e1d4c7a0f3e6b9d2c5a8f1e4b7d0c3a6f9e2b5d8c1a4f7e0b3d6c9a2f5e8b1",
            "false",
            "[\"kms\",\"tproxy-net\"]");
    assertThat(rows.get(1).get(2)).isEqualTo("h200-141g");
  }

  @Test
  void theLegacyShapesNewFieldsAreColumns() throws IOException {
    serveExample(LEGACY);

    Cli.Result result =
        Cli.list(
            baseUrl(),
            "-o",
            "csv",
            "--columns",
            "name,machine_info.memory,updated_at," + "kms_info.k256_pubkey");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<CSVRecord> rows = csv(result.out());
    assertThat(rows.get(1).toList())
        .containsExactly("gpu-trainer", "196608", "2026-11-28T08:12:09.512Z", "");
  }

  @Test
  void sortingByTheHourlyRateComparesDecimalsAndPutsCvmsWithoutOneLast() throws IOException {
    JsonArray cvms = JsonParser.parseString(example(CURRENT)).getAsJsonArray();
    // As text, "10.5" sorts before "9.25"; as decimals, after. The third CVM has no rate.
    rate(cvms.get(0).getAsJsonObject(), "10.5");
    rate(cvms.get(1).getAsJsonObject(), "9.25");
    JsonObject absent = cvms.get(2).getAsJsonObject();
    absent.remove("hourly_rate");
    serve(cvms.toString());

    Cli.Result result =
        Cli.list(
            baseUrl(),
            "--api-version",
            NEWEST,
            "-o",
            "csv",
            "--columns",
            "name,hourly_rate.total",
            "--sort-by",
            "hourly_rate.total");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(csv(result.out()).stream().map(row -> row.get(0)))
        .containsExactly("gpu-trainer", "inference-gateway", "chain-indexer");
  }

  @Test
  void helpNamesTheNewestVersionAndTheDeprecatedFilters() {
    Cli.Result result = Cli.run("list", "--help");

    assertThat(result.exitCode()).isZero();
    String help = result.out().replaceAll("\\s+", " ");
    assertThat(help).contains(String.join(", ", versions().map(v -> v[0]).toList()));
    assertThat(help).contains("--user-id", "--teepod-id");
    assertThat(help.split("Deprecated: Phala's SDKs refuse it since 2026-07", -1)).hasSize(3);
  }

  private static void rate(JsonObject cvm, String total) {
    JsonObject rate = new JsonObject();
    rate.addProperty("total", total);
    cvm.add("hourly_rate", rate);
  }

  private static List<CSVRecord> csv(String text) throws IOException {
    try (CSVParser parser =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(text))) {
      return parser.getRecords();
    }
  }
}
