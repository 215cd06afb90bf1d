package com.phala.cloud.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.phala.cloud.generated.api.CvmsApi;
import com.phala.cloud.generated.invoker.ApiClient;
import com.phala.cloud.generated.model.ApiVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated Retrofit interface, built through the generated {@link ApiClient}, against a real
 * HTTP server (WireMock on loopback) that serves, at the spec's path, the full example of the shape
 * each {@code X-Phala-Version} selects: {@code HostedCvm} for the default version, {@code CVMInfo}
 * for every later one. The generated interface builds the request; the body is read with the
 * generated Gson models of the shape asked for (the generated return type, the wrapper of the 200
 * response's {@code anyOf}, cannot decode either array). This class checks the whole client path
 * end to end: the body decodes to exactly what the example holds, and the request carries the API
 * version, the workspace and the optional filters as the spec names them.
 */
class ListCvmsOverHttpTest {

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private static final Contract.Operation LIST_CVMS = Contract.operation(Contract.LIST_CVMS);
  private static final JsonNode VERSION_SCHEMA =
      Contract.resolve(header("X-Phala-Version").path("schema"));

  /** The version this client pins, the default of X-Phala-Version: the legacy shape. */
  private static final String VERSION = VERSION_SCHEMA.path("default").asText();

  private final OkHttpClient http = new OkHttpClient();
  private CvmsApi api;

  /** Every version the spec lists, with the shape it answers in. */
  static Stream<Object[]> versions() {
    List<Object[]> versions = new ArrayList<>();
    VERSION_SCHEMA
        .path("enum")
        .forEach(
            v ->
                versions.add(
                    new Object[] {
                      v.asText(),
                      v.asText().equals(VERSION)
                          ? Contract.Shape.HOSTED_CVM
                          : Contract.Shape.CVM_INFO
                    }));
    return versions.stream();
  }

  @BeforeEach
  void serveTheFullExamplesThroughTheGeneratedClient() {
    versions()
        .forEach(
            v ->
                server.stubFor(
                    get(urlPathEqualTo(LIST_CVMS.path()))
                        .withHeader("X-Phala-Version", equalTo((String) v[0]))
                        .willReturn(
                            aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody(full((Contract.Shape) v[1]).bytes()))));
    ApiClient client = new ApiClient();
    client.getAdapterBuilder().baseUrl("http://127.0.0.1:" + server.getPort() + "/");
    api = client.createService(CvmsApi.class);
  }

  @Test
  void theSpecListsTheFiveKnownVersionsAndPinsTheLegacyOne() {
    assertThat(versions().map(v -> (String) v[0]))
        .containsExactly("2025-10-28", "2026-01-21", "2026-05-22", "2026-06-23", "2026-11-11");
    assertThat(VERSION).isEqualTo("2025-10-28");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("versions")
  void decodesTheWholeServedExampleOfTheVersionsShape(String version, Contract.Shape shape)
      throws IOException {
    try (Response response =
        execute(api.listCvms(ApiVersion.fromValue(version), null, null, null).request())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(shape.decode(response.body().string())).isEqualTo(full(shape).decode());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void sendsTheApiVersionItIsGiven(String version) throws IOException {
    execute(api.listCvms(ApiVersion.fromValue(version), null, null, null).request()).close();

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(LIST_CVMS.path()))
            .withHeader("X-Phala-Version", equalTo(version)));
  }

  @Test
  void sendsTheWorkspaceWhenGiven() throws IOException {
    execute(api.listCvms(ApiVersion.fromValue(VERSION), "wks_0123abcd", null, null).request())
        .close();

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(LIST_CVMS.path()))
            .withHeader("X-Phala-Workspace", equalTo("wks_0123abcd")));
  }

  @Test
  void sendsTheOwnerAndNodeFiltersWhenGiven() throws IOException {
    execute(api.listCvms(ApiVersion.fromValue(VERSION), null, "usr_0123abcd", 12L).request())
        .close();

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(LIST_CVMS.path()))
            .withQueryParam("user_id", equalTo("usr_0123abcd"))
            .withQueryParam("teepod_id", equalTo("12")));
  }

  @Test
  void leavesTheWorkspaceAndFiltersOutWhenNull() throws IOException {
    execute(api.listCvms(ApiVersion.fromValue(VERSION), null, null, null).request()).close();

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(LIST_CVMS.path()))
            .withoutHeader("X-Phala-Workspace")
            .withoutQueryParam("user_id")
            .withoutQueryParam("teepod_id"));
  }

  private Response execute(Request request) throws IOException {
    return http.newCall(request).execute();
  }

  private static Contract.Example full(Contract.Shape shape) {
    return Contract.example(shape.example("full"));
  }

  private static JsonNode header(String name) {
    return LIST_CVMS.parameters("header").stream()
        .filter(p -> name.equals(p.path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the spec has no header parameter " + name));
  }
}
