package com.phala.cloud.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.phala.cloud.generated.api.CvmsApi;
import com.phala.cloud.generated.invoker.ApiClient;
import com.phala.cloud.generated.model.ApiVersion;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
import retrofit2.Call;

/**
 * The generated Retrofit interface, built through the generated {@link ApiClient}, against a real
 * HTTP server (WireMock on loopback) that serves, at the spec's path, the examples of the shape
 * each {@code X-Phala-Version} selects: {@code HostedCvm} for the default version, {@code CVMInfo}
 * for every later one. Two kinds of method are checked end to end: the typed one per version of the
 * spec's {@code ApiVersion} enum ({@code listCvmsV20251028}, ...), whose {@code execute()} alone
 * gives the list of generated models, as a team that uses only this jar would call it; and the
 * versionless {@code listCvms}, whose raw body the façade reads. The request carries the API
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
    versions().forEach(v -> serve((String) v[0], full((Contract.Shape) v[1]).bytes()));
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

  @Test
  void everyVersionOfTheEnumHasExactlyOneTypedMethodAndNothingElseDoes() {
    List<String> typed = new ArrayList<>();
    versions().forEach(v -> typed.add(typedMethod((String) v[0]).getName()));

    assertThat(java.util.Arrays.stream(CvmsApi.class.getMethods()).map(Method::getName))
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(Stream.of(Contract.LIST_CVMS), typed.stream()).toList());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("versions")
  void typedMethodDecodesTheFullExampleOfItsVersionsShapeToGeneratedModels(
      String version, Contract.Shape shape) throws IOException {
    List<?> cvms = listTyped(version, null, null, null);

    assertThat(cvms).isNotEmpty().allSatisfy(cvm -> assertThat(cvm).isInstanceOf(shape.model));
    assertThat(cvms).isEqualTo(full(shape).decode());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("versions")
  void typedMethodDecodesTheMinimalExampleOfItsVersionsShape(String version, Contract.Shape shape)
      throws IOException {
    Contract.Example minimal = Contract.example(shape.example("minimal"));
    serve(version, minimal.bytes());

    assertThat(listTyped(version, null, null, null)).isEqualTo(minimal.decode());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("versions")
  void typedMethodIgnoresUnknownFieldsAtEveryLevel(String version, Contract.Shape shape)
      throws IOException {
    JsonNode payload = full(shape).tree();
    UnknownFieldsAreIgnoredTest.addUnknownMembers(payload, shape.arraySchema());
    serve(version, payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(listTyped(version, null, null, null)).isEqualTo(full(shape).decode());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void typedMethodSendsItsVersionTheWorkspaceAndTheFilters(String version) throws IOException {
    listTyped(version, "wks_0123abcd", "usr_0123abcd", 12L);

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(LIST_CVMS.path()))
            .withHeader("X-Phala-Version", equalTo(version))
            .withHeader("X-Phala-Workspace", equalTo("wks_0123abcd"))
            .withQueryParam("user_id", equalTo("usr_0123abcd"))
            .withQueryParam("teepod_id", equalTo("12")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("versions")
  void typedMethodLeavesTheWorkspaceAndFiltersOutWhenNull(String version) throws IOException {
    listTyped(version, null, null, null);

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(LIST_CVMS.path()))
            .withHeader("X-Phala-Version", equalTo(version))
            .withoutHeader("X-Phala-Workspace")
            .withoutQueryParam("user_id")
            .withoutQueryParam("teepod_id"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("versions")
  void versionlessMethodGivesTheRawBodyOfTheVersionItIsGiven(String version, Contract.Shape shape)
      throws IOException {
    retrofit2.Response<okhttp3.ResponseBody> response =
        api.listCvms(ApiVersion.fromValue(version), null, null, null).execute();

    assertThat(response.code()).isEqualTo(200);
    try (okhttp3.ResponseBody body = response.body()) {
      assertThat(shape.decode(body.string())).isEqualTo(full(shape).decode());
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

  /**
   * The typed method of {@code version}: named after the enum constant of the version (its {@code
   * x-enum-varnames}) without underscores, so it is found from the spec's enum, never a list here.
   */
  private static Method typedMethod(String version) {
    String name = Contract.LIST_CVMS + ApiVersion.fromValue(version).name().replace("_", "");
    try {
      return CvmsApi.class.getMethod(name, String.class, String.class, Long.class);
    } catch (NoSuchMethodException e) {
      throw new AssertionError("CvmsApi has no typed method " + name + " for " + version, e);
    }
  }

  /** Calls the typed method of {@code version} as a user would: {@code execute().body()}. */
  private List<?> listTyped(String version, String workspace, String userId, Long teepodId)
      throws IOException {
    Call<?> call;
    try {
      call = (Call<?>) typedMethod(version).invoke(api, workspace, userId, teepodId);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(e);
    }
    retrofit2.Response<?> response = call.execute();
    assertThat(response.code()).isEqualTo(200);
    return (List<?>) response.body();
  }

  /** Serves {@code body} for {@code version}, over the full example served before. */
  private static void serve(String version, byte[] body) {
    server.stubFor(stub(version, body));
  }

  private static MappingBuilder stub(String version, byte[] body) {
    return get(urlPathEqualTo(LIST_CVMS.path()))
        .withHeader("X-Phala-Version", equalTo(version))
        .willReturn(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body));
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
