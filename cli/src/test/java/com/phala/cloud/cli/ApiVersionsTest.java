package com.phala.cloud.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.phala.cloud.cli.Cli.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --api-version} picks the shape of the list; {@code --workspace} picks the workspace. */
class ApiVersionsTest extends ApiServer {
  private static final String CVM_INFOS = "cvminfos-full.json";

  private static List<String> lines(String text) {
    return Arrays.asList(text.split("\\R"));
  }

  /** {@code list} against the stand-in with the test key and {@code environment}. */
  private static Cli.Result listWithEnvironment(Map<String, String> environment, String... extra) {
    List<String> args =
        new ArrayList<>(List.of("list", "--base-url", baseUrl(), "--api-key", SECRET_KEY));
    args.addAll(Arrays.asList(extra));
    return Cli.run(environment, args.toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-21", "2026-05-22", "2026-06-23", "2026-11-11"})
  void aLaterVersionIsSentAndItsShapeRead(String version) {
    serveExample(CVM_INFOS);

    Cli.Result result = Cli.list(baseUrl(), "--api-version", version, "-o", "csv");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("name,status,created_at,");
    api.verify(
        1, getRequestedFor(urlPathEqualTo(CVMS)).withHeader("X-Phala-Version", equalTo(version)));
  }

  @Test
  void jsonOfTheNewShapeIsEveryCvmExactlyAsSent() {
    serveExample(CVM_INFOS);

    Cli.Result result = Cli.list(baseUrl(), "--api-version", "2026-06-23", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonArray printed = JsonParser.parseString(result.out()).getAsJsonArray();
    JsonArray sent = JsonParser.parseString(example(CVM_INFOS)).getAsJsonArray();
    assertThat(printed.size()).isEqualTo(sent.size()).isEqualTo(3);
    for (int i = 0; i < sent.size(); i++) {
      JsonElement cvm = printed.get(i);
      assertThat(cvm).as("CVM %d", i).isEqualTo(sent.get(i));
    }
    // Numbers as sent, not as a double would print them.
    assertThat(result.out()).contains("\"memory_in_gb\":4.0", "\"chain_id\":8453");
    // One CVM per line.
    assertThat(lines(result.out()).stream().filter(line -> line.startsWith("{\"id\":\"cvm_")))
        .hasSize(3);
    assertThat(result.err()).isEmpty();
  }

  @Test
  void tableOfTheNewShapeShowsRealValues() {
    serveExample(CVM_INFOS);

    Cli.Result result = Cli.list(baseUrl(), "--api-version", "2026-06-23");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<String> lines = lines(result.out());
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).split("\\s+"))
        .containsExactly(
            "NAME", "STATUS", "CREATED", "VCPU", "MEMORY_GB", "DISK_GB", "REGION", "WORKSPACE");
    assertThat(lines.get(1).split("\\s+"))
        .containsExactly(
            "inference-gateway", "running", "2026-02-14", "2", "4", "40", "us-west", "Acme", "AI");
    assertThat(lines.get(2).split("\\s+"))
        .containsExactly(
            "gpu-trainer", "stopped", "2025-11-03", "24", "192", "500", "us-east", "Acme", "AI");
    assertThat(lines.get(3).split("\\s+"))
        .containsExactly(
            "chain-indexer",
            "starting*",
            "2026-03-02",
            "4",
            "8.5",
            "80",
            "eu-central",
            "Indexer",
            "Labs");
    for (String line : lines) {
      assertThat(line.split("\\s+")).as(line).doesNotContain("?");
    }
    // Aligned: text left, numbers right.
    int region = lines.get(0).indexOf("REGION");
    assertThat(lines.get(3).indexOf("eu-central")).isEqualTo(region);
    int memoryEnd = lines.get(0).indexOf("MEMORY_GB") + "MEMORY_GB".length();
    assertThat(lines.get(2).substring(0, memoryEnd)).endsWith(" 192");
    assertThat(lines.get(3).substring(0, memoryEnd)).endsWith(" 8.5");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void csvOfTheNewShapeHasItsColumns() throws IOException {
    serveExample(CVM_INFOS);

    Cli.Result result = Cli.list(baseUrl(), "--api-version", "2026-06-23", "-o", "csv");

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
          .containsExactly(
              "name",
              "status",
              "created_at",
              "vcpu",
              "memory_gb",
              "disk_gb",
              "region",
              "workspace_id",
              "app_id",
              "cvm_id",
              "public_url",
              "hourly_rate");
      records = parser.getRecords();
    }
    assertThat(records).hasSize(3);
    CSVRecord first = records.get(0);
    assertThat(first.toList())
        .containsExactly(
            "inference-gateway",
            "running",
            "2026-02-14T09:30:12Z",
            "2",
            "4.0",
            "40",
            "us-west",
            "wks_9XbT3mPq",
            "e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f",
            "cvm_7Kp2xQ9mRbT4",
            "https://e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f-8080.dstack-prod5.phala.network",
            "0.0690");
    assertThat(records.get(1).get("created_at")).isEqualTo("2025-11-03T17:45:00.123456Z");
    assertThat(records.get(1).get("public_url")).isEmpty();
    assertThat(records.get(2).get("status")).isEqualTo("starting");
    assertThat(records.get(2).get("memory_gb")).isEqualTo("8.5");
    assertThat(records.get(2).get("workspace_id")).isEqualTo("wks_2LpV7nKs");
    for (CSVRecord record : records) {
      assertThat(record.toList()).doesNotContain("?");
    }
  }

  @Test
  void statusFilterWorksOnTheNewShape() {
    serveExample(CVM_INFOS);

    Cli.Result result =
        Cli.list(
            baseUrl(),
            "--api-version",
            "2026-06-23",
            "-o",
            "csv",
            "--status",
            "STOPPED",
            "--status",
            "starting");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(lines(result.out())).hasSize(3);
    assertThat(result.out())
        .contains("gpu-trainer", "chain-indexer")
        .doesNotContain("inference-gateway");
  }

  @Test
  void projectWithANewVersionIsRefused() {
    serveExample(CVM_INFOS);

    Cli.Result result =
        Cli.list(baseUrl(), "--api-version", "2026-06-23", "--project", "prj_7Kd2mQ9xR4");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("phala-cvms: ")
        .contains("--project", "2025-10-28", "2026-06-23")
        .doesNotContain("\tat ");
    assertThat(requests()).isEmpty();
  }

  @Test
  void projectStillWorksWithTheLegacyVersionNamed() {
    serveExample("cvms-full.json");

    Cli.Result result =
        Cli.list(
            baseUrl(), "--api-version", "2025-10-28", "-o", "csv", "--project", "prj_Zx81vNc3Lq");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(lines(result.out())).hasSize(2);
    assertThat(result.out()).contains("gpu-trainer");
  }

  @Test
  void unknownVersionIsRefusedWithTheKnownOnes() {
    Cli.Result result = Cli.list(baseUrl(), "--api-version", "2026-02-30");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .startsWith("phala-cvms: --api-version")
        .contains("2026-02-30", "2025-10-28", "2026-01-21", "2026-05-22", "2026-06-23");
    assertThat(requests()).isEmpty();
  }

  @Test
  void noWorkspaceHeaderWithoutWorkspace() {
    serveExample(CVM_INFOS);

    Cli.Result result = Cli.list(baseUrl(), "--api-version", "2026-06-23");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(1, getRequestedFor(urlPathEqualTo(CVMS)).withHeader("X-Phala-Workspace", absent()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-10-28", "2026-06-23"})
  void workspaceOptionIsSentAsXPhalaWorkspace(String version) {
    serveExample(version.equals("2025-10-28") ? "cvms-full.json" : CVM_INFOS);

    Cli.Result result =
        Cli.list(baseUrl(), "--api-version", version, "--workspace", "wks_9XbT3mPq");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS))
            .withHeader("X-Phala-Workspace", equalTo("wks_9XbT3mPq")));
  }

  @Test
  void workspaceFromTheEnvironment() {
    serveExample(CVM_INFOS);

    Cli.Result result =
        listWithEnvironment(
            Map.of("PHALA_CLOUD_WORKSPACE", "acme-ai"), "--api-version", "2026-06-23");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS)).withHeader("X-Phala-Workspace", equalTo("acme-ai")));
  }

  @Test
  void workspaceOptionWinsOverTheEnvironment() {
    serveExample(CVM_INFOS);

    Cli.Result result =
        listWithEnvironment(
            Map.of("PHALA_CLOUD_WORKSPACE", "acme-ai"),
            "--api-version",
            "2026-06-23",
            "--workspace",
            "wks_2LpV7nKs");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS))
            .withHeader("X-Phala-Workspace", equalTo("wks_2LpV7nKs")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme ai", "wks_1\nX-Evil: 1", "wks_\u0000", "", " ", "caf\u00e9"})
  void badWorkspaceOptionIsRefusedNamingIt(String workspace) {
    Cli.Result result = Cli.list(baseUrl(), "--workspace", workspace);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.err())
        .startsWith(
            "phala-cvms: --workspace: The workspace must be a workspace id (wks_...) or slug")
        .doesNotContain("\tat ");
    assertThat(requests()).isEmpty();
  }

  @Test
  void badWorkspaceInTheEnvironmentIsRefusedNamingTheVariable() {
    Cli.Result result =
        listWithEnvironment(
            Map.of("PHALA_CLOUD_WORKSPACE", "acme ai"), "--api-version", "2026-06-23");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .startsWith("phala-cvms: ")
        .contains("PHALA_CLOUD_WORKSPACE", "'acme ai'")
        .doesNotContain("\tat ");
    assertThat(requests()).isEmpty();
  }
}
