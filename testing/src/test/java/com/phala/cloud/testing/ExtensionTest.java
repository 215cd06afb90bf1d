package com.phala.cloud.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension really fails the calling test when its code breaks the contract: the fixture
 * classes below run on their own JUnit engine (they are nested, so Surefire does not run them
 * directly), and their outcome is read back.
 */
class ExtensionTest {
  private static Events run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(fixture))
        .execute()
        .testEvents();
  }

  @Test
  void aRequestWithoutCredentialsFailsTheTestWithAClearMessage() {
    run(WithoutCredentials.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("sendsNoKey"),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        text ->
                            text.startsWith(
                                    "The code under test called the Phala Cloud API against its"
                                        + " contract (1 problem)")
                                && text.contains("GET /api/v1/cvms: No credential")
                                && text.contains("X-API-Key")))));
  }

  @Test
  void aBadVersionFailsTheTestWithAClearMessage() {
    run(WithABadVersion.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("sendsAnUnknownVersion"),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        text ->
                            text.contains(
                                "X-Phala-Version '2099-01-01' is not a version of the contract")))));
  }

  @Test
  void aTestThatKeepsTheContractPassesAndTestsDoNotShareState() {
    Events events = run(KeepsTheContract.class);
    events.assertStatistics(stats -> stats.started(3).succeeded(3).failed(0));
    events.assertThatEvents().haveExactly(3, event(finishedSuccessfully()));
    assertThat(KeepsTheContract.fakes).hasSize(1);
  }

  @Test
  void anInstanceFieldGivesEachTestItsOwnFake() {
    run(PerMethod.class).assertStatistics(stats -> stats.succeeded(2).failed(0));
    assertThat(PerMethod.urls).hasSize(2).doesNotHaveDuplicates();
  }

  private static int status(FakePhalaCloud fake, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/cvms"));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HttpClient.newHttpClient().send(request.build(), BodyHandlers.ofString()).statusCode();
  }

  @ExtendWith(FakePhalaCloudExtension.class)
  static class WithoutCredentials {
    @Test
    void sendsNoKey(FakePhalaCloud fake) throws Exception {
      // The fake answers 401, as the API would; the test's own assertions pass...
      assertThat(status(fake)).isEqualTo(401);
      // ...and the extension fails it all the same, naming the problem.
    }
  }

  static class WithABadVersion {
    @RegisterExtension static FakePhalaCloudExtension phala = new FakePhalaCloudExtension();

    @Test
    void sendsAnUnknownVersion() throws Exception {
      assertThat(status(phala.fake(), "X-API-Key", "k", "X-Phala-Version", "2099-01-01"))
          .isEqualTo(422);
    }
  }

  @ExtendWith(FakePhalaCloudExtension.class)
  static class KeepsTheContract {
    static final List<FakePhalaCloud> fakes = new ArrayList<>();

    @Test
    void listsTheExamples(FakePhalaCloud fake, PhalaCloud client) {
      remember(fake);
      assertThat(client.cvms().list(CvmShape.LEGACY)).hasSize(3);
      assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void servesItsOwnCvms(FakePhalaCloud fake, PhalaCloud client) {
      remember(fake);
      fake.serve(FakeCvm.named("mine"));
      fake.enqueue(Scenario.rateLimited(java.time.Duration.ZERO));
      assertThat(client.cvms().list(CvmShape.LEGACY)).hasSize(1);
      assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void breaksTheContractOnPurposeAndSaysSo(FakePhalaCloud fake) throws Exception {
      remember(fake);
      assertThat(fake.requestCount()).isZero();
      assertThat(status(fake)).isEqualTo(401);
      assertThat(fake.takeViolations()).hasSize(1);
    }

    private static synchronized void remember(FakePhalaCloud fake) {
      if (!fakes.contains(fake)) {
        fakes.add(fake);
      }
    }
  }

  static class PerMethod {
    static final List<String> urls = new ArrayList<>();

    @RegisterExtension FakePhalaCloudExtension phala = new FakePhalaCloudExtension();

    @Test
    void one() {
      urls.add(phala.fake().baseUrl());
      assertThat(phala.client().cvms().list()).hasSize(3);
    }

    @Test
    void two() {
      urls.add(phala.fake().baseUrl());
      assertThat(phala.client().cvms().list(CvmShape.LEGACY)).hasSize(3);
    }
  }
}
