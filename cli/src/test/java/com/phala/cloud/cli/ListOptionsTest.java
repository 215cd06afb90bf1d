package com.phala.cloud.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.phala.cloud.cli.Cli.SECRET_KEY;
import static com.phala.cloud.cli.Cli.SECRET_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each option of {@code list}, and the environment, as seen by the server. */
class ListOptionsTest extends ApiServer {

  private static List<String> names(String json) {
    List<String> names = new ArrayList<>();
    for (JsonElement cvm : JsonParser.parseString(json).getAsJsonArray()) {
      names.add(cvm.getAsJsonObject().get("name").getAsString());
    }
    return names;
  }

  @Test
  void apiKeyTravelsAsXApiKeyOnAGetOfTheCvms() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS))
            .withHeader("X-API-Key", equalTo(SECRET_KEY))
            .withHeader("Authorization", absent())
            .withHeader("Accept", containing("application/json"))
            .withHeader("User-Agent", containing("phala-cvms"))
            .withHeader("X-Phala-Version", equalTo("2025-10-28")));
    assertThat(requests()).hasSize(1);
    assertThat(requests().get(0).getRequest().getQueryParams()).isEmpty();
  }

  @Test
  void bearerTokenTravelsAsAuthorizationBearer() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.run("list", "--base-url", baseUrl(), "--bearer-token", SECRET_TOKEN);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS))
            .withHeader("Authorization", equalTo("Bearer " + SECRET_TOKEN))
            .withHeader("X-API-Key", absent()));
  }

  @Test
  void apiKeyFromTheEnvironment() {
    serveExample("cvms-full.json");

    Cli.Result result =
        Cli.run(Map.of("PHALA_CLOUD_API_KEY", SECRET_KEY), "list", "--base-url", baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1, getRequestedFor(urlPathEqualTo(CVMS)).withHeader("X-API-Key", equalTo(SECRET_KEY)));
  }

  @Test
  void bearerTokenFromTheEnvironment() {
    serveExample("cvms-full.json");

    Cli.Result result =
        Cli.run(Map.of("PHALA_OIDC_TOKEN", SECRET_TOKEN), "list", "--base-url", baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS))
            .withHeader("Authorization", equalTo("Bearer " + SECRET_TOKEN))
            .withHeader("X-API-Key", absent()));
  }

  @Test
  void apiKeyOptionWinsOverTheEnvironment() {
    serveExample("cvms-full.json");

    Cli.Result result =
        Cli.run(
            Map.of("PHALA_CLOUD_API_KEY", "phak_from-the-environment"),
            "list",
            "--base-url",
            baseUrl(),
            "--api-key",
            SECRET_KEY);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1, getRequestedFor(urlPathEqualTo(CVMS)).withHeader("X-API-Key", equalTo(SECRET_KEY)));
  }

  @Test
  void bearerTokenOptionWinsOverAnApiKeyInTheEnvironment() {
    serveExample("cvms-full.json");

    Cli.Result result =
        Cli.run(
            Map.of("PHALA_CLOUD_API_KEY", "phak_from-the-environment"),
            "list",
            "--base-url",
            baseUrl(),
            "--bearer-token",
            SECRET_TOKEN);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS))
            .withHeader("Authorization", equalTo("Bearer " + SECRET_TOKEN))
            .withHeader("X-API-Key", absent()));
  }

  @Test
  void apiKeyWinsWhenBothCredentialsAreGiven() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "--bearer-token", SECRET_TOKEN);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS))
            .withHeader("X-API-Key", equalTo(SECRET_KEY))
            .withHeader("Authorization", absent()));
  }

  @Test
  void baseUrlFromTheEnvironment() {
    serveExample("cvms-full.json");

    Cli.Result result =
        Cli.run(
            Map.of("PHALA_CLOUD_API_PREFIX", baseUrl(), "PHALA_CLOUD_API_KEY", SECRET_KEY), "list");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(1, getRequestedFor(urlPathEqualTo(CVMS)));
  }

  @Test
  void baseUrlOptionWinsOverTheEnvironment() throws IOException {
    serveExample("cvms-full.json");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Cli.Result result =
        Cli.run(
            Map.of("PHALA_CLOUD_API_PREFIX", "http://127.0.0.1:" + closedPort + "/api/v1"),
            "list",
            "--base-url",
            baseUrl(),
            "--api-key",
            SECRET_KEY,
            "--max-retries",
            "0");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(1, getRequestedFor(urlPathEqualTo(CVMS)));
  }

  @Test
  void baseUrlWithoutTheApiV1SuffixIsTheServerRoot() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list("http://127.0.0.1:" + api.port());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(1, getRequestedFor(urlPathEqualTo(CVMS)));
  }

  @Test
  void apiVersionIsSentAsXPhalaVersion() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "--api-version", "2025-10-28");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS)).withHeader("X-Phala-Version", equalTo("2025-10-28")));
  }

  @Test
  void withoutApiVersionTheLegacyVersionIsSent() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS)).withHeader("X-Phala-Version", equalTo("2025-10-28")));
  }

  @Test
  void userIdAndTeepodIdAreSentAsQueryParameters() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "--user-id", "usr_0123abcd", "--teepod-id", "12");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS))
            .withQueryParam("user_id", equalTo("usr_0123abcd"))
            .withQueryParam("teepod_id", equalTo("12")));
  }

  @Test
  void userIdZeroMeansCvmsWithoutAnOwner() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "--user-id", "0");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    api.verify(
        1,
        getRequestedFor(urlPathEqualTo(CVMS))
            .withQueryParam("user_id", equalTo("0"))
            .withQueryParam("teepod_id", absent()));
  }

  @Test
  void statusFilterIsRepeatableAndIgnoresCaseAndIsNotSent() {
    serveExample("cvms-full.json");

    Cli.Result result =
        Cli.list(baseUrl(), "-o", "json", "--status", "RUNNING", "--status", "Stopped");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(names(result.out())).containsExactly("inference-gateway", "gpu-trainer");
    assertThat(requests()).hasSize(1);
    assertThat(requests().get(0).getRequest().getQueryParams()).isEmpty();
  }

  @Test
  void statusFilterThatMatchesNothingGivesNoCvms() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "--status", "deleted");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("No CVMs" + System.lineSeparator());
  }

  @Test
  void projectFilterKeepsOnlyThatProjectsCvms() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "-o", "json", "--project", "prj_7Kd2mQ9xR4");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(names(result.out())).containsExactly("inference-gateway", "staging-api");
    assertThat(requests().get(0).getRequest().getQueryParams()).isEmpty();
  }

  @Test
  void projectAndStatusFiltersCombine() {
    serveExample("cvms-full.json");

    Cli.Result result =
        Cli.list(
            baseUrl(), "--output", "json", "--project", "prj_7Kd2mQ9xR4", "--status", "starting");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(names(result.out())).containsExactly("staging-api");
  }

  @Test
  void maxRetriesZeroMakesOneAttempt() {
    api.stubFor(
        get(urlPathEqualTo(CVMS)).willReturn(json(503, "{\"detail\":\"Service Unavailable\"}")));

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "0");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.API);
    assertThat(requests()).hasSize(1);
  }

  @Test
  void maxRetriesBoundsTheAttempts() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(json(502, "{\"detail\":\"Bad Gateway\"}").withHeader("Retry-After", "0")));

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "3");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.API);
    assertThat(requests()).hasSize(4);
  }

  @Test
  void retriesByDefaultTwiceWithBackoff() {
    api.stubFor(
        get(urlPathEqualTo(CVMS)).willReturn(json(500, "{\"detail\":\"Internal Server Error\"}")));

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.API);
    assertThat(requests()).hasSize(3);
    // Backoff of 0.5 s then 1 s, less up to 25% jitter.
    assertThat(result.millis()).isGreaterThanOrEqualTo(1_100);
  }

  @Test
  void aRetryThatSucceedsGivesTheList() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .inScenario("flaky")
            .whenScenarioStateIs("Started")
            .willReturn(json(502, "{\"detail\":\"Bad Gateway\"}").withHeader("Retry-After", "0"))
            .willSetStateTo("recovered"));
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(json(200, example("cvms-full.json"))));

    Cli.Result result = Cli.list(baseUrl(), "-o", "json", "--max-retries", "1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(requests()).hasSize(2);
    JsonArray cvms = JsonParser.parseString(result.out()).getAsJsonArray();
    assertThat(cvms).hasSize(3);
  }
}
