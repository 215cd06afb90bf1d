package com.phala.cloud.generated;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.phala.cloud.generated.api.CvmsApi;
import com.phala.cloud.generated.invoker.ApiClient;
import com.phala.cloud.generated.model.HostedCvm;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import retrofit2.Response;

/**
 * The generated Retrofit interface, built through the generated {@link ApiClient}, against a real
 * HTTP server (WireMock on loopback) that serves the full example's bytes at the spec's path. This
 * class checks the whole client path end to end: the body decodes to exactly what the example
 * holds, and the request carries the API version and the optional filters as the spec names them.
 */
class ListCvmsOverHttpTest {

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private static final Contract.Operation LIST_CVMS = Contract.operation(Contract.LIST_CVMS);
  private static final Contract.Example FULL = Contract.example("full");

  /** The version this contract describes: the default of the X-Phala-Version parameter. */
  private static final String VERSION =
      LIST_CVMS.parameters("header").stream()
          .filter(p -> "X-Phala-Version".equals(p.path("name").asText()))
          .map(p -> p.at("/schema/default").asText())
          .findFirst()
          .orElseThrow();

  private CvmsApi api;

  @BeforeEach
  void serveTheFullExampleThroughTheGeneratedClient() {
    server.stubFor(
        get(urlPathEqualTo(LIST_CVMS.path()))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(FULL.bytes())));
    ApiClient client = new ApiClient();
    client.getAdapterBuilder().baseUrl("http://127.0.0.1:" + server.getPort() + "/");
    api = client.createService(CvmsApi.class);
  }

  @Test
  void decodesTheWholeServedExample() throws IOException {
    Response<List<HostedCvm>> response = api.listCvms(VERSION, null, null).execute();

    assertThat(response.code()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(FULL.decode());
  }

  @Test
  void sendsTheApiVersionItIsGiven() throws IOException {
    api.listCvms(VERSION, null, null).execute();

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(LIST_CVMS.path()))
            .withHeader("X-Phala-Version", equalTo(VERSION)));
  }

  @Test
  void sendsTheOwnerAndNodeFiltersWhenGiven() throws IOException {
    api.listCvms(VERSION, "usr_0123abcd", 12L).execute();

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(LIST_CVMS.path()))
            .withQueryParam("user_id", equalTo("usr_0123abcd"))
            .withQueryParam("teepod_id", equalTo("12")));
  }

  @Test
  void leavesTheFiltersOutWhenNull() throws IOException {
    api.listCvms(VERSION, null, null).execute();

    server.verify(
        1,
        getRequestedFor(urlPathEqualTo(LIST_CVMS.path()))
            .withoutQueryParam("user_id")
            .withoutQueryParam("teepod_id"));
  }
}
