package com.phala.cloud.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.phala.cloud.cli.Cli.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code phala-cvms check}: the response against the contract, through the library's rules. */
class CheckCommandTest extends ApiServer {
  /**
   * The legacy full example, drifted: CVM 0 gains an unknown top-level field and an unknown nested
   * one, a malformed project id, a mistyped vcpu and an out-of-enum GPU attach mode; CVM 1 loses
   * its name and gains the same unknown field; CVM 2 carries a null status.
   */
  private static String drifted() {
    JsonArray cvms = JsonParser.parseString(example("cvms-full.json")).getAsJsonArray();
    JsonObject first = cvms.get(0).getAsJsonObject();
    first.addProperty("region", "eu-west");
    first.getAsJsonObject("hosted").add("machine_info", JsonParser.parseString("{\"cpu\":4}"));
    first.addProperty("project_id", "project-123");
    first.addProperty("vcpu", "four");
    first
        .getAsJsonObject("hosted")
        .getAsJsonObject("configuration")
        .getAsJsonObject("gpus")
        .addProperty("attach_mode", "some");
    JsonObject second = cvms.get(1).getAsJsonObject();
    second.remove("name");
    second.addProperty("region", "us-east");
    cvms.get(2).getAsJsonObject().add("status", com.google.gson.JsonNull.INSTANCE);
    return cvms.toString();
  }

  private static Cli.Result check(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("check", "--base-url", baseUrl(), "--api-key", SECRET_KEY));
    args.addAll(Arrays.asList(extra));
    return Cli.run(Map.of(), args.toArray(String[]::new));
  }

  @ParameterizedTest
  @CsvSource({
    "cvms-full.json, 2025-10-28, 3",
    "cvms-minimal.json, 2025-10-28, 1",
    "cvminfos-full.json, 2026-06-23, 3",
    "cvminfos-minimal.json, 2026-01-21, 1"
  })
  void theContractsOwnExamplesMatch(String example, String version, int count) {
    serveExample(example);

    Cli.Result result = check("--api-version", version);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().strip())
        .isEqualTo(
            "OK: "
                + count
                + (count == 1 ? " CVM matches" : " CVMs match")
                + " the contract (X-Phala-Version "
                + version
                + ").");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void driftIsReportedFindingByFindingWithItsOwnExitCode() {
    serve(drifted());

    Cli.Result result = check();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DRIFT).isEqualTo(6);
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).matches("KIND +PATH +CVMS +SAMPLE");
    assertThat(lines)
        .anySatisfy(
            line -> assertThat(line).matches("unknown_field +\\$\\[\\*]\\.region +2/3 +string"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("unknown_field +\\$\\[\\*]\\.hosted\\.machine_info +1/3 +object"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("missing +\\$\\[\\*]\\.name +1/3 +\\$\\[1]\\.name is missing.*"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("null +\\$\\[\\*]\\.status +1/3 +\\$\\[2]\\.status is null.*"))
        .anySatisfy(line -> assertThat(line).matches("wrong_type +\\$\\[\\*]\\.vcpu +1/3 .*"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches("malformed_id +\\$\\[\\*]\\.project_id +1/3 .*project-123.*"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        "not_in_enum +\\$\\[\\*]\\.hosted\\.configuration\\.gpus\\.attach_mode"
                            + " +1/3 .*"));
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "DRIFT: 7 findings (2 unknown_field, 1 not_in_enum, 1 malformed_id, 1 wrong_type,"
                + " 1 missing, 1 null) in 3 of 3 CVMs checked against the contract"
                + " (X-Phala-Version 2025-10-28).");
    assertThat(result.printed()).doesNotContain(SECRET_KEY);
  }

  @Test
  void theJsonReportIsMachineReadable() {
    serve(drifted());

    Cli.Result result = check("-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DRIFT);
    JsonObject report = JsonParser.parseString(result.out()).getAsJsonObject();
    assertThat(report.get("matches").getAsBoolean()).isFalse();
    assertThat(report.get("api_version").getAsString()).isEqualTo("2025-10-28");
    assertThat(report.get("cvms_checked").getAsInt()).isEqualTo(3);
    assertThat(report.get("cvms_with_drift").getAsInt()).isEqualTo(3);
    assertThat(report.getAsJsonObject("counts").get("unknown_field").getAsInt()).isEqualTo(2);
    Map<String, JsonObject> byPath = new HashMap<>();
    for (JsonElement finding : report.getAsJsonArray("findings")) {
      byPath.put(
          finding.getAsJsonObject().get("kind").getAsString()
              + " "
              + finding.getAsJsonObject().get("path").getAsString(),
          finding.getAsJsonObject());
    }
    assertThat(byPath)
        .containsOnlyKeys(
            "unknown_field $[*].region",
            "unknown_field $[*].hosted.machine_info",
            "malformed_id $[*].project_id",
            "wrong_type $[*].vcpu",
            "not_in_enum $[*].hosted.configuration.gpus.attach_mode",
            "missing $[*].name",
            "null $[*].status");
    JsonObject region = byPath.get("unknown_field $[*].region");
    assertThat(region.get("cvms").getAsInt()).isEqualTo(2);
    assertThat(region.get("sample_type").getAsString()).isEqualTo("string");
    assertThat(region.get("example_path").getAsString()).isEqualTo("$[0].region");
    JsonObject name = byPath.get("missing $[*].name");
    assertThat(name.get("example_path").getAsString()).isEqualTo("$[1].name");
    assertThat(name.get("detail").getAsString())
        .isEqualTo("$[1].name is missing but the contract requires it.");
    assertThat(report.get("summary").getAsString()).startsWith("DRIFT: 7 findings");
  }

  @Test
  void theJsonReportOfAMatchingResponse() {
    serveExample("cvms-full.json");

    Cli.Result result = check("-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonObject report = JsonParser.parseString(result.out()).getAsJsonObject();
    assertThat(report.get("matches").getAsBoolean()).isTrue();
    assertThat(report.getAsJsonArray("findings")).isEmpty();
    assertThat(report.get("cvms_checked").getAsInt()).isEqualTo(3);
  }

  @Test
  void filtersPickTheCvmsChecked() {
    serve(drifted());

    Cli.Result result = check("--status", "stopped");

    // CVM 1 (stopped) lost its name and carries region; CVM 0's drift is not looked at.
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.DRIFT);
    assertThat(result.out()).contains("1 of 1 CVMs").doesNotContain("project_id", "vcpu");
  }

  @Test
  void refusedCredentialsExit3() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(json(401, "{\"detail\":\"Invalid API key\",\"error_code\":\"AUTH_001\"}")));

    Cli.Result result = check();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("phala-cvms: ").doesNotContain(SECRET_KEY);
  }

  @Test
  void anUnknownOutputIsUsageAndNothingIsSent() {
    Cli.Result result = check("-o", "yaml");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--output must be text or json");
    assertThat(requests()).isEmpty();
  }

  @Test
  void theSandboxMatchesTheContractInBothShapes() {
    assertThat(Cli.run("check", "--sandbox").exitCode()).isZero();
    Cli.Result result = Cli.run("check", "--sandbox", "--api-version", "2026-06-23");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("X-Phala-Version 2026-06-23");
  }
}
