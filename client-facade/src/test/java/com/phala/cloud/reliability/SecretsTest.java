package com.phala.cloud.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.phala.cloud.CvmShape;
import com.phala.cloud.ListCvmsParams;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.ErrorBody;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaServiceException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every credential mode (API key, bearer token, both), and for every way a call can end
 * (success, each error status, a proxy's page, malformed data, a broken status line, a timeout),
 * including servers that echo the credential back in bodies, headers and status lines: no secret in
 * any toString(), exception message, printed stack trace (causes included), error body or header
 * the exception carries, or log line written at TRACE.
 */
class SecretsTest {
  private static final String ECHO =
      "{{request.headers.X-API-Key}} {{request.headers.Authorization}}";

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private static RawServer statusLineEcho;
  private static int textsChecked;
  private static int linesChecked;

  /** One way for a call to end, served under its own path prefix. */
  enum Ending {
    SUCCESS(null, false),
    UNAUTHORIZED_ECHOING_THE_CREDENTIAL(
        json(
                401,
                "{\"detail\":\"Invalid credential: " + ECHO + "\",\"request_id\":\"" + ECHO + "\"}")
            .withHeader("X-Request-ID", ECHO)
            .withHeader("WWW-Authenticate", "Bearer error=\"" + ECHO + "\""),
        true),
    VALIDATION_ERROR_ECHOING_IT(
        json(
            422,
            "{\"detail\":[{\"loc\":[\"header\",\"x-api-key\"],\"msg\":\"bad "
                + ECHO
                + "\",\"type\":\"value_error\",\"input\":\""
                + ECHO
                + "\"}]}"),
        true),
    STRUCTURED_ERROR_ECHOING_IT(
        json(
            403,
            "{\"error_code\":\"ERR-01-003\",\"message\":\"not for "
                + ECHO
                + "\",\"details\":[{\"field\":\"x-api-key\",\"value\":\""
                + ECHO
                + "\",\"message\":\""
                + ECHO
                + "\"}],"
                + "\"suggestions\":[\""
                + ECHO
                + "\"],\"links\":[{\"url\":\"https://example.com/"
                + ECHO
                + "\",\"label\":\""
                + ECHO
                + "\"}]}"),
        true),
    RATE_LIMITED_ECHOING_IT(
        json(429, "{\"detail\":\"slow down, " + ECHO + "\"}")
            .withHeader("Retry-After", "0.01")
            .withHeader("X-Echo", ECHO),
        true),
    SERVER_ERROR_PAGE_ECHOING_IT(
        page(502, "<html><body>Bad gateway. Request headers: " + ECHO + "</body></html>"), true),
    PROXY_PAGE_INSTEAD_OF_JSON(
        page(200, "<html><body>Sign in to the Wi-Fi. You sent: " + ECHO + "</body></html>"), true),
    JSON_OBJECT_INSTEAD_OF_THE_LIST(json(200, "{\"detail\":\"" + ECHO + "\"}"), true),
    MALFORMED_JSON_QUOTING_IT(json(200, "[{\"name\":\"" + ECHO + "\", oops"), true),
    BODY_PAST_THE_DEADLINE(
        json(200, HostileBodies.FULL_TEXT).withChunkedDribbleDelay(40, 8_000), false),
    STATUS_LINE_ECHOING_IT(null, true);

    final ResponseDefinitionBuilder answer;
    final boolean echoes;

    Ending(ResponseDefinitionBuilder answer, boolean echoes) {
      this.answer = answer;
      this.echoes = echoes;
    }
  }

  @BeforeAll
  static void startTheStatusLineEcho() {
    // A server that answers with the request's own credential header as its status line.
    statusLineEcho =
        new RawServer(
            (number, head, out) -> {
              String echoed =
                  head.lines()
                      .filter(
                          line -> line.startsWith("X-API-Key") || line.startsWith("Authorization"))
                      .findFirst()
                      .orElse("nothing");
              out.write((echoed + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            });
  }

  @BeforeEach
  void serveEveryEnding() {
    for (Ending ending : Ending.values()) {
      ResponseDefinitionBuilder answer =
          ending == Ending.SUCCESS
              ? json(200, HostileBodies.FULL_TEXT).withHeader("X-Request-ID", "req-123")
              : ending.answer;
      if (answer != null) {
        server.stubFor(
            get(urlPathEqualTo("/" + ending.name() + "/api/v1/cvms"))
                .willReturn(answer.withTransformers("response-template")));
      }
    }
  }

  @AfterAll
  static void stopAndRecord() {
    statusLineEcho.close();
    Figures.put(
        "6 secrets",
        String.format(
            "secrets: %d credential modes x %d endings (echoes of the credential in"
                + " bodies, headers and status lines included): %,d texts (toString, messages, printed stack traces, error"
                + " bodies, headers) and %,d log lines at TRACE checked, 0 secrets found",
            CredentialMode.values().length, Ending.values().length, textsChecked, linesChecked));
  }

  static Stream<Arguments> everyModeAndEnding() {
    List<Arguments> all = new ArrayList<>();
    for (CredentialMode mode : CredentialMode.values()) {
      for (Ending ending : Ending.values()) {
        all.add(Arguments.of(mode, ending));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("everyModeAndEnding")
  void noSecretInAnythingTheCallLeavesBehind(CredentialMode mode, Ending ending) {
    List<String> texts = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    List<String> lines;
    try (CapturedLogs logs = new CapturedLogs();
        PhalaCloud client = clientFor(mode, ending)) {
      outcomes.addAll(listing(client));
      outcomes.addAll(streaming(client));
      texts.add(client.toString());
      texts.add(ListCvmsParams.builder().userId("usr_0123abcd").teepodId(7).build().toString());
      texts.addAll(outcomes);
      lines = logs.lines();
      assertThat(logs.libraryLines()).as("the library's own log lines").isPositive();
    }

    for (String secret : CredentialMode.SECRETS) {
      assertThat(texts)
          .as("texts left behind")
          .noneSatisfy(text -> assertThat(text).contains(secret));
      assertThat(lines).as("log lines").noneSatisfy(line -> assertThat(line).contains(secret));
    }
    if (ending.echoes) {
      assertThat(String.join("\n", outcomes)).as("the server's echo, redacted").contains("***");
    }
    textsChecked += texts.size();
    linesChecked += lines.size();
  }

  private static PhalaCloud clientFor(CredentialMode mode, Ending ending) {
    String baseUrl =
        ending == Ending.STATUS_LINE_ECHOING_IT
            ? statusLineEcho.baseUrl()
            : "http://127.0.0.1:" + server.getPort() + "/" + ending.name() + "/api/v1";
    return mode.apply(PhalaCloud.builder().baseUrl(baseUrl))
        .maxRetries(1)
        .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(5))
        .readTimeout(Duration.ofMillis(400))
        .timeout(Duration.ofMillis(600))
        .build();
  }

  private static List<String> listing(PhalaCloud client) {
    try {
      CvmList cvms = client.cvms().list(CvmShape.LEGACY);
      return List.of(
          cvms.toString(),
          String.valueOf(cvms.response()),
          cvms.response().orElseThrow().headers().toString());
    } catch (PhalaException thrown) {
      return texts(thrown);
    }
  }

  private static List<String> streaming(PhalaCloud client) {
    try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      List<String> texts = new ArrayList<>(List.of(String.valueOf(cvms.response())));
      cvms.forEach(cvm -> texts.add(cvm.toString()));
      return texts;
    } catch (PhalaException thrown) {
      return texts(thrown);
    }
  }

  /** Everything an exception carries that a caller might print or log. */
  private static List<String> texts(PhalaException thrown) {
    List<String> texts = new ArrayList<>(List.of(thrown.toString(), CapturedLogs.printed(thrown)));
    if (thrown instanceof PhalaServiceException) {
      PhalaServiceException service = (PhalaServiceException) thrown;
      ErrorBody body = service.body();
      texts.addAll(
          List.of(
              body.toString(),
              body.raw(),
              String.valueOf(body.message()),
              String.valueOf(body.fields()),
              String.valueOf(body.details()),
              String.valueOf(body.suggestions()),
              String.valueOf(body.links()),
              String.valueOf(body.validationErrors()),
              String.valueOf(body.requestId()),
              service.response().toString(),
              service.response().headers().toString(),
              String.valueOf(service.requestId())));
    }
    if (thrown instanceof PhalaInvalidDataException) {
      texts.add(((PhalaInvalidDataException) thrown).where());
      texts.add(((PhalaInvalidDataException) thrown).snippet());
    }
    return texts;
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder page(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(body);
  }
}
