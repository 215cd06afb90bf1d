package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.phala.cloud.errors.PhalaInvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the credential travels: an API key in {@code X-API-Key} (never as Bearer), a token in {@code
 * Authorization: Bearer}, only the API key when both are set; and which credentials are refused
 * when the client is built (none, blank, or with control characters that could split a header),
 * with messages that never repeat the secret.
 */
class AuthenticationTest {
  @RegisterExtension static final StubApi api = new StubApi();

  @BeforeEach
  void answerWithAnEmptyList() {
    api.listingReturns(StubApi.json(200, "[]"));
  }

  private static PhalaCloud.Builder withoutCredential() {
    return PhalaCloud.builder().baseUrl(api.baseUrl());
  }

  @Test
  void anApiKeyIsSentAsXApiKey() {
    api.client().cvms().list(CvmShape.LEGACY);

    LoggedRequest request = api.onlyRequest();
    assertThat(request.getHeader("X-API-Key")).isEqualTo(StubApi.API_KEY);
    assertThat(request.containsHeader("Authorization")).isFalse();
  }

  @Test
  void aBearerTokenIsSentAsAuthorizationBearer() {
    api.track(withoutCredential().bearerToken(StubApi.BEARER_TOKEN).build())
        .cvms()
        .list(CvmShape.LEGACY);

    LoggedRequest request = api.onlyRequest();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + StubApi.BEARER_TOKEN);
    assertThat(request.containsHeader("X-API-Key")).isFalse();
  }

  @Test
  void withBothOnlyTheApiKeyIsSent() {
    api.track(withoutCredential().bearerToken(StubApi.BEARER_TOKEN).apiKey(StubApi.API_KEY).build())
        .cvms()
        .list(CvmShape.LEGACY);

    LoggedRequest request = api.onlyRequest();
    assertThat(request.getHeader("X-API-Key")).isEqualTo(StubApi.API_KEY);
    assertThat(request.containsHeader("Authorization")).isFalse();
  }

  @Test
  void withNoCredentialBuildFailsNamingPhalaCloudApiKey() {
    assertThatThrownBy(() -> withoutCredential().build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("PHALA_CLOUD_API_KEY");
    assertThat(api.listingRequests()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   \t  "})
  void aBlankApiKeyIsRefused(String blank) {
    assertThatThrownBy(() -> withoutCredential().apiKey(blank).build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void aBlankBearerTokenIsRefused() {
    assertThatThrownBy(() -> withoutCredential().bearerToken("  ").build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("bearer token")
        .hasMessageContaining("blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r", "\n", "\r\n", "\t", "\u0000", "\u0007", "\u001b", "\u007f"})
  void anApiKeyWithAControlCharacterIsRefusedWithoutRepeatingIt(String control) {
    String key = StubApi.API_KEY + control + "X-Injected: 1";

    assertThatThrownBy(() -> withoutCredential().apiKey(key).build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("apiKey")
        .hasMessageContaining("position " + (StubApi.API_KEY.length() + 1))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(StubApi.API_KEY));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r", "\n", "\t", "\u0001"})
  void aBearerTokenWithAControlCharacterIsRefusedWithoutRepeatingIt(String control) {
    String token = StubApi.BEARER_TOKEN + control;

    assertThatThrownBy(() -> withoutCredential().bearerToken(token).build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("bearerToken")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(StubApi.BEARER_TOKEN));
  }
}
