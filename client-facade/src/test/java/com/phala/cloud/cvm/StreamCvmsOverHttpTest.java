package com.phala.cloud.cvm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.phala.cloud.cvm.Examples.FULL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PhalaCloud.cvms().stream(CvmShape.LEGACY) against a real HTTP server (WireMock on loopback)
 * serving the contract's example.
 */
class StreamCvmsOverHttpTest {

  @RegisterExtension
  static final WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  private PhalaCloud client;

  @BeforeEach
  void buildTheClient() {
    client =
        PhalaCloud.builder()
            .baseUrl("http://127.0.0.1:" + server.getPort() + "/api/v1")
            .apiKey("test")
            .maxRetries(0)
            .build();
  }

  @AfterEach
  void closeTheClient() {
    client.close();
  }

  @Test
  void streamsEveryCvmOfTheServedExampleInOrder() {
    serve(Examples.text(FULL));

    try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      List<Cvm> read = cvms.stream().toList();

      assertThat(read)
          .extracting(Cvm::name)
          .containsExactly("inference-gateway", "gpu-trainer", "staging-api");
      assertThat(read.get(1).hosted().configuration().orElseThrow().gpus().orElseThrow().gpus())
          .hasSize(2);
    }
  }

  @Test
  void theStreamCarriesTheHttpResponse() {
    serve(Examples.text(FULL));

    try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      assertThat(cvms.response())
          .hasValueSatisfying(
              response -> {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.requestId()).contains("req-123");
              });
    }
  }

  @Test
  void aNonObjectItemInTheServedBodyThrowsAtItsIndex() {
    serve("[" + Examples.cvm(FULL, 0) + ",[]]");

    try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      Iterator<Cvm> iterator = cvms.iterator();
      assertThat(iterator.next().name()).isEqualTo("inference-gateway");

      PhalaInvalidDataException thrown =
          catchThrowableOfType(PhalaInvalidDataException.class, iterator::next);

      assertThat(thrown).isNotNull();
      assertThat(thrown.where()).isEqualTo("$[1]");
    }
  }

  private static void serve(String body) {
    server.stubFor(
        get(urlPathEqualTo("/api/v1/cvms"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Request-ID", "req-123")
                    .withBody(body)));
  }
}
