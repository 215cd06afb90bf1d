package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closed means closed: after {@code close()} every call, of both shapes, sync, async or streamed,
 * fails at once with {@link PhalaClosedException} and sends nothing; a call in progress (an
 * attempt, a wait before a retry, a stream being read) ends with it soon after the close. Clients
 * derived with {@code withTimeout} close with their original; closing one of them leaves the
 * original open.
 */
class ClosedClientTest {
  @RegisterExtension static final StubApi api = new StubApi();

  /** How soon after the close a call in progress must have ended: scheduling, not waiting. */
  private static final long PROMPTLY_MILLIS = 1_000;

  static Stream<Arguments> everyCall() {
    return Stream.of(
        call("listCvms", client -> client.cvms().list(CvmShape.LEGACY)),
        call("listCvmInfos", client -> client.cvms().list()),
        call("listCvmsAsync", client -> client.async().cvms().list(CvmShape.LEGACY).join()),
        call("listCvmInfosAsync", client -> client.async().cvms().list().join()),
        call("streamCvms", client -> drain(client.cvms().stream(CvmShape.LEGACY))),
        call("streamCvmInfos", client -> drain(client.cvms().stream())));
  }

  /** Closes {@code client}; the call in progress must end with the close, promptly. */
  private static void closeAndExpectTheCallToEndPromptly(
      PhalaCloud client, CompletableFuture<Throwable> outcome) throws Exception {
    long closed = System.nanoTime();
    client.close();

    assertThat(outcome.get(PROMPTLY_MILLIS, TimeUnit.MILLISECONDS))
        .isInstanceOf(PhalaClosedException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed))
        .isLessThan(PROMPTLY_MILLIS);
  }

  private static Arguments call(String name, Function<PhalaCloud, Object> call) {
    return Arguments.of(name, call);
  }

  private static Object drain(Iterable<?> stream) {
    int count = 0;
    for (Object ignored : stream) {
      count++;
    }
    return count;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyCall")
  void afterCloseEveryCallFailsAtOnceAndSendsNothing(
      String name, Function<PhalaCloud, Object> call) {
    api.listingReturns(StubApi.example("cvms-full.json"));
    StubApi.Calls calls = new StubApi.Calls();
    PhalaCloud client = api.track(api.builder().okHttpClient(calls.client()).build());
    client.close();
    // Once unmeasured, so that loading classes does not count as waiting.
    catchThrowable(() -> call.apply(client));

    long started = System.nanoTime();
    Throwable thrown = catchThrowable(() -> call.apply(client));

    Throwable failure =
        thrown instanceof java.util.concurrent.CompletionException ? thrown.getCause() : thrown;
    assertThat(failure)
        .isInstanceOf(PhalaClosedException.class)
        .hasMessageContaining("client is closed")
        .hasMessageContaining("build a new client");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(200);
    assertThat(calls.started()).as("nothing was sent").isZero();
  }

  @Test
  void afterCloseAnAsyncCallReturnsAFutureAlreadyFailed() {
    PhalaCloud client = api.client();
    client.close();

    CompletableFuture<CvmList> future = client.async().cvms().list(CvmShape.LEGACY);

    assertThat(future).isCompletedExceptionally();
    assertThatThrownBy(future::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PhalaClosedException.class);
  }

  @Test
  void closingTwiceIsHarmless() {
    PhalaCloud client = api.client();
    client.close();
    client.close();

    assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
        .isInstanceOf(PhalaClosedException.class);
  }

  @Test
  void aSyncCallWaitingForItsAnswerEndsWithTheCloseNotTheAnswer() throws Exception {
    api.listingReturns(StubApi.example("cvms-full.json").withFixedDelay(5_000));
    PhalaCloud client = api.client();
    CompletableFuture<Throwable> outcome =
        CompletableFuture.supplyAsync(
            () -> catchThrowable(() -> client.cvms().list(CvmShape.LEGACY)));
    Thread.sleep(300);

    closeAndExpectTheCallToEndPromptly(client, outcome);
  }

  @Test
  void anAsyncCallWaitingForItsAnswerFailsWithTheClose() throws Exception {
    api.listingReturns(StubApi.example("cvms-full.json").withFixedDelay(5_000));
    PhalaCloud client = api.client();
    CompletableFuture<CvmList> future = client.async().cvms().list().thenApply(cvms -> null);
    Thread.sleep(300);

    client.close();

    assertThatThrownBy(() -> future.get(PROMPTLY_MILLIS, TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PhalaClosedException.class);
  }

  @Test
  void asyncCallsStillQueuedBehindTheBoundFailWithTheCloseToo() throws Exception {
    api.listingReturns(StubApi.example("cvms-full.json").withFixedDelay(3_000));
    PhalaCloud client = api.track(api.builder().maxConcurrentCalls(1).build());
    List<CompletableFuture<CvmList>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(client.async().cvms().list(CvmShape.LEGACY));
    }
    Thread.sleep(300);

    client.close();

    for (CompletableFuture<CvmList> call : calls) {
      assertThatThrownBy(() -> call.get(PROMPTLY_MILLIS, TimeUnit.MILLISECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(PhalaClosedException.class);
    }
  }

  @Test
  void anAsyncCallWaitingToRetryFailsWithTheCloseAndRetriesNoMore() throws Exception {
    api.listingReturns(StubApi.json(503, "{}").withHeader("retry-after-ms", "2000"));
    StubApi.Calls calls = new StubApi.Calls();
    PhalaCloud client = api.track(api.builder().okHttpClient(calls.client()).build());
    CompletableFuture<CvmList> future = client.async().cvms().list(CvmShape.LEGACY);
    assertThat(calls.callEnded.await(5, TimeUnit.SECONDS)).as("the first answer came").isTrue();

    client.close();

    assertThatThrownBy(() -> future.get(PROMPTLY_MILLIS, TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PhalaClosedException.class);
    assertThat(calls.noFurtherCallWithin(2_500)).as("no retry after the close").isTrue();
  }

  @Test
  void aStreamBeingReadFailsWithTheCloseAtItsNextStep() throws Exception {
    // The body trickles in over 20 s: the stream is still being read when the client closes.
    api.listingReturns(StubApi.example("cvms-full.json").withChunkedDribbleDelay(200, 20_000));
    PhalaCloud client = api.client();
    try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      Iterator<Cvm> iterator = cvms.iterator();
      CompletableFuture<Throwable> outcome =
          CompletableFuture.supplyAsync(
              () ->
                  catchThrowable(
                      () -> {
                        while (iterator.hasNext()) {
                          iterator.next();
                        }
                      }));
      Thread.sleep(300);

      closeAndExpectTheCallToEndPromptly(client, outcome);
    }
  }

  @Test
  void closingTheOriginalClosesTheClientsDerivedFromIt() {
    api.listingReturns(StubApi.example("cvms-full.json"));
    StubApi.Calls calls = new StubApi.Calls();
    PhalaCloud client = api.track(api.builder().okHttpClient(calls.client()).build());
    PhalaCloud quick = client.withTimeout(Duration.ofSeconds(1));
    PhalaCloud quickStreams = quick.withStreamTimeout(Duration.ofSeconds(1));

    client.close();

    assertThatThrownBy(() -> quick.cvms().list(CvmShape.LEGACY))
        .isInstanceOf(PhalaClosedException.class);
    assertThatThrownBy(() -> quickStreams.cvms().stream(CvmShape.LEGACY))
        .isInstanceOf(PhalaClosedException.class);
    assertThat(quick.async().cvms().list(CvmShape.LEGACY)).isCompletedExceptionally();
    assertThat(calls.started()).as("nothing was sent").isZero();
  }

  @Test
  void closingADerivedClientClosesItAloneAndLeavesTheOriginalOpen() {
    api.listingReturns(StubApi.example("cvms-full.json"));
    PhalaCloud client = api.client();
    PhalaCloud quick = client.withTimeout(Duration.ofSeconds(1));
    PhalaCloud sibling = client.withTimeout(Duration.ofSeconds(2));

    quick.close();

    assertThatThrownBy(() -> quick.cvms().list(CvmShape.LEGACY))
        .isInstanceOf(PhalaClosedException.class);
    assertThat(client.cvms().list(CvmShape.LEGACY)).hasSize(3);
    assertThat(sibling.async().cvms().list(CvmShape.LEGACY).join()).hasSize(3);
    assertThat(client.withTimeout(Duration.ofSeconds(3)).cvms().list()).isNotNull();
  }

  @Test
  void closingADerivedClientEndsItsOwnCallsInProgressOnly() throws Exception {
    api.listingReturns(StubApi.example("cvms-full.json").withFixedDelay(1_500));
    PhalaCloud client = api.client();
    PhalaCloud quick = client.withTimeout(Duration.ofSeconds(5));
    CompletableFuture<CvmList> derivedCall = quick.async().cvms().list(CvmShape.LEGACY);
    CompletableFuture<CvmList> originalCall = client.async().cvms().list(CvmShape.LEGACY);
    Thread.sleep(300);

    quick.close();

    assertThatThrownBy(() -> derivedCall.get(PROMPTLY_MILLIS, TimeUnit.MILLISECONDS))
        .cause()
        .isInstanceOf(PhalaClosedException.class);
    assertThat(originalCall.get(5, TimeUnit.SECONDS)).hasSize(3);
  }
}
