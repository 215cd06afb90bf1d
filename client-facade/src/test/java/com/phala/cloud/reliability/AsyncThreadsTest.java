package com.phala.cloud.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Async calls scale with a bound, not a thread each: 1,000 concurrent {@code
 * async().cvms().list(...)} calls against a loopback server that answers each after 100 ms add at
 * most {@code maxConcurrentCalls} threads (plus OkHttp's few housekeeping ones), the server never
 * sees more calls at once than that bound, and every call gets its list. A team's own executor runs
 * them, and with virtual threads (JDK 21+) they add no platform thread that waits on the network.
 */
class AsyncThreadsTest {
  private static final int CALLS = 1_000;
  private static final long ANSWER_AFTER_MILLIS = 100;

  /**
   * OkHttp's housekeeping (its task runner, up to 4 threads, and Okio's watchdog) and the client's
   * deadline scheduler, started on first use.
   */
  private static final int HOUSEKEEPING_THREADS = 10;

  private static final byte[] LIST =
      "[{\"id\":1,\"name\":\"slow\",\"status\":\"running\"}]".getBytes(StandardCharsets.UTF_8);

  private SlowServer server;

  @BeforeEach
  void startTheServer() {
    server = new SlowServer(ANSWER_AFTER_MILLIS);
  }

  @AfterEach
  void stopTheServer() {
    server.close();
  }

  private PhalaCloud.Builder builder() {
    return PhalaCloud.builder()
        .baseUrl(server.baseUrl())
        .apiKey("phak_async_threads_test")
        .maxRetries(0)
        .timeout(Duration.ofSeconds(60));
  }

  @Test
  void aThousandConcurrentCallsAddAtMostTheBoundInThreads() throws Exception {
    int bound = PhalaCloud.DEFAULT_MAX_CONCURRENT_CALLS;
    try (PhalaCloud client = builder().build()) {
      Run run = Run.of(client, CALLS);

      assertThat(run.lists).hasSize(CALLS).allSatisfy(cvms -> assertThat(cvms).hasSize(1));
      assertThat(server.mostAtOnce()).isBetween(2, bound);
      assertThat(run.threadsAdded).isLessThanOrEqualTo(bound + HOUSEKEEPING_THREADS);
      Figures.put(
          "async threads",
          CALLS
              + " concurrent async calls (server answering after "
              + ANSWER_AFTER_MILLIS
              + " ms) added "
              + run.threadsAdded
              + " threads (bound "
              + bound
              + "), at most "
              + server.mostAtOnce()
              + " in flight, "
              + run.millis
              + " ms");
    }
  }

  @Test
  void maxConcurrentCallsBoundsTheCallsInFlightAndTheirThreads() throws Exception {
    try (PhalaCloud client = builder().maxConcurrentCalls(8).build()) {
      Run run = Run.of(client, 200);

      assertThat(run.lists).hasSize(200);
      assertThat(server.mostAtOnce()).isBetween(2, 8);
      assertThat(run.threadsAdded).isLessThanOrEqualTo(8 + HOUSEKEEPING_THREADS);
    }
  }

  @Test
  void aTeamsOwnExecutorRunsTheCallsAndIsLeftOpenByClose() throws Exception {
    Set<Thread> teamThreads = ConcurrentHashMap.newKeySet();
    ExecutorService ours =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "team-pool");
              thread.setDaemon(true);
              teamThreads.add(thread);
              return thread;
            });
    try {
      Set<Thread> completedOn = ConcurrentHashMap.newKeySet();
      try (PhalaCloud client = builder().executor(ours).build()) {
        List<CompletableFuture<CvmList>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          calls.add(
              client
                  .async()
                  .cvms()
                  .list(CvmShape.LEGACY)
                  .whenComplete((cvms, failure) -> completedOn.add(Thread.currentThread())));
        }
        for (CompletableFuture<CvmList> call : calls) {
          assertThat(call.get(10, TimeUnit.SECONDS)).hasSize(1);
        }
      }

      // OkHttp names a thread after its call while it runs one, so the threads themselves are
      // compared.
      assertThat(completedOn).isNotEmpty().isSubsetOf(teamThreads);
      assertThat(ours.isShutdown()).as("the client does not shut a team's executor").isFalse();
    } finally {
      ours.shutdownNow();
    }
  }

  @Test
  void onVirtualThreadsAThousandCallsAddNoPlatformThreadPerCall() throws Exception {
    ExecutorService virtual = virtualThreadsIfAvailable();
    assumeTrue(virtual != null, "virtual threads need JDK 21 or later");
    try (PhalaCloud client = builder().executor(virtual).maxConcurrentCalls(CALLS).build()) {
      Run run = Run.of(client, CALLS);

      assertThat(run.lists).hasSize(CALLS);
      // Virtual threads ride on a carrier pool of about one platform thread per core.
      assertThat(run.threadsAdded)
          .isLessThanOrEqualTo(
              Runtime.getRuntime().availableProcessors() + HOUSEKEEPING_THREADS + 2);
      Figures.put(
          "async threads, virtual",
          CALLS
              + " concurrent async calls on virtual threads added "
              + run.threadsAdded
              + " platform threads, at most "
              + server.mostAtOnce()
              + " in flight, "
              + run.millis
              + " ms");
    } finally {
      virtual.shutdownNow();
    }
  }

  @Test
  void theBoundMustBePositiveAndTheExecutorGiven() {
    assertThatThrownBy(() -> PhalaCloud.builder().maxConcurrentCalls(0))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessage("maxConcurrentCalls must be at least 1, but was 0.");
    assertThatThrownBy(() -> PhalaCloud.builder().executor(null))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("executor must be an ExecutorService");
  }

  @Test
  void aBoundOnATeamsOkHttpClientLeavesItsDispatcherAsItWas() throws Exception {
    OkHttpClient theirs = new OkHttpClient();
    try (PhalaCloud client = builder().okHttpClient(theirs).maxConcurrentCalls(3).build()) {
      Run.of(client, 30);

      assertThat(server.mostAtOnce()).isBetween(1, 3);
    }
    assertThat(theirs.dispatcher().getMaxRequests()).isEqualTo(64);
    assertThat(theirs.dispatcher().getMaxRequestsPerHost()).isEqualTo(5);
  }

  private static ExecutorService virtualThreadsIfAvailable() {
    try {
      return (ExecutorService)
          Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (ReflectiveOperationException olderJdk) {
      return null;
    }
  }

  /** {@code calls} async listings started at once and awaited, with the platform threads added. */
  private static final class Run {
    final List<CvmList> lists = new ArrayList<>();
    int threadsAdded;
    long millis;

    static Run of(PhalaCloud client, int calls) throws Exception {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      int before = threads.getThreadCount();
      threads.resetPeakThreadCount();
      long started = System.nanoTime();
      List<CompletableFuture<CvmList>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        futures.add(client.async().cvms().list(CvmShape.LEGACY));
      }
      Run run = new Run();
      for (CompletableFuture<CvmList> future : futures) {
        run.lists.add(future.get(60, TimeUnit.SECONDS));
      }
      run.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      run.threadsAdded = threads.getPeakThreadCount() - before;
      return run;
    }
  }

  /**
   * The JDK's HTTP server answering every request after a delay, from a scheduler: the server's own
   * threads (its dispatcher, two handlers, the scheduler) all exist before a test counts.
   */
  private static final class SlowServer implements AutoCloseable {
    private final HttpServer http;
    private final ThreadPoolExecutor handlers;
    private final ScheduledExecutorService answers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    SlowServer(long delayMillis) {
      handlers = (ThreadPoolExecutor) Executors.newFixedThreadPool(2, SlowServer::daemon);
      handlers.prestartAllCoreThreads();
      answers = Executors.newSingleThreadScheduledExecutor(SlowServer::daemon);
      try {
        answers.submit(() -> null).get();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2_000);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      http.setExecutor(handlers);
      http.createContext(
          "/",
          exchange -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            // The exchange is answered later, by the scheduler: no server thread waits meanwhile.
            answers.schedule(() -> answer(exchange), delayMillis, TimeUnit.MILLISECONDS);
          });
      http.start();
    }

    private static Thread daemon(Runnable task) {
      Thread thread = new Thread(task, "slow-server");
      thread.setDaemon(true);
      return thread;
    }

    private void answer(HttpExchange exchange) {
      inFlight.decrementAndGet();
      try (exchange) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, LIST.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(LIST);
        }
      } catch (IOException clientGone) {
        // Nothing to answer any more.
      }
    }

    String baseUrl() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v1";
    }

    int mostAtOnce() {
      return mostAtOnce.get();
    }

    @Override
    public void close() {
      http.stop(0);
      answers.shutdownNow();
      handlers.shutdownNow();
    }
  }
}
