package com.phala.cloud.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.errors.PhalaServiceException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Redirects never carry the credential away from the configured origin, in every credential mode:
 * not to another host (127.0.0.1 and localhost are different hosts), not to another port of the
 * same host, and an https origin's redirect to plain http is not followed at all.
 */
class RedirectSecurityTest {
  private static final String PATH = "/api/v1/cvms";

  @RegisterExtension
  static final WireMockExtension origin =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort())
          .build();

  @RegisterExtension
  static final WireMockExtension elsewhere =
      WireMockExtension.newInstance()
          .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
          .build();

  @ParameterizedTest
  @EnumSource(CredentialMode.class)
  void aRedirectToAnotherHostCarriesNoCredential(CredentialMode mode) {
    redirectTo("http://localhost:" + elsewhere.getPort() + PATH);

    try (PhalaCloud client =
        mode.apply(PhalaCloud.builder().baseUrl(originUrl())).maxRetries(0).build()) {
      Outcomes.assertFullExample(client.cvms().list(CvmShape.LEGACY));
    }

    assertTheOriginGotTheCredential(mode);
    assertThat(requestsTo(elsewhere))
        .hasSize(1)
        .allSatisfy(RedirectSecurityTest::carriesNoCredential);
  }

  @ParameterizedTest
  @EnumSource(CredentialMode.class)
  void aRedirectToAnotherPortOfTheSameHostCarriesNoCredential(CredentialMode mode) {
    redirectTo("http://127.0.0.1:" + elsewhere.getPort() + PATH);

    try (PhalaCloud client =
        mode.apply(PhalaCloud.builder().baseUrl(originUrl())).maxRetries(0).build()) {
      Outcomes.assertFullExample(client.cvms().list(CvmShape.LEGACY));
    }

    assertTheOriginGotTheCredential(mode);
    assertThat(requestsTo(elsewhere))
        .hasSize(1)
        .allSatisfy(RedirectSecurityTest::carriesNoCredential);
  }

  @ParameterizedTest
  @EnumSource(CredentialMode.class)
  void anHttpsOriginsRedirectToPlainHttpIsNotFollowed(CredentialMode mode) {
    redirectTo("http://127.0.0.1:" + elsewhere.getPort() + PATH);
    String httpsOrigin = "https://localhost:" + origin.getRuntimeInfo().getHttpsPort() + "/api/v1";

    PhalaServiceException thrown;
    try (PhalaCloud client =
        mode.apply(PhalaCloud.builder().baseUrl(httpsOrigin))
            .okHttpClient(trustingWireMock())
            .maxRetries(0)
            .build()) {
      thrown =
          catchThrowableOfType(
              PhalaServiceException.class, () -> client.cvms().list(CvmShape.LEGACY));
    }

    assertThat(thrown.statusCode()).isEqualTo(302);
    assertTheOriginGotTheCredential(mode);
    assertThat(requestsTo(elsewhere)).isEmpty();
  }

  private static void redirectTo(String location) {
    origin.stubFor(
        get(urlPathEqualTo(PATH))
            .willReturn(aResponse().withStatus(302).withHeader("Location", location)));
    elsewhere.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(HostileBodies.FULL_TEXT)));
  }

  private static String originUrl() {
    return "http://127.0.0.1:" + origin.getPort() + "/api/v1";
  }

  /** Guards the other assertions: the credential did travel, to the origin only. */
  private static void assertTheOriginGotTheCredential(CredentialMode mode) {
    List<LoggedRequest> requests = requestsTo(origin);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getHeader(mode.header()))
        .contains(
            mode == CredentialMode.BEARER
                ? CredentialMode.BEARER_VALUE
                : CredentialMode.API_KEY_VALUE);
  }

  private static List<LoggedRequest> requestsTo(WireMockExtension server) {
    return server.findAll(getRequestedFor(urlPathEqualTo(PATH)));
  }

  private static void carriesNoCredential(LoggedRequest request) {
    assertThat(request.containsHeader("X-API-Key"))
        .as("X-API-Key sent to %s", request.getAbsoluteUrl())
        .isFalse();
    assertThat(request.containsHeader("Authorization"))
        .as("Authorization sent to %s", request.getAbsoluteUrl())
        .isFalse();
    for (String secret : CredentialMode.SECRETS) {
      assertThat(request.getHeaders().toString()).doesNotContain(secret);
    }
  }

  /** An OkHttpClient that trusts WireMock's self-signed certificate (for this test only). */
  private static OkHttpClient trustingWireMock() {
    X509TrustManager trustAll =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return new OkHttpClient.Builder()
          .sslSocketFactory(tls.getSocketFactory(), trustAll)
          .hostnameVerifier((host, session) -> true)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
