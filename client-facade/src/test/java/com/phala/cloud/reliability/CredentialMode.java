package com.phala.cloud.reliability;

import com.phala.cloud.PhalaCloud;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The credentials a client can be built with: an API key, a bearer token, or both (the API key is
 * sent).
 */
public enum CredentialMode {
  API_KEY(builder -> builder.apiKey(CredentialMode.API_KEY_VALUE)),
  BEARER(builder -> builder.bearerToken(CredentialMode.BEARER_VALUE)),
  BOTH(
      builder ->
          builder.apiKey(CredentialMode.API_KEY_VALUE).bearerToken(CredentialMode.BEARER_VALUE));

  /** The API key the security tests use. */
  public static final String API_KEY_VALUE = "phak_S3cret-ApiKey-Value-4711";

  /** The bearer token the security tests use. */
  public static final String BEARER_VALUE = "eyS3cretBearerTokenValue4711";

  /** Both secrets: neither may ever show. */
  public static final List<String> SECRETS = List.of(API_KEY_VALUE, BEARER_VALUE);

  private final UnaryOperator<PhalaCloud.Builder> credentials;

  CredentialMode(UnaryOperator<PhalaCloud.Builder> credentials) {
    this.credentials = credentials;
  }

  /** {@code builder} with this mode's credentials set. */
  public PhalaCloud.Builder apply(PhalaCloud.Builder builder) {
    return credentials.apply(builder);
  }

  /**
   * The secrets this mode gives the builder (with both, the bearer token is given but never sent).
   */
  public List<String> secrets() {
    return this == API_KEY
        ? List.of(API_KEY_VALUE)
        : this == BEARER ? List.of(BEARER_VALUE) : SECRETS;
  }

  /** The request header the credential travels in. */
  public String header() {
    return this == BEARER ? "Authorization" : "X-API-Key";
  }
}
