package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.phala.cloud.errors.UnexpectedStatusCodeException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The credential goes to the configured origin and nowhere else, even when the API redirects: a
 * redirect to another host or port arrives without {@code X-API-Key} or {@code Authorization}, a
 * same-origin redirect keeps it, and an https response that redirects to plain http is not followed
 * at all. Two real servers on loopback play the API and the other host; the API also serves https
 * with WireMock's self-signed certificate, which only these tests trust.
 */
class RedirectTest {
  @RegisterExtension static final StubApi api = new StubApi(config -> config.dynamicHttpsPort());

  @RegisterExtension static final StubApi elsewhere = new StubApi();

  private static final String OTHER_PATH = "/elsewhere/cvms";

  private void redirectTo(String location) {
    api.listingReturns(aResponse().withStatus(302).withHeader("Location", location));
    elsewhere.server().stubFor(get(urlPathEqualTo(OTHER_PATH)).willReturn(StubApi.json(200, "[]")));
  }

  private static LoggedRequest onlyRequestElsewhere() {
    List<LoggedRequest> requests =
        elsewhere.server().findAll(getRequestedFor(urlPathEqualTo(OTHER_PATH)));
    assertThat(requests).as("requests that followed the redirect").hasSize(1);
    return requests.get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void aRedirectToAnotherHostOrPortDoesNotCarryTheApiKey(String host) {
    redirectTo("http://" + host + ":" + elsewhere.port() + OTHER_PATH);

    assertThat(api.client().cvms().list(CvmShape.LEGACY)).isEmpty();

    LoggedRequest followed = onlyRequestElsewhere();
    assertThat(followed.containsHeader("X-API-Key")).isFalse();
    assertThat(followed.containsHeader("Authorization")).isFalse();
    assertThat(api.onlyRequest().getHeader("X-API-Key")).isEqualTo(StubApi.API_KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1"})
  void aRedirectToAnotherHostOrPortDoesNotCarryTheBearerToken(String host) {
    redirectTo("http://" + host + ":" + elsewhere.port() + OTHER_PATH);
    PhalaCloud client =
        api.track(
            PhalaCloud.builder().baseUrl(api.baseUrl()).bearerToken(StubApi.BEARER_TOKEN).build());

    assertThat(client.cvms().list(CvmShape.LEGACY)).isEmpty();

    LoggedRequest followed = onlyRequestElsewhere();
    assertThat(followed.containsHeader("Authorization")).isFalse();
    assertThat(followed.containsHeader("X-API-Key")).isFalse();
  }

  @Test
  void aSameOriginRedirectKeepsTheApiKey() {
    api.listingReturns(aResponse().withStatus(302).withHeader("Location", "/api/v1/cvms-moved"));
    api.server()
        .stubFor(get(urlPathEqualTo("/api/v1/cvms-moved")).willReturn(StubApi.json(200, "[]")));

    assertThat(api.client().cvms().list(CvmShape.LEGACY)).isEmpty();

    List<LoggedRequest> moved =
        api.server().findAll(getRequestedFor(urlPathEqualTo("/api/v1/cvms-moved")));
    assertThat(moved).hasSize(1);
    assertThat(moved.get(0).getHeader("X-API-Key")).isEqualTo(StubApi.API_KEY);
  }

  @Test
  void aRedirectWithNoLocationSaysSo() {
    api.listingReturns(aResponse().withStatus(302));

    assertThatThrownBy(() -> api.client().cvms().list(CvmShape.LEGACY))
        .isInstanceOf(UnexpectedStatusCodeException.class)
        .hasMessageContaining("HTTP 302")
        .hasMessageContaining("A redirect the client does not follow (with no Location)");
  }

  @Test
  void anHttpsResponseRedirectingToPlainHttpIsNotFollowed() throws GeneralSecurityException {
    redirectTo("http://127.0.0.1:" + elsewhere.port() + OTHER_PATH);
    PhalaCloud client =
        api.track(
            PhalaCloud.builder()
                .baseUrl("https://127.0.0.1:" + api.server().httpsPort() + "/api/v1")
                .apiKey(StubApi.API_KEY)
                .okHttpClient(trustingWireMocksCertificate())
                .build());

    assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
        .isInstanceOfSatisfying(
            UnexpectedStatusCodeException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(302);
              assertThat(e.getMessage())
                  .contains("A redirect the client does not follow (to http://127.0.0.1:")
                  .contains("check the base URL");
            });

    assertThat(api.onlyRequest().getAbsoluteUrl()).startsWith("https://");
    assertThat(elsewhere.server().findAll(getRequestedFor(urlPathEqualTo(OTHER_PATH)))).isEmpty();
  }

  /** An OkHttp client that accepts WireMock's self-signed certificate (for these tests only). */
  private static OkHttpClient trustingWireMocksCertificate() throws GeneralSecurityException {
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
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {trustAll}, null);
    return new OkHttpClient.Builder()
        .sslSocketFactory(tls.getSocketFactory(), trustAll)
        .hostnameVerifier((host, session) -> true)
        .build();
  }
}
