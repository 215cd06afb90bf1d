package com.phala.cloud.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.testing.internal.ContractCheck;
import com.phala.cloud.testing.internal.ErrorBodies;
import com.phala.cloud.testing.internal.Examples;
import com.phala.cloud.testing.internal.FakeHttpServer;
import com.phala.cloud.testing.internal.Incoming;
import com.phala.cloud.testing.internal.Planned;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A fake Phala Cloud API on 127.0.0.1, in process, for the tests of code that uses the library.
 *
 * <p>It serves {@code GET /api/v1/cvms} in the shape the request's {@code X-Phala-Version} asks
 * for: by default the contract's own examples, or the CVMs a test {@linkplain #serve(FakeCvm...)
 * serves}. {@linkplain Scenario Scenarios} make it answer with the API's errors, late, slowly, with
 * a fault, or with a body that breaks the contract.
 *
 * <p>It checks every request against the contract (see {@link RecordedRequest#violations()}): a
 * credential in {@code X-API-Key} or {@code Authorization: Bearer}, a known {@code
 * X-Phala-Version}, a non-empty {@code X-Phala-Workspace}, valid {@code user_id} and {@code
 * teepod_id}, the right path and method. Those the real API refuses get its 4xx answer; all are
 * kept for {@link #assertNoViolations()} (which {@link FakePhalaCloudExtension} calls after each
 * test).
 *
 * <pre>{@code
 * try (FakePhalaCloud fake = FakePhalaCloud.start()) {
 *   fake.serve(FakeCvm.named("api").withStatus("stopping"));
 *   CvmList cvms = fake.client().cvms().list(CvmShape.LEGACY);
 *   fake.assertNoViolations();
 * }
 * }</pre>
 *
 * <p>Thread-safe; requests are answered concurrently.
 */
public final class FakePhalaCloud implements AutoCloseable {
  /** The API key of {@link #client()}. Any non-empty credential is accepted unless configured. */
  public static final String API_KEY = "phak_fake_for_tests";

  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final String acceptOnly;
  private final String fixedRequestId;
  private final FakeHttpServer server;
  private final AtomicLong requestIds = new AtomicLong();
  private final Queue<Scenario> queued = new ConcurrentLinkedQueue<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private volatile Scenario always;
  private volatile String legacyList;
  private volatile String currentList;
  private PhalaCloud client;

  private FakePhalaCloud(Builder builder) {
    this.acceptOnly = builder.acceptOnly;
    this.fixedRequestId = builder.requestId;
    serveExamples();
    this.server = FakeHttpServer.start(this::answer);
  }

  /** Starts a fake with the defaults: any credential, the contract's examples. */
  public static FakePhalaCloud start() {
    return builder().start();
  }

  /** A builder of a fake with other settings than the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The API prefix to point a client at: {@code http://127.0.0.1:<port>/api/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/v1";
  }

  /**
   * A client pointed at this fake, with {@link #API_KEY} and quick retries (10 ms backoff); made on
   * first use and closed with the fake.
   */
  public synchronized PhalaCloud client() {
    if (client == null) {
      client = clientBuilder().build();
    }
    return client;
  }

  /**
   * A client builder pointed at this fake, with {@link #API_KEY} and quick retries: change what the
   * test needs (a version, a timeout, ...), build it, and close it yourself.
   */
  public PhalaCloud.Builder clientBuilder() {
    String key = acceptOnly == null ? API_KEY : acceptOnly;
    return PhalaCloud.builder()
        .baseUrl(baseUrl())
        .apiKey(key)
        .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100));
  }

  /** Serves {@code cvms}, in whichever shape each request asks for. */
  public FakePhalaCloud serve(FakeCvm... cvms) {
    return serve(Arrays.asList(cvms));
  }

  /** Serves {@code cvms}, in whichever shape each request asks for. */
  public FakePhalaCloud serve(List<FakeCvm> cvms) {
    JsonArray legacy = new JsonArray();
    JsonArray current = new JsonArray();
    for (FakeCvm cvm : cvms) {
      legacy.add(cvm.legacy());
      current.add(cvm.current());
    }
    this.legacyList = GSON.toJson(legacy);
    this.currentList = GSON.toJson(current);
    return this;
  }

  /**
   * Serves {@code json} (an array of {@code HostedCvm}, as it is) to requests of version 2025-10-28
   * or without a version. Not checked: serve what the test needs.
   */
  public FakePhalaCloud serveCvmsJson(String json) {
    this.legacyList = Objects.requireNonNull(json, "json");
    return this;
  }

  /**
   * Serves {@code json} (an array of {@code CVMInfo}, as it is) to requests of versions 2026-01-21
   * and later. Not checked: serve what the test needs.
   */
  public FakePhalaCloud serveCvmInfosJson(String json) {
    this.currentList = Objects.requireNonNull(json, "json");
    return this;
  }

  /**
   * Serves the contract's full examples again: {@code cvms-full.json} and {@code
   * cvminfos-full.json}, three CVMs (running, stopped, starting).
   */
  public FakePhalaCloud serveExamples() {
    this.legacyList = Examples.text(Examples.LEGACY);
    this.currentList = Examples.text(Examples.CURRENT);
    return this;
  }

  /**
   * Answers the next requests with {@code scenarios}, one each and in order, then as before: {@code
   * enqueue(Scenario.serviceUnavailable(), Scenario.serviceUnavailable())} fails twice, then
   * succeeds. A request that breaks the contract gets its 4xx and leaves the queue as it is.
   */
  public FakePhalaCloud enqueue(Scenario... scenarios) {
    queued.addAll(Arrays.asList(scenarios));
    return this;
  }

  /** Answers every request with {@code scenario} once the queue is empty; null for the list. */
  public FakePhalaCloud always(Scenario scenario) {
    this.always = scenario;
    return this;
  }

  /** Every request received since the start or the last {@link #reset()}, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** How many requests were received since the start or the last {@link #reset()}. */
  public int requestCount() {
    return requests.size();
  }

  /**
   * The last request received.
   *
   * @throws AssertionError if none was
   */
  public RecordedRequest lastRequest() {
    List<RecordedRequest> all = requests();
    if (all.isEmpty()) {
      throw new AssertionError("The fake Phala Cloud received no request.");
    }
    return all.get(all.size() - 1);
  }

  /** What the requests so far did against the contract, each sentence naming its request. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** {@link #violations()}, then forgets them: for a test that breaks the contract on purpose. */
  public synchronized List<String> takeViolations() {
    List<String> taken = violations();
    violations.removeAll(taken);
    return taken;
  }

  /**
   * Fails if a request broke the contract.
   *
   * @throws AssertionError listing every problem
   */
  public void assertNoViolations() {
    List<String> found = violations();
    if (!found.isEmpty()) {
      throw new AssertionError(message(found));
    }
  }

  /** The failure message of {@code found}. */
  static String message(List<String> found) {
    return "The code under test called the Phala Cloud API against its contract ("
        + found.size()
        + (found.size() == 1 ? " problem" : " problems")
        + "):\n"
        + found.stream().map(line -> "  - " + line).collect(Collectors.joining("\n"));
  }

  /** Forgets the requests, the violations and the scenarios, and serves the examples again. */
  public synchronized void reset() {
    queued.clear();
    always = null;
    requests.clear();
    violations.clear();
    serveExamples();
  }

  /** Stops the server and closes {@link #client()}. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private Planned answer(Incoming request) {
    String id =
        fixedRequestId != null
            ? fixedRequestId
            : String.format("req_fake%08d", requestIds.incrementAndGet());
    ContractCheck.Verdict verdict = ContractCheck.check(request);
    RecordedRequest recorded = new RecordedRequest(request, verdict.violations());
    requests.add(recorded);
    for (String violation : verdict.violations()) {
      violations.add(recorded + ": " + violation);
    }
    Planned planned;
    if (verdict.rejection().isPresent()) {
      planned = verdict.rejection().get();
    } else if (acceptOnly != null && !ContractCheck.carries(request, acceptOnly)) {
      planned = Planned.json(401, ErrorBodies.notAuthenticated());
    } else {
      Scenario next = queued.poll();
      if (next == null) {
        next = always == null ? Scenario.list() : always;
      }
      planned = next.plan(legacy(request) ? legacyList : currentList, id);
    }
    return planned.hasHeader("X-Request-ID") ? planned : planned.withHeader("X-Request-ID", id);
  }

  private static boolean legacy(Incoming request) {
    return request
        .header("X-Phala-Version")
        .map(ApiVersion.V2025_10_28.value()::equals)
        .orElse(true);
  }

  /** What the fake accepts and how it names its answers. */
  public static final class Builder {
    private String acceptOnly;
    private String requestId;

    private Builder() {}

    /**
     * Accepts only {@code credential} (as {@code X-API-Key} or a bearer token) and answers any
     * other with 401, as the API does with a wrong key. A wrong key keeps the contract, so it is
     * not a violation. By default any non-empty credential is accepted.
     */
    public Builder acceptOnly(String credential) {
      this.acceptOnly = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /** Sends {@code id} as every answer's request id, instead of one per request. */
    public Builder requestId(String id) {
      this.requestId = Objects.requireNonNull(id, "id");
      return this;
    }

    /** Starts the fake on 127.0.0.1 and a free port. */
    public FakePhalaCloud start() {
      return new FakePhalaCloud(this);
    }
  }

  /** The fake's address, for messages. */
  @Override
  public String toString() {
    return "FakePhalaCloud[" + baseUrl() + "]";
  }
}
