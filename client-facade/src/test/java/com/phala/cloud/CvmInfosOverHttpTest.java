package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.phala.cloud.cvm.CvmId;
import com.phala.cloud.cvm.CvmInfo;
import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmStatus;
import com.phala.cloud.cvm.WorkspaceId;
import com.phala.cloud.errors.NotFoundException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaIoException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The current shape over HTTP: {@link CvmInfoList}'s helpers on the contract's example as the
 * server sends it, {@link CvmInfoStream} delivering every item and failing at the offending one,
 * and {@code async().cvms().list()} completing, failing and cancelling as the legacy shape's do.
 */
class CvmInfosOverHttpTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static final long WITHIN_SECONDS = 5;

  private static void serveFull() {
    api.listingReturns(
        StubApi.example("cvminfos-full.json").withHeader("X-Request-ID", "req-cvminfo-1"));
  }

  @Test
  void theListHelpersWorkOnTheServedExample() {
    serveFull();

    CvmInfoList cvms = api.client().cvms().list();

    assertThat(cvms)
        .extracting(CvmInfo::name)
        .containsExactly("inference-gateway", "gpu-trainer", "chain-indexer");
    assertThat(cvms.findById(CvmId.parse("cvm_Qm4Wz8Ne1Ld")).map(CvmInfo::name))
        .contains("gpu-trainer");
    assertThat(cvms.findById(CvmId.parse("cvm_Nope"))).isEmpty();
    assertThat(cvms.inWorkspace(WorkspaceId.parse("wks_9XbT3mPq")))
        .extracting(CvmInfo::name)
        .containsExactly("inference-gateway", "gpu-trainer");
    assertThat(cvms.inWorkspace(WorkspaceId.parse("wks_2LpV7nKs")))
        .extracting(CvmInfo::name)
        .containsExactly("chain-indexer");
    assertThat(cvms.inWorkspace(WorkspaceId.parse("wks_None"))).isEmpty();

    Map<String, CvmInfoList> byRegion = cvms.groupByRegion();
    assertThat(byRegion).containsOnlyKeys("us-west", "us-east", "eu-central");
    assertThat(new ArrayList<>(byRegion.keySet()))
        .as("first-seen order")
        .containsExactly("us-west", "us-east", "eu-central");
    assertThat(byRegion.get("us-east")).extracting(CvmInfo::name).containsExactly("gpu-trainer");

    assertThat(cvms.totalVcpu()).isEqualTo(2 + 24 + 4);
    assertThat(cvms.totalDiskGb()).isEqualTo(40 + 500 + 80);
    // 4.0 + 192.0 + 8.5, exactly.
    assertThat(cvms.totalMemoryGb()).isEqualTo(new BigDecimal("204.5"));

    assertThat(cvms.running()).extracting(CvmInfo::name).containsExactly("inference-gateway");
    assertThat(cvms.withStatus("STOPPED", "starting"))
        .extracting(CvmInfo::name)
        .containsExactly("gpu-trainer", "chain-indexer");
    assertThat(cvms.withStatus(CvmStatus.Known.STARTING))
        .extracting(CvmInfo::name)
        .containsExactly("chain-indexer");
    assertThat(cvms.findByName("chain-indexer").map(cvm -> cvm.idRaw()))
        .contains("cvm_Zr7Hc3Ty6Ga");
    assertThat(cvms.filter(CvmInfo::isTransitional))
        .extracting(CvmInfo::name)
        .containsExactly("chain-indexer");

    // Every list derived from it carries the same response.
    assertThat(cvms.response().orElseThrow().requestId()).contains("req-cvminfo-1");
    assertThat(cvms.running().response()).isEqualTo(cvms.response());
    assertThat(byRegion.get("us-west").response()).isEqualTo(cvms.response());
    assertThat(cvms.inWorkspace(WorkspaceId.parse("wks_2LpV7nKs")).response())
        .isEqualTo(cvms.response());
  }

  @Test
  void groupByRegionPutsACvmWithNoNodeUnderTheEmptyKey() {
    api.listingReturns(StubApi.example("cvminfos-minimal.json"));

    CvmInfoList cvms = api.client().cvms().list();

    assertThat(cvms.groupByRegion()).containsOnlyKeys("");
    assertThat(cvms.totalVcpu()).isZero();
    assertThat(cvms.totalDiskGb()).isZero();
    assertThat(cvms.totalMemoryGb()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(cvms.inWorkspace(WorkspaceId.parse("wks_9XbT3mPq"))).isEmpty();
  }

  @Test
  void aTotalFailsOnAValueOfTheWrongTypeNamingItsPath() {
    String body =
        new String(StubApi.exampleBytes("cvminfos-full.json"), StandardCharsets.UTF_8)
            .replace("\"vcpu\": 24", "\"vcpu\": \"24\"");
    api.listingReturns(StubApi.json(200, body));

    CvmInfoList cvms = api.client().cvms().list();

    assertThatThrownBy(cvms::totalVcpu)
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageContaining("$[1].resource.vcpu");
  }

  @Test
  void theStreamDeliversEveryItemInOrder() {
    serveFull();

    List<CvmInfo> read;
    try (CvmInfoStream cvms = api.client().cvms().stream(ListCvmsParams.none())) {
      assertThat(cvms.response().orElseThrow().requestId()).contains("req-cvminfo-1");
      read = cvms.stream().toList();
    }

    assertThat(read)
        .extracting(CvmInfo::idRaw)
        .containsExactly("cvm_7Kp2xQ9mRbT4", "cvm_Qm4Wz8Ne1Ld", "cvm_Zr7Hc3Ty6Ga");
    assertThat(read).extracting(CvmInfo::path).containsExactly("$[0]", "$[1]", "$[2]");
    // Items read from the stream are complete views, the same as the list's.
    CvmInfoList listed =
        CvmInfoList.parse(
            new String(StubApi.exampleBytes("cvminfos-full.json"), StandardCharsets.UTF_8));
    for (int i = 0; i < read.size(); i++) {
      assertThat(read.get(i).toJson()).isEqualTo(listed.get(i).toJson());
      assertThat(read.get(i).validate()).isEmpty();
    }
  }

  @Test
  void theStreamFailsAtTheOffendingItemOfABrokenBody() {
    String first =
        com.google.gson.JsonParser.parseString(
                new String(StubApi.exampleBytes("cvminfos-full.json"), StandardCharsets.UTF_8))
            .getAsJsonArray()
            .get(0)
            .toString();
    api.listingReturns(StubApi.json(200, "[" + first + ", 42, " + first + "]"));

    try (CvmInfoStream cvms = api.client().cvms().stream(ListCvmsParams.none())) {
      Iterator<CvmInfo> iterator = cvms.iterator();
      assertThat(iterator.next().name()).isEqualTo("inference-gateway");

      PhalaInvalidDataException thrown =
          catchThrowableOfType(PhalaInvalidDataException.class, iterator::next);

      assertThat(thrown).isNotNull();
      assertThat(thrown.where()).isEqualTo("$[1]");
    }
  }

  @Test
  void theStreamFailsAtTheItemWhereATruncatedBodyEnds() {
    String full = new String(StubApi.exampleBytes("cvminfos-full.json"), StandardCharsets.UTF_8);
    String truncated = full.substring(0, full.indexOf("\"cvm_Zr7Hc3Ty6Ga\"") + 5);
    api.listingReturns(StubApi.json(200, truncated));

    List<String> names = new ArrayList<>();
    Throwable thrown;
    try (CvmInfoStream cvms = api.client().cvms().stream(ListCvmsParams.none())) {
      Iterator<CvmInfo> iterator = cvms.iterator();
      thrown =
          org.assertj.core.api.Assertions.catchThrowable(
              () -> iterator.forEachRemaining(cvm -> names.add(cvm.name())));
    }

    assertThat(names).containsExactly("inference-gateway", "gpu-trainer");
    assertThat(thrown)
        .isInstanceOfAny(PhalaInvalidDataException.class, PhalaIoException.class)
        .hasMessageContaining("$[2]");
  }

  @Test
  void theFutureCompletesWithTheList() throws Exception {
    serveFull();

    CvmInfoList cvms =
        api.client()
            .async()
            .cvms()
            .list(ListCvmsParams.builder().teepodId(12).build())
            .get(WITHIN_SECONDS, TimeUnit.SECONDS);

    assertThat(cvms).extracting(CvmInfo::name).hasSize(3).contains("chain-indexer");
    assertThat(api.onlyRequest().queryParameter("teepod_id").firstValue()).isEqualTo("12");
  }

  @Test
  void anErrorStatusFailsTheFutureWithTheSameException() {
    api.listingReturns(StubApi.json(404, "{\"detail\":\"Not Found\"}"));

    assertThatThrownBy(
            () ->
                api.client()
                    .async()
                    .cvms()
                    .list(ListCvmsParams.none())
                    .get(WITHIN_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aNetworkFailureFailsTheFutureWithPhalaIoException() {
    api.listingReturns(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThatThrownBy(
            () ->
                api.client()
                    .async()
                    .cvms()
                    .list(ListCvmsParams.none())
                    .get(WITHIN_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PhalaIoException.class);
  }

  @Test
  void cancellingTheFutureAbortsTheCallInFlight() throws Exception {
    api.listingReturns(StubApi.json(503, "{}").withFixedDelay(3_000));
    StubApi.Calls calls = new StubApi.Calls();
    PhalaCloud client = api.track(api.builder().maxRetries(5).okHttpClient(calls.client()).build());
    CompletableFuture<CvmInfoList> future = client.async().cvms().list(ListCvmsParams.none());
    assertThat(calls.requestSent.await(WITHIN_SECONDS, TimeUnit.SECONDS))
        .as("the request went out")
        .isTrue();

    assertThat(future.cancel(true)).isTrue();

    assertThat(future).isCancelled();
    assertThat(calls.callCanceled.await(1, TimeUnit.SECONDS))
        .as("OkHttp cancelled the call")
        .isTrue();
    assertThat(calls.noFurtherCallWithin(300)).as("no retry after cancelling").isTrue();
  }
}
