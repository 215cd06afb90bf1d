package com.phala.cloud.cli;

import static com.phala.cloud.cli.Cli.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.phala.cloud.cli.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --sandbox}: an in-process stand-in of the API serving the contract's examples. */
class SandboxTest {
  private static String example() {
    return example("cvms-full.json");
  }

  private static String example(String name) {
    return new String(Sandbox.example(name), StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> get(Sandbox sandbox, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/cvms"));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HttpClient.newHttpClient().send(request.build(), BodyHandlers.ofString());
  }

  @Test
  void sandboxNeedsNoCredentialsAndShowsTheExampleAsATable() {
    Cli.Result result = Cli.run("list", "--sandbox");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String[] lines = result.out().split("\\R");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("NAME");
    assertThat(lines[1])
        .contains("inference-gateway", "running", "prod5-us-west", "prj_7Kd2mQ9xR4");
    assertThat(lines[2]).contains("gpu-trainer", "stopped", "h200-eu-1");
    assertThat(lines[3]).contains("staging-api", "starting");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void sandboxJsonIsTheExampleFile() {
    Cli.Result result = Cli.run("list", "--sandbox", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(JsonParser.parseString(result.out())).isEqualTo(JsonParser.parseString(example()));
    assertThat(result.out()).contains("\"timestamp\":1769815500123");
  }

  @Test
  void sandboxAcceptsItsOwnKeyAndToken() {
    assertThat(Cli.run("list", "--sandbox", "--api-key", Sandbox.API_KEY).exitCode()).isZero();
    assertThat(Cli.run("list", "--sandbox", "--bearer-token", Sandbox.API_KEY).exitCode()).isZero();
  }

  @Test
  void sandboxRefusesAWrongKeyLikeTheRealApi() {
    Cli.Result result = Cli.run("list", "--sandbox", "--api-key", SECRET_KEY);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("phala-cvms: ")
        .contains("401", "Not authenticated", "request id " + Sandbox.REQUEST_ID)
        .doesNotContain("\tat ");
    assertThat(result.printed()).doesNotContain(SECRET_KEY);
  }

  @Test
  void sandboxRefusesAWrongBearerToken() {
    Cli.Result result = Cli.run("list", "--sandbox", "--bearer-token", Cli.SECRET_TOKEN);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(result.printed()).doesNotContain(Cli.SECRET_TOKEN);
  }

  @Test
  void sandboxIgnoresCredentialsAndPrefixInTheEnvironment() {
    Cli.Result result =
        Cli.run(
            Map.of(
                "PHALA_CLOUD_API_KEY",
                SECRET_KEY,
                "PHALA_CLOUD_API_PREFIX",
                "https://cloud-api.phala.com/api/v1"),
            "list",
            "--sandbox",
            "-o",
            "csv");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().split("\\R")).hasSize(4);
  }

  @Test
  void sandboxAppliesTheFilters() {
    Cli.Result result = Cli.run("list", "--sandbox", "--status", "STOPPED", "-o", "csv");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().split("\\R")).hasSize(2);
    assertThat(result.out()).contains("gpu-trainer").doesNotContain("inference-gateway");
  }

  @Test
  void sandboxListensOnLoopbackAndChecksCredentialsLikeTheApi() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (Sandbox sandbox = Sandbox.start()) {
      assertThat(sandbox.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/v1");
      URI cvms = URI.create(sandbox.baseUrl() + "/cvms");

      HttpResponse<String> anonymous =
          http.send(HttpRequest.newBuilder(cvms).build(), BodyHandlers.ofString());
      HttpResponse<String> wrongKey =
          http.send(
              HttpRequest.newBuilder(cvms).header("X-API-Key", "phak_other").build(),
              BodyHandlers.ofString());
      HttpResponse<String> keyAsBearerOfAnotherScheme =
          http.send(
              HttpRequest.newBuilder(cvms)
                  .header("Authorization", "Basic " + Sandbox.API_KEY)
                  .build(),
              BodyHandlers.ofString());
      HttpResponse<String> key =
          http.send(
              HttpRequest.newBuilder(cvms).header("X-API-Key", Sandbox.API_KEY).build(),
              BodyHandlers.ofString());
      HttpResponse<String> token =
          http.send(
              HttpRequest.newBuilder(cvms)
                  .header("Authorization", "Bearer " + Sandbox.API_KEY)
                  .build(),
              BodyHandlers.ofString());

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(wrongKey.statusCode()).isEqualTo(401);
      assertThat(keyAsBearerOfAnotherScheme.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).contains("Not authenticated");
      assertThat(key.statusCode()).isEqualTo(200);
      assertThat(key.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).contains("json"));
      assertThat(JsonParser.parseString(key.body())).isEqualTo(JsonParser.parseString(example()));
      assertThat(token.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void sandboxStillValidatesInput() {
    Cli.Result result = Cli.run("list", "--sandbox", "--project", "nope");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-21", "2026-05-22", "2026-06-23", "2026-11-11"})
  void sandboxJsonOfALaterVersionIsTheCvmInfoExample(String version) {
    Cli.Result result = Cli.run("list", "--sandbox", "--api-version", version, "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(JsonParser.parseString(result.out()))
        .isEqualTo(JsonParser.parseString(example("cvminfos-full.json")));
  }

  @Test
  void sandboxJsonOfTheLegacyVersionNamedIsTheLegacyExample() {
    Cli.Result result = Cli.run("list", "--sandbox", "--api-version", "2025-10-28", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(JsonParser.parseString(result.out())).isEqualTo(JsonParser.parseString(example()));
  }

  @Test
  void sandboxTableOfTheNewShape() {
    Cli.Result result =
        Cli.run("list", "--sandbox", "--api-version", "2026-06-23", "--workspace", "acme-ai");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String[] lines = result.out().split("\\R");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("NAME").contains("CREATED", "REGION", "WORKSPACE");
    assertThat(lines[1]).contains("inference-gateway", "running", "us-west", "Acme AI");
    assertThat(result.out()).doesNotContain(" ? ");
  }

  @Test
  void sandboxServesEachShapeByVersionAndA422ForAnUnknownOne() throws Exception {
    try (Sandbox sandbox = Sandbox.start()) {
      String key = Sandbox.API_KEY;
      HttpResponse<String> none = get(sandbox, "X-API-Key", key);
      HttpResponse<String> legacy = get(sandbox, "X-API-Key", key, "X-Phala-Version", "2025-10-28");
      HttpResponse<String> unknown =
          get(sandbox, "X-API-Key", key, "X-Phala-Version", "2027-01-01");
      HttpResponse<String> unknownWithoutKey = get(sandbox, "X-Phala-Version", "2027-01-01");

      assertThat(none.statusCode()).isEqualTo(200);
      assertThat(JsonParser.parseString(none.body())).isEqualTo(JsonParser.parseString(example()));
      assertThat(legacy.statusCode()).isEqualTo(200);
      assertThat(JsonParser.parseString(legacy.body()))
          .isEqualTo(JsonParser.parseString(example()));
      for (String version : new String[] {"2026-01-21", "2026-05-22", "2026-06-23", "2026-11-11"}) {
        for (String[] credential :
            new String[][] {{"X-API-Key", key}, {"Authorization", "Bearer " + key}}) {
          HttpResponse<String> current =
              get(sandbox, credential[0], credential[1], "X-Phala-Version", version);
          assertThat(current.statusCode()).as(version).isEqualTo(200);
          assertThat(JsonParser.parseString(current.body()))
              .as(version)
              .isEqualTo(JsonParser.parseString(example("cvminfos-full.json")));
        }
      }
      assertThat(unknown.statusCode()).isEqualTo(422);
      assertThat(
              JsonParser.parseString(unknown.body()).getAsJsonObject().get("detail").isJsonArray())
          .isTrue();
      assertThat(unknown.body()).contains("x-phala-version", "2025-10-28", "2026-06-23");
      assertThat(unknownWithoutKey.statusCode()).isEqualTo(401);
    }
  }
}
