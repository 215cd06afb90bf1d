package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.errors.PhalaInvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which base URLs a client accepts when it is built: https anywhere, plain http only to this
 * machine (so the credential never crosses a network in clear), and never a URL with a user name or
 * password in it.
 */
class BaseUrlSafetyTest {

  private static PhalaCloud.Builder withBaseUrl(String baseUrl) {
    return PhalaCloud.builder().apiKey(StubApi.API_KEY).baseUrl(baseUrl);
  }

  @Test
  void plainHttpToARemoteHostIsRefusedWithAHintToUseHttps() {
    assertThatThrownBy(() -> withBaseUrl("http://cloud-api.phala.com/api/v1").build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("plain http")
        .hasMessageContaining("use https://cloud-api.phala.com/api/v1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.7/api/v1",
        "http://127.0.0.1.nip.io/api/v1",
        "http://128.0.0.1/api/v1",
        "http://[::2]/api/v1",
        "http://localhost.example.com/api/v1"
      })
  void plainHttpToAnyNonLoopbackHostIsRefused(String baseUrl) {
    assertThatThrownBy(() -> withBaseUrl(baseUrl).build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("https");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:8080/api/v1",
        "http://127.0.0.1:8080/api/v1",
        "http://127.1.2.3/api/v1",
        "http://[::1]:8080/api/v1",
        "http://LOCALHOST/api/v1"
      })
  void plainHttpToLoopbackIsAllowed(String baseUrl) {
    try (PhalaCloud client = withBaseUrl(baseUrl).build()) {
      assertThat(client.baseUrl()).startsWith("http://").endsWith("/api/v1/");
    }
  }

  @Test
  void httpsToARemoteHostIsAllowed() {
    try (PhalaCloud client = withBaseUrl("https://cloud-api.phala.network/api/v1").build()) {
      assertThat(client.baseUrl()).isEqualTo("https://cloud-api.phala.network/api/v1/");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://admin:hunter2pw@cloud-api.phala.com/api/v1",
        "https://phak_inTheUrl@cloud-api.phala.com/api/v1",
        "http://admin:hunter2pw@localhost/api/v1"
      })
  void aBaseUrlWithUserInfoIsRefusedWithoutRepeatingIt(String baseUrl) {
    assertThatThrownBy(() -> withBaseUrl(baseUrl).build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("user name or password")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("hunter2pw")
                    .doesNotContain("phak_inTheUrl"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"cloud-api.phala.com/api/v1", "ftp://cloud-api.phala.com/api/v1", "https://", ""})
  void aBaseUrlThatIsNotAnHttpUrlIsRefused(String baseUrl) {
    assertThatThrownBy(() -> withBaseUrl(baseUrl).build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("not an http or https URL");
  }

  @Test
  void aBaseUrlWithAQueryIsRefused() {
    assertThatThrownBy(() -> withBaseUrl("https://cloud-api.phala.com/api/v1?x=1").build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("query");
  }
}
