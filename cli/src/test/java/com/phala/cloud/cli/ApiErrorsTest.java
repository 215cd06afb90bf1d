package com.phala.cloud.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.phala.cloud.cli.Cli.SECRET_KEY;
import static com.phala.cloud.cli.Cli.SECRET_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes 3, 4 and 5, and the error line a person reads. */
class ApiErrorsTest extends ApiServer {
  private static final String FORBIDDEN =
      "{\"error_code\":\"ERR-01-003\","
          + "\"message\":\"Admin privileges are required to filter by user_id.\","
          + "\"request_id\":\"req_7f3c2a9d41b8\",\"details\":[],"
          + "\"suggestions\":[\"Remove the user_id filter, or use an admin account.\"]}";

  private static void answer(int status, String body) {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(json(status, body).withHeader("X-Request-ID", "req_fromHeader1")));
  }

  /**
   * The failure as a person reads it: one or two lines, no stack trace, no secret, nothing on
   * stdout.
   */
  private static void assertReported(Cli.Result result, int exitCode, String... mentions) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
    assertThat(result.out()).as(result.toString()).isEmpty();
    assertThat(result.errLines()).as(result.toString()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(result.err())
        .as(result.toString())
        .startsWith("phala-cvms: ")
        .doesNotContain("\tat ", "Caused by");
    if (mentions.length > 0) {
      assertThat(result.err()).as(result.toString()).contains(mentions);
    }
    assertThat(result.printed()).doesNotContain(SECRET_KEY, SECRET_TOKEN);
  }

  @Test
  void unauthorizedIsExit3WithStatusMessageAndRequestId() {
    answer(401, "{\"detail\":\"Invalid API key\"}");

    Cli.Result result = Cli.list(baseUrl());

    assertReported(
        result, ExitCodes.AUTH, "401", "Invalid API key", "req_fromHeader1", "PHALA_CLOUD_API_KEY");
    assertThat(requests()).as("401 is not retried").hasSize(1);
  }

  @Test
  void unauthorizedBearerTokenIsExit3() {
    answer(401, "{\"detail\":\"Not authenticated\"}");

    Cli.Result result = Cli.run("list", "--base-url", baseUrl(), "--bearer-token", SECRET_TOKEN);

    assertReported(result, ExitCodes.AUTH, "401", "Not authenticated");
  }

  @Test
  void forbiddenIsExit3WithMessageErrorCodeAndRequestId() {
    answer(403, FORBIDDEN);

    Cli.Result result = Cli.list(baseUrl(), "--user-id", "usr_0123abcd");

    assertReported(
        result,
        ExitCodes.AUTH,
        "403",
        "Admin privileges are required to filter by user_id.",
        "ERR-01-003",
        "req_7f3c2a9d41b8");
    assertThat(requests()).hasSize(1);
  }

  @Test
  void notFoundIsExit4WithoutRetries() {
    answer(404, "{\"detail\":\"Not Found\"}");

    Cli.Result result = Cli.list(baseUrl());

    assertReported(result, ExitCodes.API, "404", "Not Found", "req_fromHeader1");
    assertThat(requests()).hasSize(1);
  }

  @Test
  void validationFailedIsExit4WithTheParameter() {
    answer(
        422,
        "{\"detail\":[{\"loc\":[\"query\",\"teepod_id\"],\"msg\":\"Input should be a valid integer\","
            + "\"type\":\"int_parsing\",\"input\":\"abc\"}]}");

    Cli.Result result = Cli.list(baseUrl(), "--teepod-id", "7");

    assertReported(result, ExitCodes.API, "422", "teepod_id", "Input should be a valid integer");
    assertThat(requests()).hasSize(1);
  }

  @Test
  void serverErrorIsExit4AfterRetries() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(
                json(
                        500,
                        "{\"error_code\":\"ERR-99-001\",\"message\":\"Database unavailable\",\"request_id\":\"req_500abc\"}")
                    .withHeader("Retry-After", "0")));

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "2");

    assertReported(
        result, ExitCodes.API, "500", "Database unavailable", "ERR-99-001", "req_500abc");
    assertThat(requests()).hasSize(3);
  }

  @Test
  void rateLimitedIsExit4() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(
                json(
                        429,
                        "{\"error_code\":\"ERR-05-002\",\"message\":\"Rate limit exceeded. Try again in 30 seconds.\","
                            + "\"request_id\":\"req_0b5e81c2f7aa\"}")
                    .withHeader("Retry-After", "30")));

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "0");

    assertReported(
        result, ExitCodes.API, "429", "Rate limit exceeded", "ERR-05-002", "req_0b5e81c2f7aa");
  }

  @Test
  void htmlErrorPageIsExit4AndShowsItsStartOnOneLine() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(
                aResponse()
                    .withStatus(502)
                    .withHeader("Content-Type", "text/html")
                    .withBody(
                        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body>\n</html>\n")));

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "0");

    assertReported(result, ExitCodes.API, "502", "Bad Gateway");
  }

  @Test
  void malformedJsonIsExit4() {
    serve("[{\"hosted\": {\"id\": \"x\"}, \"name\": ");

    Cli.Result result = Cli.list(baseUrl(), "-o", "csv");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.API);
    assertThat(result.errLines()).as(result.toString()).hasSizeLessThanOrEqualTo(2);
    assertThat(result.err()).startsWith("phala-cvms: ").contains("JSON").doesNotContain("\tat ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"detail\":\"ok\"}", "null", "", "[1, 2]", "[{}] trailing", "[{\"a\":1},]"})
  void bodyThatIsNotAnArrayOfObjectsIsExit4(String body) {
    serve(body);

    Cli.Result result = Cli.list(baseUrl(), "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.API);
    assertThat(result.errLines()).as(result.toString()).hasSizeLessThanOrEqualTo(2);
    assertThat(result.err()).startsWith("phala-cvms: ").doesNotContain("\tat ");
  }

  @Test
  void htmlPageWithStatus200IsExit4() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(
                        "<!DOCTYPE html>\n<html><body><h1>Welcome to the hotel Wi-Fi</h1></body></html>")));

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "0");

    assertReported(result, ExitCodes.API, "200", "text/html", "Welcome to the hotel Wi-Fi");
  }

  @Test
  void connectionRefusedIsExit5() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    Cli.Result result =
        Cli.list("http://127.0.0.1:" + closedPort + "/api/v1", "--max-retries", "0");

    assertReported(result, ExitCodes.NETWORK, "127.0.0.1:" + closedPort);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
  void brokenConnectionIsExit5(Fault fault) {
    api.stubFor(get(urlPathEqualTo(CVMS)).willReturn(aResponse().withFault(fault)));

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "1");

    assertReported(result, ExitCodes.NETWORK);
    assertThat(requests()).as("network failures are retried").hasSize(2);
  }

  @Test
  void connectionDroppedInTheMiddleOfTheBodyIsExit5() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "0", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.err()).startsWith("phala-cvms: ").doesNotContain("\tat ");
  }

  @Test
  void slowServerIsExit5WithinTheTimeout() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(json(200, example("cvms-full.json")).withFixedDelay(20_000)));

    Cli.Result result = Cli.list(baseUrl(), "--timeout", "2");

    assertReported(result, ExitCodes.NETWORK, "2");
    assertThat(result.millis()).as(result.toString()).isBetween(1_500L, 4_000L);
  }

  @Test
  void timeoutCoversRetriesAndWaits() {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(json(503, "{\"detail\":\"Service Unavailable\"}").withFixedDelay(700)));

    Cli.Result result = Cli.list(baseUrl(), "--timeout", "2", "--max-retries", "10");

    assertThat(result.exitCode()).as(result.toString()).isIn(ExitCodes.NETWORK, ExitCodes.API);
    assertThat(result.millis()).as(result.toString()).isLessThan(4_000L);
    assertThat(result.errLines()).hasSizeLessThanOrEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {50, 2})
  void bodyThatStallsAfterTheHeadersIsExit5WithinTheTimeout(int chunks) {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(
                json(200, example("cvms-full.json")).withChunkedDribbleDelay(chunks, 20_000)));

    Cli.Result result = Cli.list(baseUrl(), "--timeout", "2", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.err())
        .as(result.toString())
        .startsWith("phala-cvms: ")
        .contains("--timeout 2")
        .doesNotContain("\tat ");
    assertThat(result.errLines()).hasSizeLessThanOrEqualTo(2);
    assertThat(result.millis()).as(result.toString()).isBetween(1_500L, 4_000L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"list", "check"})
  void eachCommandsStalledBodyIsExit5WithinTheTimeout(String command) {
    api.stubFor(
        get(urlPathEqualTo(CVMS))
            .willReturn(json(200, example("cvms-full.json")).withChunkedDribbleDelay(50, 20_000)));

    Cli.Result result =
        Cli.run(command, "--base-url", baseUrl(), "--api-key", Cli.SECRET_KEY, "--timeout", "2");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NETWORK);
    assertThat(result.err()).as(result.toString()).contains("--timeout 2");
    assertThat(result.millis()).as(result.toString()).isBetween(1_500L, 4_000L);
  }

  @Test
  void verboseLogsTheHttpCallAndShowsTheStackTrace() {
    answer(403, FORBIDDEN);

    Cli.Result result = Cli.list(baseUrl(), "--verbose");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.AUTH);
    assertThat(result.err())
        .as(result.toString())
        .contains("phala-cvms: ", "403", "ERR-01-003", "req_7f3c2a9d41b8")
        .containsPattern("GET http://127\\.0\\.0\\.1:\\d+/api/v1/cvms -> 403")
        .contains("PermissionDeniedException", "\tat ");
    assertThat(result.printed()).doesNotContain(SECRET_KEY);
  }

  @Test
  void verboseLogsASuccessfulCallToo() {
    serveExample("cvms-full.json");

    Cli.Result result = Cli.list(baseUrl(), "-v", "-o", "json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err())
        .as(result.toString())
        .containsPattern("GET http://127\\.0\\.0\\.1:\\d+/api/v1/cvms -> 200");
    assertThat(result.out()).startsWith("[");
    assertThat(result.printed()).doesNotContain(SECRET_KEY);
  }

  @Test
  void quietRunAfterAVerboseOneLogsNothing() {
    serveExample("cvms-full.json");
    Cli.list(baseUrl(), "--verbose");

    Cli.Result result = Cli.list(baseUrl());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).as(result.toString()).isEmpty();
  }

  /**
   * json is written as it is read, by a thread of its own: a body cut short after more CVMs than
   * that thread's backlog still leaves every CVM read before the cut on stdout, in order, with the
   * array unfinished, and exits 4.
   */
  @Test
  void jsonKeepsEveryCvmReadBeforeABodyCutShort() {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 600; i++) {
      body.append(i == 0 ? "" : ",").append("{\"name\":\"cvm-").append(i).append("\"}");
    }
    serve(body.append(",{\"name\": \"cut").toString());

    Cli.Result result = Cli.list(baseUrl(), "-o", "json", "--max-retries", "0");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.API);
    java.util.List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(601);
    assertThat(lines.get(0)).isEqualTo("[");
    for (int i = 0; i < 600; i++) {
      assertThat(lines.get(i + 1)).isEqualTo("{\"name\":\"cvm-" + i + "\"}" + (i < 599 ? "," : ""));
    }
    assertThat(result.errLines()).hasSize(1);
  }

  /** Error cases where a careless message could carry the credential: it must appear nowhere. */
  @ParameterizedTest
  @ValueSource(strings = {"401", "403", "500", "object", "html", "truncated", "refused", "timeout"})
  void secretsAreNeverPrinted(String failure) throws IOException {
    String echo =
        "{\"detail\":\"Bad key "
            + SECRET_KEY
            + " / Bearer "
            + SECRET_TOKEN
            + "\",\"x-api-key\":\""
            + SECRET_KEY
            + "\"}";
    String baseUrl = baseUrl();
    switch (failure) {
      case "401":
      case "403":
      case "500":
        api.stubFor(get(urlPathEqualTo(CVMS)).willReturn(json(Integer.parseInt(failure), echo)));
        break;
      case "object":
        serve(echo);
        break;
      case "html":
        api.stubFor(
            get(urlPathEqualTo(CVMS))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/html")
                        .withBody("<p>Your key " + SECRET_KEY + " was rejected</p>")));
        break;
      case "truncated":
        serve("[{\"name\": \"" + SECRET_KEY + "\", ");
        break;
      case "refused":
        try (ServerSocket socket = new ServerSocket(0)) {
          baseUrl = "http://127.0.0.1:" + socket.getLocalPort() + "/api/v1";
        }
        break;
      default:
        api.stubFor(get(urlPathEqualTo(CVMS)).willReturn(json(200, "[]").withFixedDelay(5_000)));
    }
    String[] common = {"--max-retries", "0", "--timeout", "1", "-o", "csv"};
    for (boolean verbose : new boolean[] {false, true}) {
      for (Map<String, String> environment :
          java.util.List.of(
              Map.<String, String>of(),
              Map.of("PHALA_CLOUD_API_KEY", SECRET_KEY),
              Map.of("PHALA_OIDC_TOKEN", SECRET_TOKEN))) {
        java.util.List<String> args =
            new java.util.ArrayList<>(java.util.List.of("list", "--base-url", baseUrl));
        args.addAll(java.util.List.of(common));
        if (environment.isEmpty()) {
          args.addAll(java.util.List.of("--api-key", SECRET_KEY, "--bearer-token", SECRET_TOKEN));
        }
        if (verbose) {
          args.add("--verbose");
        }
        Cli.Result result = Cli.run(environment, args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        // The run knows the credentials it was given (the server echoes both): none of those may
        // show.
        String description =
            failure + " verbose=" + verbose + " " + environment.keySet() + "\n" + result;
        if (!environment.containsKey("PHALA_OIDC_TOKEN")) {
          assertThat(result.printed()).as(description).doesNotContain(SECRET_KEY);
        }
        if (!environment.containsKey("PHALA_CLOUD_API_KEY")) {
          assertThat(result.printed()).as(description).doesNotContain(SECRET_TOKEN);
        }
      }
    }
  }
}
