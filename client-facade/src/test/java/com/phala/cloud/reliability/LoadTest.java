package com.phala.cloud.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.RateLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One client shared by 64 threads making thousands of calls against a loopback server that answers
 * at random (seeded): the list, 503 or 429 with a short {@code retry-after-ms}, a reset connection,
 * an empty response, or the list after a delay. Every call is accounted for: a complete, correct
 * list or a documented exception, none unexpected, none lost; the pool stays within one connection
 * per thread, and the heap after the run is where it was before.
 */
class LoadTest {
  private static final long SEED = 20_261_126L;
  private static final int THREADS = 64;
  private static final int CALLS = Mode.pick(3_000, 20_000);
  private static final String PATH = "/api/v1/cvms";
  private static final long HEAP_GROWTH_LIMIT = 32L << 20;

  private WireMockServer server;
  private RandomAnswers answers;
  private ObservedHttp http;

  @BeforeEach
  void startTheServer() {
    answers = new RandomAnswers(new Random(SEED));
    server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(THREADS * 2 + 10)
                .disableRequestJournal()
                .extensions(answers));
    server.stubFor(get(urlPathEqualTo(PATH)).willReturn(ok()));
    server.start();
    http = new ObservedHttp(THREADS);
  }

  @AfterEach
  void stopTheServer() {
    server.stop();
  }

  @Test
  void sixtyFourThreadsShareOneClientUnderRandomFaultsAndLoseNothing() throws Exception {
    List<String> expected = new ArrayList<>();
    CvmList.parse(HostileBodies.FULL_TEXT).forEach(cvm -> expected.add(cvm.toJson()));
    Outcomes.assertFullExample(CvmList.parse(HostileBodies.FULL_TEXT));
    AtomicInteger complete = new AtomicInteger();
    AtomicInteger incomplete = new AtomicInteger();
    Map<String, AtomicInteger> documented = new ConcurrentHashMap<>();
    Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    AtomicLong maxConnections = new AtomicLong();

    long heapBefore = Heap.usedAfterGc();
    long started = System.nanoTime();
    try (PhalaCloud client =
        http.client("http://127.0.0.1:" + server.port() + "/api/v1")
            .maxRetries(10)
            .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
            .readTimeout(Duration.ofSeconds(5))
            .timeout(Duration.ofSeconds(60))
            .build()) {
      ExecutorService callers = Executors.newFixedThreadPool(THREADS);
      Thread sampler = sampleConnections(maxConnections);
      for (int i = 0; i < CALLS; i++) {
        callers.execute(
            () -> {
              try {
                CvmList cvms = client.cvms().list(CvmShape.LEGACY);
                (sameAs(cvms, expected) ? complete : incomplete).incrementAndGet();
              } catch (RateLimitException
                  | InternalServerException
                  | PhalaIoException documentedFailure) {
                documented
                    .computeIfAbsent(
                        documentedFailure.getClass().getSimpleName(), name -> new AtomicInteger())
                    .incrementAndGet();
              } catch (Throwable other) {
                unexpected.add(other);
              }
            });
      }
      callers.shutdown();
      assertThat(callers.awaitTermination(5, TimeUnit.MINUTES))
          .as("every call ended within 5 minutes")
          .isTrue();
      sampler.interrupt();
      sampler.join();
      http.assertNothingLeaked();
      http.assertNoLeakLogged("http://127.0.0.1:" + server.port() + "/__admin/health");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    http.pool().evictAll();
    long heapAfter = Heap.usedAfterGc();
    int failed = documented.values().stream().mapToInt(AtomicInteger::get).sum();
    int lost = CALLS - complete.get() - incomplete.get() - failed - unexpected.size();

    assertThat(unexpected).as("exceptions other than the documented ones").isEmpty();
    assertThat(incomplete.get()).as("lists that were not the served example, complete").isZero();
    assertThat(lost).as("calls that ended in neither a result nor an exception").isZero();
    assertThat(complete.get()).as("calls that succeeded").isGreaterThanOrEqualTo(CALLS * 99 / 100);
    // One per thread, plus a few a reset fault has broken but the pool has not yet dropped while
    // their thread already opened the next: bounded, not growing with the number of calls.
    assertThat(maxConnections.get())
        .as("most connections open at once")
        .isLessThanOrEqualTo(THREADS + THREADS / 4);
    assertThat(heapAfter - heapBefore)
        .as("heap growth after GC, bytes")
        .isLessThan(HEAP_GROWTH_LIMIT);

    Figures.put(
        "4 load",
        String.format(
            "load: %,d calls by %d threads sharing one client in %.1f s (%,.0f calls/s), "
                + "%,d attempts served as %s; %,d complete and correct, %,d documented failures %s, 0 unexpected, "
                + "%d lost; at most %d connections open (%,d opened in all); heap after GC %+.1f MB",
            CALLS,
            THREADS,
            took.toMillis() / 1000.0,
            CALLS / (took.toMillis() / 1000.0),
            answers.total(),
            answers.summary(),
            complete.get(),
            failed,
            new TreeMap<>(documented),
            lost,
            maxConnections.get(),
            http.connectionsOpened(),
            Heap.mb(heapAfter - heapBefore)));
    Figures.put(
        "5 lost",
        "failures lost: "
            + lost
            + " (every call under load ended in a complete result or a"
            + " documented exception; every fuzzed body in an accepted outcome)");
  }

  private static boolean sameAs(CvmList cvms, List<String> expected) {
    if (cvms.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      Cvm cvm = cvms.get(i);
      if (!cvm.toJson().equals(expected.get(i)) || !cvm.validate().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Records the largest pool size seen, every 2 ms, until interrupted. */
  private Thread sampleConnections(AtomicLong max) {
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                max.accumulateAndGet(http.pool().connectionCount(), Math::max);
                try {
                  Thread.sleep(2);
                } catch (InterruptedException stop) {
                  return;
                }
              }
            },
            "connection-sampler");
    sampler.start();
    return sampler;
  }

  /** Answers each attempt at random, from a seeded generator, and counts what it served. */
  static final class RandomAnswers implements ResponseDefinitionTransformerV2 {
    private final Random random;
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final ResponseDefinition list =
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody(HostileBodies.FULL_TEXT)
            .build();

    RandomAnswers(Random random) {
      this.random = random;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      if (!event.getRequest().getUrl().startsWith(PATH)) {
        return event.getResponseDefinition();
      }
      double roll;
      int delay;
      synchronized (random) {
        roll = random.nextDouble();
        delay = 20 + random.nextInt(60);
      }
      if (roll < 0.70) {
        return count("200", list);
      } else if (roll < 0.78) {
        return count("503", aResponse().withStatus(503).withHeader("retry-after-ms", "2").build());
      } else if (roll < 0.85) {
        return count("429", aResponse().withStatus(429).withHeader("retry-after-ms", "2").build());
      } else if (roll < 0.90) {
        return count("reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build());
      } else if (roll < 0.93) {
        return count("empty", aResponse().withFault(Fault.EMPTY_RESPONSE).build());
      }
      return count(
          "delayed 200", ResponseDefinitionBuilder.like(list).withFixedDelay(delay).build());
    }

    private ResponseDefinition count(String kind, ResponseDefinition answer) {
      served.computeIfAbsent(kind, name -> new AtomicInteger()).incrementAndGet();
      return answer;
    }

    long total() {
      return served.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    String summary() {
      return new TreeMap<>(served)
          .entrySet().stream()
              .map(entry -> String.format("%,d %s", entry.getValue().get(), entry.getKey()))
              .collect(Collectors.joining(", "));
    }

    @Override
    public String getName() {
      return "random-answers";
    }
  }
}
