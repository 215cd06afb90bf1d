package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.internal.Version;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The headers every request carries, retries included: the pinned {@code X-Phala-Version} (or the
 * caller's), {@code Accept: application/json}, and a {@code User-Agent} naming this library, its
 * version and the Java runtime, with the caller's suffix; and which values for those are refused
 * when the client is built.
 */
class RequestHeadersTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static LoggedRequest listOnce(PhalaCloud client) {
    api.listingReturns(StubApi.json(200, "[]"));
    client.cvms().list(CvmShape.LEGACY);
    return api.onlyRequest();
  }

  @Test
  void theLegacyShapeSendsItsOneVersion() {
    assertThat(listOnce(api.client()).getHeader("X-Phala-Version")).isEqualTo("2025-10-28");
  }

  @Test
  void aPlainCallSendsTheDefaultVersionTheNewest() {
    api.listingReturns(StubApi.json(200, "[]"));
    api.client().cvms().list();

    assertThat(api.onlyRequest().getHeader("X-Phala-Version"))
        .isEqualTo(PhalaCloud.DEFAULT_API_VERSION.value())
        .isEqualTo(PhalaCloud.LATEST_API_VERSION.value());
  }

  @Test
  void aCustomApiVersionIsSentByTheCallsOfItsShape() {
    PhalaCloud client = api.track(api.builder().apiVersion("2026-01-21").build());
    api.listingReturns(StubApi.json(200, "[]"));

    client.cvms().list();

    assertThat(api.onlyRequest().getHeader("X-Phala-Version")).isEqualTo("2026-01-21");
  }

  @Test
  void acceptIsApplicationJson() {
    assertThat(listOnce(api.client()).getHeader("Accept")).isEqualTo("application/json");
  }

  @Test
  void theUserAgentNamesTheLibraryItsVersionAndJava() {
    String userAgent = listOnce(api.client()).getHeader("User-Agent");

    assertThat(Version.VERSION).isNotEqualTo("unknown").doesNotContain("${");
    assertThat(userAgent)
        .isEqualTo(
            "phala-cloud-java/"
                + Version.VERSION
                + " (Java "
                + System.getProperty("java.version")
                + ")");
  }

  @Test
  void theUserAgentSuffixIsAppended() {
    PhalaCloud client = api.track(api.builder().userAgentSuffix("my-app/1.2").build());

    assertThat(listOnce(client).getHeader("User-Agent"))
        .startsWith("phala-cloud-java/" + Version.VERSION + " ")
        .endsWith(") my-app/1.2");
  }

  @Test
  void everyRetryCarriesTheSameHeaders() {
    api.listingAnswersInTurn(StubApi.json(503, "{}"), StubApi.json(200, "[]"));

    api.client().cvms().list(CvmShape.LEGACY);

    List<LoggedRequest> requests =
        api.server()
            .findAll(
                getRequestedFor(urlPathEqualTo(StubApi.PATH))
                    .withHeader("X-Phala-Version", equalTo(ApiVersion.V2025_10_28.value()))
                    .withHeader("Accept", equalTo("application/json"))
                    .withHeader("X-API-Key", equalTo(StubApi.API_KEY)));
    assertThat(requests).hasSize(2);
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.getHeader("User-Agent")).startsWith("phala-cloud-java/"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"latest", "2025-10-28\r\nX-Evil: 1", "25-10-28", "2025/10/28", "", " 2025-10-28"})
  void aMalformedApiVersionIsRefused(String version) {
    assertThatThrownBy(() -> api.builder().apiVersion(version))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("is not one this client knows")
        .hasMessageContaining("2025-10-28, 2026-01-21, 2026-05-22, 2026-06-23, 2026-11-11");
  }

  @ParameterizedTest
  @ValueSource(strings = {"my-app/1.2\r\nX-Evil: 1", "app\u0000", "caf\u00e9/1"})
  void aUserAgentSuffixThatIsNotOnePrintableAsciiLineIsRefused(String suffix) {
    assertThatThrownBy(() -> api.builder().userAgentSuffix(suffix))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("user-agent suffix");
  }
}
