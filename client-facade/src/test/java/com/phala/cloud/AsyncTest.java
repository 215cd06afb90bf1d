package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.errors.NotFoundException;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaIoException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code async().cvms().list(...)}: the future completes with the same list {@code
 * cvms().list(...)} returns, fails with the same exception types (as the cause), and cancelling it
 * aborts the HTTP call in flight and any retry still to come. OkHttp's own event listener ({@link
 * StubApi.Calls}) reports what happened on the wire.
 */
class AsyncTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static final long WITHIN_SECONDS = 5;

  @Test
  void theFutureCompletesWithTheList() throws Exception {
    api.listingReturns(StubApi.example("cvms-full.json"));

    CvmList cvms =
        api.client().async().cvms().list(CvmShape.LEGACY).get(WITHIN_SECONDS, TimeUnit.SECONDS);

    assertThat(cvms)
        .extracting(cvm -> cvm.name())
        .containsExactly("inference-gateway", "gpu-trainer", "staging-api");
  }

  @Test
  void theFutureCarriesTheFilters() throws Exception {
    api.listingReturns(StubApi.json(200, "[]"));

    api.client()
        .async()
        .cvms()
        .list(CvmShape.LEGACY, ListCvmsParams.builder().teepodId(9).build())
        .get(WITHIN_SECONDS, TimeUnit.SECONDS);

    assertThat(api.onlyRequest().queryParameter("teepod_id").firstValue()).isEqualTo("9");
  }

  @Test
  void anErrorStatusFailsTheFutureWithTheSameExceptionAsTheCause() {
    api.listingReturns(StubApi.json(404, "{\"detail\":\"Not Found\"}"));
    CompletableFuture<CvmList> future = api.client().async().cvms().list(CvmShape.LEGACY);

    assertThatThrownBy(() -> future.get(WITHIN_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("HTTP 404");
    assertThatThrownBy(future::join)
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void unusableDataFailsTheFutureWithPhalaInvalidDataException() {
    api.listingReturns(StubApi.json(200, "{\"not\":\"a list\"}"));

    assertThatThrownBy(
            () ->
                api.client()
                    .async()
                    .cvms()
                    .list(CvmShape.LEGACY)
                    .get(WITHIN_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PhalaInvalidDataException.class);
  }

  @Test
  void aNetworkFailureFailsTheFutureWithPhalaIoException() {
    api.listingReturns(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    assertThatThrownBy(
            () ->
                api.client()
                    .async()
                    .cvms()
                    .list(CvmShape.LEGACY)
                    .get(WITHIN_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PhalaIoException.class);
  }

  @Test
  void cancellingTheFutureAbortsTheCallInFlightAndRetriesNoMore() throws Exception {
    api.listingReturns(StubApi.json(503, "{}").withFixedDelay(3_000));
    StubApi.Calls calls = new StubApi.Calls();
    PhalaCloud client = api.track(api.builder().maxRetries(5).okHttpClient(calls.client()).build());
    CompletableFuture<CvmList> future = client.async().cvms().list(CvmShape.LEGACY);
    assertThat(calls.requestSent.await(WITHIN_SECONDS, TimeUnit.SECONDS))
        .as("the request went out")
        .isTrue();

    long started = System.nanoTime();
    assertThat(future.cancel(true)).isTrue();

    assertThat(future).isCancelled();
    assertThat(calls.callCanceled.await(1, TimeUnit.SECONDS))
        .as("OkHttp cancelled the call")
        .isTrue();
    assertThat(calls.callFailed.await(1, TimeUnit.SECONDS))
        .as("the call ended without its answer")
        .isTrue();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000);
    assertThat(calls.noFurtherCallWithin(300)).as("no retry after cancelling").isTrue();
  }

  @Test
  void cancellingTheFutureDuringTheWaitBeforeARetryStopsTheRetry() throws Exception {
    api.listingReturns(StubApi.json(503, "{}").withHeader("retry-after-ms", "400"));
    StubApi.Calls calls = new StubApi.Calls();
    PhalaCloud client = api.track(api.builder().okHttpClient(calls.client()).build());
    CompletableFuture<CvmList> future = client.async().cvms().list(CvmShape.LEGACY);
    assertThat(calls.callEnded.await(WITHIN_SECONDS, TimeUnit.SECONDS))
        .as("the first answer came")
        .isTrue();

    future.cancel(true);

    assertThat(future).isCancelled();
    assertThat(calls.noFurtherCallWithin(700)).as("no retry after cancelling").isTrue();
  }

  @Test
  void afterCloseTheFutureFailsWithPhalaException() {
    PhalaCloud client = api.client();
    client.close();

    assertThatThrownBy(
            () -> client.async().cvms().list(CvmShape.LEGACY).get(WITHIN_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PhalaException.class)
        .hasMessageContaining("closed");
  }
}
