package com.phala.cloud.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.Cvm;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The extension under JUnit's parallel execution: the fixture classes below run on their own JUnit
 * engine ({@code EngineTestKit}) with {@code junit.jupiter.execution.parallel.enabled=true} and
 * {@code @Execution(CONCURRENT)}, their tests held until several run at once. No test sees another
 * test's CVMs or contract problems, in any style (parameters, a static field, an instance field,
 * {@code @Nested} classes), and every fake started is stopped when the run ends. Without parallel
 * execution, a class and its {@code @Nested} classes share one fake, which is stopped once.
 */
class ParallelExtensionTest {
  /** How many tests each concurrent fixture holds until they all run at once. */
  private static final int AT_ONCE = 4;

  /** What the fixtures saw: the fake of each test (by its name), and the class's. */
  static final Map<String, FakePhalaCloud> seen = new ConcurrentHashMap<>();

  /**
   * Holds each test until {@link #AT_ONCE} of them are in their body (in a parallel run), and
   * counts how many were.
   */
  static final class Together {
    private static volatile boolean parallel;
    private static volatile CountDownLatch gate;
    private static volatile CountDownLatch secondGate;
    private static final AtomicInteger inside = new AtomicInteger();
    static final AtomicInteger mostAtOnce = new AtomicInteger();

    static void reset(boolean inParallel) {
      parallel = inParallel;
      gate = new CountDownLatch(AT_ONCE);
      secondGate = new CountDownLatch(AT_ONCE);
      mostAtOnce.set(0);
    }

    static void await() throws InterruptedException {
      mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        pass(gate);
      } finally {
        inside.decrementAndGet();
      }
    }

    /** A second meeting, for tests that must all still be running after the first. */
    static void awaitAgain() throws InterruptedException {
      pass(secondGate);
    }

