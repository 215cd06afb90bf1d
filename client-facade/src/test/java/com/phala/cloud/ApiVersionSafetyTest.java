package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmInfo;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each call sends only a version of the shape it reads. The stand-in answers by version, as the
 * real API does: the contract's {@code HostedCvm} example for {@code 2025-10-28}, its {@code
 * CVMInfo} example for the three later versions, and 404 for anything else, and it records every
 * request. The legacy calls ({@code cvms().list(...)}, {@code cvms().stream(...)}, {@code
 * async().cvms().list(...)}) send exactly {@code 2025-10-28} whatever the client is configured
 * with; the {@code CvmInfo} calls send the configured version of their shape, else the newest; an
 * unknown version never reaches the wire.
 */
class ApiVersionSafetyTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static final String LEGACY = "2025-10-28";
  private static final List<String> CVMINFO_VERSIONS =
      List.of("2026-01-21", "2026-05-22", "2026-06-23", "2026-11-11");
  private static final long WITHIN_SECONDS = 5;

  /** The legacy example's names, and the CVMInfo example's: the third differs. */
  private static final List<String> LEGACY_NAMES =
      List.of("inference-gateway", "gpu-trainer", "staging-api");

  private static final List<String> CVMINFO_NAMES =
      List.of("inference-gateway", "gpu-trainer", "chain-indexer");

  @BeforeEach
  void answerByVersion() {
    api.server()
        .stubFor(
            StubApi.listing()
                .withHeader("X-Phala-Version", equalTo(LEGACY))
                .willReturn(StubApi.example("cvms-full.json")));
    for (String version : CVMINFO_VERSIONS) {
      api.server()
          .stubFor(
              StubApi.listing()
                  .withHeader("X-Phala-Version", equalTo(version))
                  .willReturn(StubApi.example("cvminfos-full.json")));
    }
  }

  /** The three ways to list in each shape, each returning the names it read. */
  private enum LegacyCall {
    LIST(
        client ->
            client.cvms().list(CvmShape.LEGACY).stream()
                .map(Cvm::name)
                .collect(Collectors.toList())),
    LIST_WITH_PARAMS(
        client ->
            client.cvms().list(CvmShape.LEGACY, ListCvmsParams.none()).stream()
                .map(Cvm::name)
                .collect(Collectors.toList())),
    STREAM(
        client -> {
          try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
            return cvms.stream().map(Cvm::name).collect(Collectors.toList());
          }
        }),
    ASYNC(
        client ->
            client
                .async()
                .cvms()
                .list(CvmShape.LEGACY)
                .get(WITHIN_SECONDS, TimeUnit.SECONDS)
                .stream()
                .map(Cvm::name)
                .collect(Collectors.toList()));

    final Call call;

    LegacyCall(Call call) {
      this.call = call;
    }
  }

  private enum InfoCall {
    LIST(client -> client.cvms().list().stream().map(CvmInfo::name).collect(Collectors.toList())),
    LIST_WITH_PARAMS(
        client ->
            client.cvms().list(ListCvmsParams.none()).stream()
                .map(CvmInfo::name)
                .collect(Collectors.toList())),
    STREAM(
        client -> {
          try (CvmInfoStream cvms = client.cvms().stream(ListCvmsParams.none())) {
            return cvms.stream().map(CvmInfo::name).collect(Collectors.toList());
          }
        }),
    ASYNC(
        client ->
            client
                .async()
                .cvms()
                .list(ListCvmsParams.none())
                .get(WITHIN_SECONDS, TimeUnit.SECONDS)
                .stream()
                .map(CvmInfo::name)
                .collect(Collectors.toList()));

    final Call call;

    InfoCall(Call call) {
      this.call = call;
    }
  }

  @FunctionalInterface
  private interface Call {
    List<String> names(PhalaCloud client) throws Exception;
  }

  /** Every configuration a client can have: each known version, and none. */
  private static Stream<Arguments> legacyCallsUnderEveryConfiguredVersion() {
    List<Arguments> cases = new ArrayList<>();
    List<String> configured = new ArrayList<>(CVMINFO_VERSIONS);
    configured.add(LEGACY);
    configured.add(null);
    for (LegacyCall call : LegacyCall.values()) {
      for (String version : configured) {
        cases.add(Arguments.of(call, version));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with apiVersion({1})")
  @MethodSource("legacyCallsUnderEveryConfiguredVersion")
  void theLegacyCallsSendExactly20251028WhateverIsConfigured(LegacyCall call, String configured)
      throws Exception {
    PhalaCloud client = client(configured);

    List<String> names = call.call.names(client);

    assertThat(names).isEqualTo(LEGACY_NAMES);
    assertThat(onlyVersionHeader()).containsExactly(LEGACY);
  }

  @Test
  void theLegacyCallsSend20251028EvenWhenTheClientWasBuiltWith20260623() throws Exception {
    PhalaCloud client = api.track(api.builder().apiVersion("2026-06-23").build());
    assertThat(client.apiVersion().value()).isEqualTo("2026-06-23");

    client.cvms().list(CvmShape.LEGACY);
    try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      cvms.forEach(cvm -> {});
    }
    client.async().cvms().list(CvmShape.LEGACY).get(WITHIN_SECONDS, TimeUnit.SECONDS);

    List<LoggedRequest> requests =
        api.server().findAll(getRequestedFor(urlPathEqualTo(StubApi.PATH)));
    assertThat(requests).hasSize(3);
    assertThat(requests)
        .allSatisfy(
            request ->
                assertThat(request.getHeaders().getHeader("X-Phala-Version").values())
                    .containsExactly(LEGACY));
  }

  private static Stream<Arguments> infoCallsUnderEveryCvmInfoVersion() {
    List<Arguments> cases = new ArrayList<>();
    for (InfoCall call : InfoCall.values()) {
      for (String version : CVMINFO_VERSIONS) {
        cases.add(Arguments.of(call, version));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with apiVersion({1})")
  @MethodSource("infoCallsUnderEveryCvmInfoVersion")
  void theCvmInfoCallsSendTheConfiguredVersionOfTheirShape(InfoCall call, String configured)
      throws Exception {
    PhalaCloud client = client(configured);

    List<String> names = call.call.names(client);

    assertThat(names).isEqualTo(CVMINFO_NAMES);
    assertThat(onlyVersionHeader()).containsExactly(configured);
  }

  private static Stream<Arguments> infoCallsWithoutAVersionOfTheirShape() {
    List<Arguments> cases = new ArrayList<>();
    for (InfoCall call : InfoCall.values()) {
      cases.add(Arguments.of(call, null));
      cases.add(Arguments.of(call, LEGACY));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with apiVersion({1})")
  @MethodSource("infoCallsWithoutAVersionOfTheirShape")
  void theCvmInfoCallsSendTheNewest20261111ByDefaultAndWhen20251028IsConfigured(
      InfoCall call, String configured) throws Exception {
    PhalaCloud client = client(configured);

    List<String> names = call.call.names(client);

    assertThat(names).isEqualTo(CVMINFO_NAMES);
    assertThat(onlyVersionHeader()).containsExactly("2026-11-11");
    assertThat(PhalaCloud.LATEST_API_VERSION.value()).isEqualTo("2026-11-11");
  }

  @Test
  void theEnumOverloadConfiguresTheSameVersion() {
    PhalaCloud client = api.track(api.builder().apiVersion(ApiVersion.V2026_01_21).build());

    client.cvms().list();

    assertThat(client.apiVersion().value()).isEqualTo("2026-01-21");
    assertThat(onlyVersionHeader()).containsExactly("2026-01-21");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2027-01-01", "2026-06-23\r\nX: y", "latest"})
  void anUnknownVersionIsRefusedBeforeAnythingIsSent(String version) {
    assertThatThrownBy(() -> api.builder().apiVersion(version).build())
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContainingAll(
            "2025-10-28", "2026-01-21", "2026-05-22", "2026-06-23", "2026-11-11")
        .hasMessageContaining("upgrade phala-cloud-client")
        .message()
        .doesNotContain("\r", "\n");

    assertThat(api.server().getAllServeEvents()).as("requests the server received").isEmpty();
  }

  @Test
  void theRefusalNamesTheVersionItRefused() {
    assertThatThrownBy(() -> api.builder().apiVersion("2027-01-01"))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("'2027-01-01'");
  }

  private static PhalaCloud client(String configured) {
    PhalaCloud.Builder builder = api.builder();
    if (configured != null) {
      builder.apiVersion(configured);
    }
    return api.track(builder.build());
  }

  /** The values of X-Phala-Version on the one listing request the server received. */
  private static List<String> onlyVersionHeader() {
    return api.onlyRequest().getHeaders().getHeader("X-Phala-Version").values();
  }
}
