package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code X-Phala-Workspace}: sent on every kind of listing when set on the builder, through {@code
 * fromEnv(Map)} from {@code PHALA_CLOUD_WORKSPACE}, or from the system property {@code
 * phala.cloud.workspace}; the builder wins; absent when unset; refused when blank or not one
 * printable line, with a message that says where it came from and never echoes control characters.
 */
class WorkspaceHeaderTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static final String HEADER = "X-Phala-Workspace";
  private static final String PROPERTY = "phala.cloud.workspace";

  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void answerEmptyLists() {
    api.listingReturns(StubApi.json(200, "[]"));
    System.clearProperty(PROPERTY);
  }

  @AfterEach
  void clearTheProperty() {
    System.clearProperty(PROPERTY);
  }

  private PhalaCloud.Builder fromEnv() {
    environment.put("PHALA_CLOUD_API_KEY", StubApi.API_KEY);
    environment.put("PHALA_CLOUD_API_PREFIX", api.baseUrl());
    return PhalaCloud.builder().fromEnv(environment);
  }

  /** Lists once with each of the four calls and returns the header values of each request. */
  private static List<List<String>> workspaceHeadersOfEveryCall(PhalaCloud client)
      throws Exception {
    client.cvms().list(CvmShape.LEGACY);
    try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      cvms.forEach(cvm -> {});
    }
    client.cvms().list();
    try (CvmInfoStream cvms = client.cvms().stream(ListCvmsParams.none())) {
      cvms.forEach(cvm -> {});
    }
    client.async().cvms().list(ListCvmsParams.none()).get(5, TimeUnit.SECONDS);
    return api
        .server()
        .findAll(
            com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(StubApi.PATH)))
        .stream()
        .map(
            request ->
                request.containsHeader(HEADER)
                    ? request.getHeaders().getHeader(HEADER).values()
                    : List.<String>of())
        .toList();
  }

  @Test
  void theBuildersWorkspaceIsSentOnEveryCall() throws Exception {
    PhalaCloud client = api.track(api.builder().workspace("wks_9XbT3mPq").build());

    assertThat(workspaceHeadersOfEveryCall(client))
        .hasSize(5)
        .allSatisfy(values -> assertThat(values).containsExactly("wks_9XbT3mPq"));
  }

  @Test
  void aSlugIsSentAsIs() {
    PhalaCloud client = api.track(api.builder().workspace("acme-ai").build());

    client.cvms().list();

    assertThat(api.onlyRequest().getHeader(HEADER)).isEqualTo("acme-ai");
  }

  @Test
  void fromEnvReadsPhalaCloudWorkspace() throws Exception {
    environment.put("PHALA_CLOUD_WORKSPACE", "wks_2LpV7nKs");
    PhalaCloud client = api.track(fromEnv().build());

    assertThat(workspaceHeadersOfEveryCall(client))
        .hasSize(5)
        .allSatisfy(values -> assertThat(values).containsExactly("wks_2LpV7nKs"));
  }

  @Test
  void fromEnvReadsTheSystemPropertyFirst() {
    environment.put("PHALA_CLOUD_WORKSPACE", "wks_fromEnvironment");
    System.setProperty(PROPERTY, "wks_fromProperty");
    PhalaCloud client = api.track(fromEnv().build());

    client.cvms().list(CvmShape.LEGACY);

    assertThat(api.onlyRequest().getHeader(HEADER)).isEqualTo("wks_fromProperty");
  }

  @Test
  void theBuilderWinsOverTheEnvironment() {
    environment.put("PHALA_CLOUD_WORKSPACE", "wks_fromEnvironment");
    PhalaCloud client = api.track(fromEnv().workspace("wks_fromBuilder").build());

    client.cvms().list();

    assertThat(api.onlyRequest().getHeader(HEADER)).isEqualTo("wks_fromBuilder");
  }

  @Test
  void noHeaderWhenUnset() throws Exception {
    PhalaCloud client = api.track(api.builder().build());

    assertThat(workspaceHeadersOfEveryCall(client))
        .hasSize(5)
        .allSatisfy(values -> assertThat(values).isEmpty());
  }

  @Test
  void noHeaderWhenTheEnvironmentHasNone() {
    PhalaCloud client = api.track(fromEnv().build());

    client.cvms().list();

    assertThat(api.onlyRequest().containsHeader(HEADER)).isFalse();
  }

  @Test
  void anEmptyEnvironmentVariableCountsAsUnset() {
    environment.put("PHALA_CLOUD_WORKSPACE", "");
    PhalaCloud client = api.track(fromEnv().build());

    client.cvms().list();

    assertThat(api.onlyRequest().containsHeader(HEADER)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme ai", "wks_1\r\nX-Evil: 1", "wks_1\n", "", "   ", "caf\u00e9"})
  void aBadWorkspaceOnTheBuilderIsRefusedWhenSet(String workspace) {
    PhalaCloud.Builder builder = api.builder();
    assertThatThrownBy(() -> builder.workspace(workspace))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageStartingWith("The workspace must be a workspace id (wks_...) or slug")
        .message()
        .doesNotContain("\r", "\n");

    assertThat(api.server().getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme ai", "wks_1\r\nX-Evil: 1", "wks_1\n", "   "})
  void aBadWorkspaceFromTheEnvironmentIsRefusedNamingTheVariable(String workspace) {
    environment.put("PHALA_CLOUD_WORKSPACE", workspace);

    assertThatThrownBy(() -> fromEnv().build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("environment variable PHALA_CLOUD_WORKSPACE")
        .message()
        .doesNotContain("\r", "\n");

    assertThat(api.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void aBadWorkspaceFromTheSystemPropertyIsRefusedNamingTheProperty() {
    System.setProperty(PROPERTY, "acme\tai");

    assertThatThrownBy(() -> fromEnv().build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("system property phala.cloud.workspace")
        .message()
        .doesNotContain("\t");
  }
}
