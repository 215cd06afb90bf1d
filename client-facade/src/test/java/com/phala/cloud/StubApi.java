package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared test fixture: a real HTTP server (WireMock on 127.0.0.1, dynamic port) standing in for
 * the Phala Cloud API, reset before each test, plus client builders pointed at it with fast retry
 * backoff. Clients made through {@link #client()} or {@link #track} are closed after each test.
 * Register it with {@code @RegisterExtension static final StubApi api = new StubApi();}.
 */
final class StubApi
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  /** The listing's path under the default {@code /api/v1} prefix. */
  static final String PATH = "/api/v1/cvms";

  /** A recognisable API key: tests look for it wherever it must not appear. */
  static final String API_KEY = "phak_T3st-only-key-that-must-never-leak-7q";

  /** A recognisable bearer token: tests look for it wherever it must not appear. */
  static final String BEARER_TOKEN = "oidcT3stOnlyTokenThatMustNeverLeak9x";

  private static final String EXAMPLES = "META-INF/phala-cloud/openapi/examples/";

  private final WireMockServer server;
  private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();

  /** A server on 127.0.0.1 with a dynamic port. */
  StubApi() {
    this(config -> config);
  }

  /** A server on 127.0.0.1 with a dynamic port and extra settings (such as an https port). */
  StubApi(UnaryOperator<WireMockConfiguration> settings) {
    this.server =
        new WireMockServer(settings.apply(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.resetAll();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (AutoCloseable client : clients) {
      client.close();
    }
    clients.clear();
  }

  /** The WireMock server, to stub and verify. */
  WireMockServer server() {
    return server;
  }

  /** The http port. */
  int port() {
    return server.port();
  }

  /**
   * The API prefix on this server, as a caller configures it: {@code
   * http://127.0.0.1:<port>/api/v1}.
   */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/v1";
  }

  /** A builder pointed at this server with an API key, fast backoff and a 10 s deadline. */
  PhalaCloud.Builder builder() {
    return PhalaCloud.builder()
        .baseUrl(baseUrl())
        .apiKey(API_KEY)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
        .timeout(Duration.ofSeconds(10));
  }

  /** {@link #builder()}, built and closed after the test. */
  PhalaCloud client() {
    return track(builder().build());
  }

  /** Closes {@code client} after the test. */
  <T extends AutoCloseable> T track(T client) {
    clients.add(client);
    return client;
  }

  /** Stubs every listing request with {@code response}. */
  void listingReturns(ResponseDefinitionBuilder response) {
    server.stubFor(listing().willReturn(response));
  }

  /**
   * Stubs listing requests to get {@code responses} one after the other; the last one answers every
   * request after that.
   */
  void listingAnswersInTurn(ResponseDefinitionBuilder... responses) {
    for (int i = 0; i < responses.length; i++) {
      server.stubFor(
          listing()
              .inScenario("in turn")
              .whenScenarioStateIs(turn(i))
              .willReturn(responses[i])
              .willSetStateTo(turn(Math.min(i + 1, responses.length - 1))));
    }
  }

  private static String turn(int index) {
    return index == 0 ? Scenario.STARTED : "answer " + index;
  }

  /** Requests for the listing, whatever their query. */
  static MappingBuilder listing() {
    return get(urlPathEqualTo(PATH));
  }

  /**
   * How many listing requests the server received. WireMock records a request once its response is
   * written, so a delayed response is counted late (possibly in the next test of the class) or, if
   * the client gave up, never: with delayed responses, count attempts with {@link Calls}.
   */
  int listingRequests() {
    return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(PATH)).build()).getCount();
  }

  /** The one listing request the server received. */
  LoggedRequest onlyRequest() {
    List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathEqualTo(PATH)));
    if (requests.size() != 1) {
      throw new AssertionError(
          "expected exactly one request to " + PATH + " but got " + requests.size());
    }
    return requests.get(0);
  }

  /**
   * The HTTP calls of a client built on {@link #client()}, as OkHttp's own event listener reports
   * them while they happen: attempts started, the first request sent, cancelled, failed, ended.
   */
  static final class Calls extends EventListener {
    final CountDownLatch requestSent = new CountDownLatch(1);
    final CountDownLatch callCanceled = new CountDownLatch(1);
    final CountDownLatch callFailed = new CountDownLatch(1);
    final CountDownLatch callEnded = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();

    /** An OkHttp client reporting to this listener, for {@link PhalaCloud.Builder#okHttpClient}. */
    OkHttpClient client() {
      return new OkHttpClient.Builder().eventListener(this).build();
    }

    /** How many calls (attempts) have started. */
    int started() {
      return started.get();
    }

    /** Whether no call beyond the first one starts within {@code millis}. */
    boolean noFurtherCallWithin(long millis) throws InterruptedException {
      int before = started.get();
      new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
      return started.get() == before && before == 1;
    }

    @Override
    public void callStart(Call call) {
      started.incrementAndGet();
    }

    @Override
    public void requestHeadersEnd(Call call, Request request) {
      requestSent.countDown();
    }

    @Override
    public void canceled(Call call) {
      callCanceled.countDown();
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
      callFailed.countDown();
    }

    @Override
    public void callEnd(Call call) {
      callEnded.countDown();
    }
  }

  /** A JSON response with {@code status} and {@code body}. */
  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  /**
   * A 200 response carrying a contract example ({@code cvms-full.json} or {@code
   * cvms-minimal.json}).
   */
  static ResponseDefinitionBuilder example(String file) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(exampleBytes(file));
  }

  /** A contract example's bytes, from the generated jar on the classpath. */
  static byte[] exampleBytes(String file) {
    String resource = EXAMPLES + file;
    try (InputStream in = StubApi.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A resource on the classpath as UTF-8 text. */
  static String resourceText(String resource) {
    try (InputStream in = StubApi.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
