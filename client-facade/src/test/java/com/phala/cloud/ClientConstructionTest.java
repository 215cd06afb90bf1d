package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.internal.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a client gets its configuration: from the builder, or after {@code fromEnv} from system
 * properties and environment variables under the names Phala's SDKs use, with the precedence
 * builder, then system property, then environment, then default; and what the defaults are.
 * Settings are passed as maps, so the real environment never leaks in.
 */
class ClientConstructionTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void answerWithAnEmptyList() {
    api.listingReturns(StubApi.json(200, "[]"));
  }

  private PhalaCloud.Builder fromSettings() {
    return PhalaCloud.builder()
        .fromEnv(new Settings(properties, environment))
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
  }

  private PhalaCloud build(PhalaCloud.Builder builder) {
    return api.track(builder.build());
  }

  /** The value of {@code header} on the one request the stub received. */
  private static String sent(String header) {
    return api.onlyRequest().getHeader(header);
  }

  @Test
  void builderSetsBaseUrlCredentialAndApiVersion() {
    PhalaCloud client =
        build(
            PhalaCloud.builder()
                .baseUrl(api.baseUrl())
                .apiKey(StubApi.API_KEY)
                .apiVersion("2026-01-21"));

    // A version of the CVMInfo shape is sent by the calls of that shape (listCvms always sends
    // 2025-10-28: see ApiVersionSafetyTest).
    client.cvms().list();

    assertThat(client.baseUrl()).isEqualTo(api.baseUrl() + "/");
    assertThat(client.apiVersion().value()).isEqualTo("2026-01-21");
    assertThat(sent("X-API-Key")).isEqualTo(StubApi.API_KEY);
    assertThat(sent("X-Phala-Version")).isEqualTo("2026-01-21");
  }

  @Test
  void fromEnvReadsApiKeyAndApiPrefixFromTheEnvironmentVariablesOfPhalasSdks() {
    environment.put("PHALA_CLOUD_API_PREFIX", api.baseUrl());
    environment.put("PHALA_CLOUD_API_KEY", StubApi.API_KEY);

    PhalaCloud client = build(fromSettings());
    client.cvms().list(CvmShape.LEGACY);

    assertThat(client.baseUrl()).isEqualTo(api.baseUrl() + "/");
    assertThat(sent("X-API-Key")).isEqualTo(StubApi.API_KEY);
  }

  @Test
  void fromEnvReadsABearerTokenFromPhalaOidcToken() {
    environment.put("PHALA_CLOUD_API_PREFIX", api.baseUrl());
    environment.put("PHALA_OIDC_TOKEN", StubApi.BEARER_TOKEN);

    build(fromSettings()).cvms().list(CvmShape.LEGACY);

    assertThat(sent("Authorization")).isEqualTo("Bearer " + StubApi.BEARER_TOKEN);
    assertThat(sent("X-API-Key")).isNull();
  }

  @Test
  void fromEnvReadsApiKeyAndApiPrefixFromSystemProperties() {
    properties.put("phala.cloud.apiPrefix", api.baseUrl());
    properties.put("phala.cloud.apiKey", StubApi.API_KEY);

    PhalaCloud client = build(fromSettings());
    client.cvms().list(CvmShape.LEGACY);

    assertThat(client.baseUrl()).isEqualTo(api.baseUrl() + "/");
    assertThat(sent("X-API-Key")).isEqualTo(StubApi.API_KEY);
  }

  @Test
  void fromEnvReadsABearerTokenFromTheOidcTokenSystemProperty() {
    properties.put("phala.cloud.apiPrefix", api.baseUrl());
    properties.put("phala.oidcToken", StubApi.BEARER_TOKEN);

    build(fromSettings()).cvms().list(CvmShape.LEGACY);

    assertThat(sent("Authorization")).isEqualTo("Bearer " + StubApi.BEARER_TOKEN);
  }

  @Test
  void systemPropertiesWinOverEnvironmentVariables() {
    properties.put("phala.cloud.apiPrefix", api.baseUrl());
    properties.put("phala.cloud.apiKey", "phak_fromProperty");
    environment.put("PHALA_CLOUD_API_PREFIX", "https://env.example.com/api/v1");
    environment.put("PHALA_CLOUD_API_KEY", "phak_fromEnvironment");

    PhalaCloud client = build(fromSettings());
    client.cvms().list(CvmShape.LEGACY);

    assertThat(client.baseUrl()).isEqualTo(api.baseUrl() + "/");
    assertThat(sent("X-API-Key")).isEqualTo("phak_fromProperty");
  }

  @Test
  void builderValuesWinOverSystemPropertiesAndEnvironmentVariables() {
    properties.put("phala.cloud.apiPrefix", "https://property.example.com/api/v1");
    properties.put("phala.cloud.apiKey", "phak_fromProperty");
    environment.put("PHALA_CLOUD_API_PREFIX", "https://env.example.com/api/v1");
    environment.put("PHALA_CLOUD_API_KEY", "phak_fromEnvironment");

    PhalaCloud client = build(fromSettings().baseUrl(api.baseUrl()).apiKey("phak_fromBuilder"));
    client.cvms().list(CvmShape.LEGACY);

    assertThat(client.baseUrl()).isEqualTo(api.baseUrl() + "/");
    assertThat(sent("X-API-Key")).isEqualTo("phak_fromBuilder");
  }

  @Test
  void aBearerTokenOnTheBuilderWinsOverAnApiKeyFromTheEnvironment() {
    environment.put("PHALA_CLOUD_API_KEY", "phak_fromEnvironment");

    build(fromSettings().baseUrl(api.baseUrl()).bearerToken(StubApi.BEARER_TOKEN))
        .cvms()
        .list(CvmShape.LEGACY);

    assertThat(sent("Authorization")).isEqualTo("Bearer " + StubApi.BEARER_TOKEN);
    assertThat(sent("X-API-Key")).isNull();
  }

  @Test
  void emptySettingsCountAsUnset() {
    properties.put("phala.cloud.apiPrefix", "");
    properties.put("phala.cloud.apiKey", "");
    environment.put("PHALA_CLOUD_API_PREFIX", "");
    environment.put("PHALA_CLOUD_API_KEY", StubApi.API_KEY);

    PhalaCloud client = build(fromSettings());

    assertThat(client.baseUrl()).isEqualTo(PhalaCloud.DEFAULT_BASE_URL + "/");
    assertThat(client.toString()).contains("X-API-Key(***)");
  }

  @Test
  void hasCredentialSaysWhetherBuildWillFindOne() {
    assertThat(fromSettings().hasCredential()).isFalse();
    assertThat(PhalaCloud.builder().hasCredential()).isFalse();

    environment.put("PHALA_CLOUD_API_KEY", "");
    assertThat(fromSettings().hasCredential()).as("empty counts as unset").isFalse();
    assertThatThrownBy(() -> fromSettings().build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageStartingWith("No credentials");

    environment.put("PHALA_OIDC_TOKEN", StubApi.BEARER_TOKEN);
    assertThat(fromSettings().hasCredential()).isTrue();
    environment.clear();
    properties.put("phala.cloud.apiKey", StubApi.API_KEY);
    assertThat(fromSettings().hasCredential()).isTrue();
    properties.clear();
    assertThat(PhalaCloud.builder().apiKey(StubApi.API_KEY).hasCredential()).isTrue();
    assertThat(PhalaCloud.builder().bearerToken(StubApi.BEARER_TOKEN).hasCredential()).isTrue();
  }

  @Test
  void aMalformedSettingIsReportedWithWhereItCameFrom() {
    environment.put("PHALA_CLOUD_API_PREFIX", "cloud-api.phala.com/api/v1");
    environment.put("PHALA_CLOUD_API_KEY", StubApi.API_KEY);

    assertThatThrownBy(() -> build(fromSettings()))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("environment variable PHALA_CLOUD_API_PREFIX");
  }

  @Test
  void aMalformedCredentialSettingIsReportedWithWhereItCameFromButNotItsValue() {
    environment.put("PHALA_CLOUD_API_KEY", StubApi.API_KEY + "\n");

    assertThatThrownBy(() -> build(fromSettings().baseUrl(api.baseUrl())))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("environment variable PHALA_CLOUD_API_KEY")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(StubApi.API_KEY));
  }

  @Test
  void defaultBaseUrlIsPhalasProductionApi() {
    PhalaCloud client = build(fromSettings().apiKey(StubApi.API_KEY));

    assertThat(PhalaCloud.DEFAULT_BASE_URL).isEqualTo("https://cloud-api.phala.com/api/v1");
    assertThat(client.baseUrl()).isEqualTo("https://cloud-api.phala.com/api/v1/");
  }

  @Test
  void theDefaultApiVersionIsTheNewestAndTheLegacyShapeSendsItsOwn() {
    PhalaCloud client = api.client();

    client.cvms().list(CvmShape.LEGACY);

    assertThat(client.apiVersion()).isEqualTo(PhalaCloud.LATEST_API_VERSION);
    assertThat(sent("X-Phala-Version")).isEqualTo("2025-10-28");
  }

  @Test
  void nullResetsAnOptionalSettingToItsDefault() {
    PhalaCloud client =
        api.builder()
            .apiVersion(ApiVersion.V2026_06_23)
            .apiVersion((ApiVersion) null)
            .responseLimits(ResponseLimits.builder().maxListChars(1).build())
            .responseLimits(null)
            .userAgentSuffix(null)
            .build();

    client.cvms().list(); // "[]" is 2 characters, past a maxListChars of 1

    assertThat(client.apiVersion()).isEqualTo(PhalaCloud.DEFAULT_API_VERSION);
    assertThat(sent("X-Phala-Version")).isEqualTo(PhalaCloud.DEFAULT_API_VERSION.value());
  }

  @Test
  void aPinnedShapeSendsItsVersionAndALegacyOneIsRefusedWhereItIsGiven() {
    api.client().cvms().list(CvmShape.current(ApiVersion.V2026_01_21));

    assertThat(sent("X-Phala-Version")).isEqualTo("2026-01-21");
    assertThatThrownBy(() -> CvmShape.current(ApiVersion.V2025_10_28))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("CvmShape.LEGACY");
  }

  @Test
  void theLegacyShapesVersionIsTheDefaultOfTheSpecsXPhalaVersionParameter() {
    // The server answers a request without the header in the legacy shape.
    assertThat(CvmShape.LEGACY.version().map(ApiVersion::value)).contains(specDefaultApiVersion());
  }

  @Test
  void defaultIsTwoRetries() {
    api.listingReturns(
        StubApi.json(503, "{\"detail\":\"busy\"}").withHeader("retry-after-ms", "5"));
    PhalaCloud client = build(PhalaCloud.builder().baseUrl(api.baseUrl()).apiKey(StubApi.API_KEY));

    assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
        .isInstanceOf(InternalServerException.class);
    assertThat(PhalaCloud.DEFAULT_MAX_RETRIES).isEqualTo(2);
    assertThat(api.listingRequests()).isEqualTo(3);
  }

  @Test
  void aPrefixWithoutApiV1IsTakenAsTheServerRoot() {
    build(PhalaCloud.builder().baseUrl("http://127.0.0.1:" + api.port()).apiKey(StubApi.API_KEY))
        .cvms()
        .list(CvmShape.LEGACY);

    api.server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(StubApi.PATH))
                .withHeader("X-API-Key", equalTo(StubApi.API_KEY)));
  }

  @Test
  void aPrefixBelowAPathKeepsThatPath() {
    api.server()
        .stubFor(get(urlPathEqualTo("/gateway/api/v1/cvms")).willReturn(StubApi.json(200, "[]")));

    build(
            PhalaCloud.builder()
                .baseUrl("http://127.0.0.1:" + api.port() + "/gateway/api/v1/")
                .apiKey(StubApi.API_KEY))
        .cvms()
        .list(CvmShape.LEGACY);

    api.server().verify(1, getRequestedFor(urlPathEqualTo("/gateway/api/v1/cvms")));
  }

  /**
   * The {@code default} of the {@code X-Phala-Version} parameter in the spec the generated jar
   * ships: the first {@code default:} after {@code name: X-Phala-Version}, or, when its schema is a
   * {@code $ref} to a component schema, that schema's {@code default:}.
   */
  private static String specDefaultApiVersion() {
    List<String> lines =
        StubApi.resourceText("META-INF/phala-cloud/openapi/phala-cloud.yaml").lines().toList();
    int parameter = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals("name: X-Phala-Version")) {
        parameter = i;
        break;
      }
    }
    assertThat(parameter).as("the spec declares an X-Phala-Version parameter").isNotNegative();
    int indent = indentOf(lines.get(parameter));
    for (int i = parameter + 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      // The parameter ends at the first line indented less than its own members (a description's
      // own "- " list items are indented more, and are not the end).
      if (!line.isEmpty() && indentOf(lines.get(i)) < indent || line.startsWith("name:")) {
        break;
      }
      if (line.startsWith("default:")) {
        return line.substring("default:".length()).trim().replace("\"", "").replace("'", "");
      }
      if (line.startsWith("$ref:") && line.contains("#/components/schemas/")) {
        String schema = line.substring(line.lastIndexOf('/') + 1).replace("\"", "").trim();
        return schemaDefault(lines, schema);
      }
    }
    throw new AssertionError("the X-Phala-Version parameter in the spec has no default");
  }

  private static int indentOf(String line) {
    return line.length() - line.stripLeading().length();
  }

  /** The {@code default:} of the component schema {@code name} (before its next sibling). */
  private static String schemaDefault(List<String> lines, String name) {
    int start = lines.indexOf("    " + name + ":");
    assertThat(start).as("the spec declares the schema %s", name).isNotNegative();
    for (int i = start + 1; i < lines.size() && !lines.get(i).matches("    \\S.*"); i++) {
      String line = lines.get(i).trim();
      if (line.startsWith("default:")) {
        return line.substring("default:".length()).trim().replace("\"", "").replace("'", "");
      }
    }
    throw new AssertionError("the schema " + name + " in the spec has no default");
  }
}
