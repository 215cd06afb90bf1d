package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaCancelledException;
import com.phala.cloud.errors.PhalaClosedException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client's own threads end with it, and an interrupted call ends with the documented {@link
 * PhalaCancelledException}, the interrupt flag still set: "fails only with a PhalaException
 * subclass" holds for interrupts too.
 */
class ThreadsAndInterruptsTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static final String DEADLINE_THREAD = "phala-cloud-deadline";

  @Test
  void closingTheLastClientLeavesNoDeadlineThreadAlive() throws Exception {
    Set<Thread> before = deadlineThreads();
    PhalaCloud client = api.builder().build();
    PhalaCloud shorter = client.withTimeout(Duration.ofSeconds(5));
    api.listingReturns(StubApi.example("cvms-minimal.json"));
    client.cvms().list(CvmShape.LEGACY);
    shorter.cvms().list(CvmShape.LEGACY);
    try (CvmStream cvms =
        client.withStreamTimeout(Duration.ofSeconds(30)).cvms().stream(CvmShape.LEGACY)) {
      cvms.forEach(cvm -> {});
    }
    Set<Thread> ours = deadlineThreads();
    ours.removeAll(before);
    assertThat(ours).as("the client's own deadline thread serves its calls").isNotEmpty();

    shorter.close();
    client.close();

    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (ours.stream().anyMatch(Thread::isAlive) && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(ours).as("deadline threads of the closed client").noneMatch(Thread::isAlive);
  }

  @Test
  void aCallOnAClosedClientFailsWithTheDocumentedException() {
    PhalaCloud client = api.builder().build();
    client.close();

    assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
        .isInstanceOf(PhalaClosedException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anInterruptDuringTheWaitBeforeARetryEndsTheCallWithTheDocumentedException()
      throws Exception {
    api.listingReturns(StubApi.json(503, "{}").withHeader("Retry-After", "5"));
    PhalaCloud client =
        api.track(api.builder().retryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(8)).build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                client.cvms().list(CvmShape.LEGACY);
              } catch (Throwable failure) {
                thrown.set(failure);
              }
              flagAfter.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    awaitRequests(1);
    Thread.sleep(200);
    long interruptedAt = System.nanoTime();
    caller.interrupt();
    caller.join(10_000);

    assertThat(caller.isAlive()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt))
        .isLessThan(Duration.ofSeconds(2));
    assertThat(thrown.get())
        .isInstanceOf(PhalaCancelledException.class)
        .hasMessageContaining("interrupted");
    assertThat(flagAfter.get()).as("the interrupt flag is kept").isTrue();
    assertThat(api.listingRequests()).as("no retry after the interrupt").isEqualTo(1);
  }

  @Test
  void aCallOnAnInterruptedThreadSendsNothingAndKeepsTheFlag() {
    api.listingReturns(StubApi.example("cvms-minimal.json"));
    PhalaCloud client = api.client();

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> client.cvms().list(CvmShape.LEGACY))
          .isInstanceOf(PhalaCancelledException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(api.listingRequests()).isZero();
  }

  private static void awaitRequests(int count) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (api.listingRequests() < count && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }

  private static Set<Thread> deadlineThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(DEADLINE_THREAD) && thread.isAlive())
        .collect(Collectors.toSet());
  }
}