    private static void pass(CountDownLatch latch) throws InterruptedException {
      if (parallel) {
        latch.countDown();
        latch.await(10, TimeUnit.SECONDS);
      }
    }
  }

  private static EngineExecutionResults runInParallel(Class<?> fixture) {
    return run(fixture, true);
  }

  private static EngineExecutionResults run(Class<?> fixture, boolean parallel) {
    seen.clear();
    Together.reset(parallel);
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(
            "junit.jupiter.execution.parallel.enabled", String.valueOf(parallel))
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
        .selectors(selectClass(fixture))
        .execute();
  }

  /** The JDK HTTP servers running: one per fake, whose dispatcher thread ends when it stops. */
  private static long serversRunning() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("HTTP-Dispatcher") && thread.isAlive())
        .count();
  }

  private static void assertEveryFakeStopped(long serversBefore) throws InterruptedException {
    for (int i = 0; i < 50 && serversRunning() > serversBefore; i++) {
      Thread.sleep(50);
    }
    assertThat(serversRunning()).as("servers still running after the run").isEqualTo(serversBefore);
    for (FakePhalaCloud fake : seen.values()) {
      URI url = URI.create(fake.baseUrl());
      assertThatThrownBy(
              () -> {
                try (Socket socket = new Socket()) {
                  socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1_000);
                }
              })
          .as("%s is stopped", fake)
          .isInstanceOf(ConnectException.class);
    }
  }

  private static long distinctFakes() {
    return seen.values().stream().distinct().count();
  }

  @Test
  void concurrentTestsTakingParametersEachGetTheirOwnFake() throws Exception {
    long serversBefore = serversRunning();

    EngineExecutionResults results = runInParallel(ByParameters.class);

    results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(5).failed(1));
    assertThat(Together.mostAtOnce).as("tests ran at the same time").hasValueGreaterThan(1);
    // Six tests and the class: seven fakes, none shared.
    assertThat(seen).hasSize(7);
    assertThat(distinctFakes()).isEqualTo(7);
    assertEveryFakeStopped(serversBefore);
  }

  @Test
  void aContractProblemFailsOnlyTheConcurrentTestThatMadeIt() {
    runInParallel(ByParameters.class)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("breaksTheContract"),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        text -> text.contains("(1 problem)") && text.contains("No credential")))));
  }

  @Test
  void concurrentTestsUsingAStaticFieldEachGetTheirOwnFake() throws Exception {
    long serversBefore = serversRunning();

    EngineExecutionResults results = runInParallel(ByStaticField.class);

    results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
    assertThat(Together.mostAtOnce).hasValueGreaterThan(1);
    assertThat(seen).hasSize(6);
    assertThat(distinctFakes()).isEqualTo(6);
    assertEveryFakeStopped(serversBefore);
  }

  @Test
  void concurrentTestsUsingAnInstanceFieldEachGetTheirOwnFake() throws Exception {
    long serversBefore = serversRunning();

    EngineExecutionResults results = runInParallel(ByInstanceField.class);

    results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
    assertThat(Together.mostAtOnce).hasValueGreaterThan(1);
    assertThat(distinctFakes()).isEqualTo(6);
    assertEveryFakeStopped(serversBefore);
  }

  @Test
  void concurrentNestedClassesAndTheirTestsEachGetTheirOwnFake() throws Exception {
    long serversBefore = serversRunning();

    EngineExecutionResults results = runInParallel(WithNestedClasses.class);

    results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
    assertThat(Together.mostAtOnce).hasValueGreaterThan(1);
    // Six tests and the outer class.
    assertThat(distinctFakes()).isEqualTo(7);
    assertEveryFakeStopped(serversBefore);
  }

  @Test
  void withoutParallelExecutionNestedClassesShareTheEnclosingFakeAndItIsStoppedOnce()
      throws Exception {
    long serversBefore = serversRunning();

    EngineExecutionResults results = run(WithNestedClasses.class, false);

    results.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
    assertThat(seen).hasSize(7);
    assertThat(distinctFakes()).as("one fake for the class and its nested classes").isEqualTo(1);
    assertEveryFakeStopped(serversBefore);
  }

  @Test
  void fromAThreadOfNoTestTheFieldRefusesWhenSeveralTestsRunAtOnce() {
    AskedFromAnotherThread.refusals.clear();
    runInParallel(AskedFromAnotherThread.class)
        .testEvents()
        .assertStatistics(stats -> stats.started(AT_ONCE).succeeded(AT_ONCE));
    assertThat(AskedFromAnotherThread.refusals)
        .hasSize(AT_ONCE)
        .allSatisfy(
            message ->
                assertThat(message)
                    .contains("tests are running at once")
                    .contains("call fake() and client() on the test's own thread"));
  }

  @Test
  void fromAThreadATestStartedTheFieldAnswersThatTestsFake() {
    run(AskedFromAnotherThread.Alone.class, true)
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  /** Lists through {@code client} and expects only the CVM named {@code name}. */
  static void listsOnly(PhalaCloud client, String name) {
    assertThat(client.cvms().list(CvmShape.LEGACY)).extracting(Cvm::name).containsExactly(name);
    assertThat(client.cvms().list()).extracting(cvm -> cvm.name()).containsExactly(name);
  }

  static int statusWithoutCredential(FakePhalaCloud fake) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/cvms")).build(),
            BodyHandlers.ofString())
        .statusCode();
  }

  @ExtendWith(FakePhalaCloudExtension.class)
  @Execution(ExecutionMode.CONCURRENT)
  static class ByParameters {
    @BeforeAll
    static void classFake(FakePhalaCloud fake) {
      seen.put("class", fake);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b", "c", "d", "e"})
    void seesOnlyItsOwnCvms(String name, FakePhalaCloud fake, PhalaCloud client) throws Exception {
      seen.put(name, fake);
      fake.serve(FakeCvm.named(name));
      Together.await();
      listsOnly(client, name);
      assertThat(fake.requestCount()).as("only this test's requests").isEqualTo(2);
      assertThat(fake.violations()).isEmpty();
    }

    @Test
    void breaksTheContract(FakePhalaCloud fake) throws Exception {
      seen.put("breaks", fake);
      Together.await();
      assertThat(statusWithoutCredential(fake)).isEqualTo(401);
    }
  }

  @Execution(ExecutionMode.CONCURRENT)
  static class ByStaticField {
    @RegisterExtension static FakePhalaCloudExtension phala = new FakePhalaCloudExtension();

    private String name;

    @BeforeEach
    void serveOwnCvm(RepetitionInfo repetition) {
      name = "static-" + repetition.getCurrentRepetition();
      phala.fake().serve(FakeCvm.named(name));
    }

    @RepeatedTest(6)
    void seesOnlyItsOwnCvms() throws Exception {
      seen.put(name, phala.fake());
      Together.await();
      listsOnly(phala.client(), name);
      assertThat(phala.fake().requestCount()).isEqualTo(2);
    }
  }

  @Execution(ExecutionMode.CONCURRENT)
  static class ByInstanceField {
    @RegisterExtension FakePhalaCloudExtension phala = new FakePhalaCloudExtension();

    @RepeatedTest(6)
    void seesOnlyItsOwnCvms(RepetitionInfo repetition) throws Exception {
      String name = "instance-" + repetition.getCurrentRepetition();
      seen.put(name, phala.fake());
      phala.fake().serve(FakeCvm.named(name));
      Together.await();
      listsOnly(phala.client(), name);
    }
  }

  @ExtendWith(FakePhalaCloudExtension.class)
  @Execution(ExecutionMode.CONCURRENT)
  static class WithNestedClasses {
    @BeforeAll
    static void classFake(FakePhalaCloud fake) {
      seen.put("outer class", fake);
    }

    static void check(TestInfo test, FakePhalaCloud fake, PhalaCloud client) throws Exception {
      String name = test.getTestClass().orElseThrow().getSimpleName() + "." + test.getDisplayName();
      seen.put(name, fake);
      fake.serve(FakeCvm.named(name));
      Together.await();
      listsOnly(client, name);
    }

    @Test
    void outerOne(TestInfo test, FakePhalaCloud fake, PhalaCloud client) throws Exception {
      check(test, fake, client);
    }

    @Test
    void outerTwo(TestInfo test, FakePhalaCloud fake, PhalaCloud client) throws Exception {
      check(test, fake, client);
    }

    @Nested
    class First {
      @Test
      void one(TestInfo test, FakePhalaCloud fake, PhalaCloud client) throws Exception {
        check(test, fake, client);
      }

      @Test
      void two(TestInfo test, FakePhalaCloud fake, PhalaCloud client) throws Exception {
        check(test, fake, client);
      }
    }

    @Nested
    class Second {
      @Test
      void one(TestInfo test, FakePhalaCloud fake, PhalaCloud client) throws Exception {
        check(test, fake, client);
      }

      @Test
      void two(TestInfo test, FakePhalaCloud fake, PhalaCloud client) throws Exception {
        check(test, fake, client);
      }
    }
  }

  @Execution(ExecutionMode.CONCURRENT)
  static class AskedFromAnotherThread {
    @RegisterExtension static FakePhalaCloudExtension phala = new FakePhalaCloudExtension();

    static final List<String> refusals = Collections.synchronizedList(new ArrayList<>());

    /** One concurrent test: a thread it starts gets its fake, not the class's. */
    @Execution(ExecutionMode.CONCURRENT)
    static class Alone {
      @RegisterExtension static FakePhalaCloudExtension phala = new FakePhalaCloudExtension();

      @Test
      void asksFromAThreadOfItsOwn() throws Exception {
        FakePhalaCloud mine = phala.fake();
        CompletableFuture<FakePhalaCloud> fromThere =
            CompletableFuture.supplyAsync(phala::fake, runnable -> new Thread(runnable).start());
        assertThat(fromThere.get(5, TimeUnit.SECONDS)).isSameAs(mine);
      }
    }

    @RepeatedTest(AT_ONCE)
    void asksFromAThreadOfItsOwn() throws Exception {
      Thread other =
          new Thread(
              () -> {
                try {
                  phala.fake();
                } catch (IllegalStateException refused) {
                  refusals.add(refused.getMessage());
                }
              });
      // Asked while every test of the class is running, each with its own fake.
      Together.await();
      other.start();
      other.join(5_000);
      Together.awaitAgain();
      // On the test's own thread, the answer is the test's fake.
      assertThat(phala.fake().requestCount()).isZero();
    }
  }
}
