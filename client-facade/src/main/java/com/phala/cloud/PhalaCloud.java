package com.phala.cloud;

import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmInfo;
import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaClosedException;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.generated.api.CvmsApi;
import com.phala.cloud.internal.PlainText;
import com.phala.cloud.internal.Redaction;
import com.phala.cloud.internal.RuntimeValue;
import com.phala.cloud.internal.Settings;
import com.phala.cloud.internal.Version;
import com.phala.cloud.internal.http.AuthInterceptor;
import com.phala.cloud.internal.http.CallRunner;
import com.phala.cloud.internal.http.Credential;
import com.phala.cloud.internal.http.Execution;
import com.phala.cloud.internal.http.Loopback;
import com.phala.cloud.internal.http.OpenCalls;
import com.phala.cloud.internal.http.RetryPolicy;
import com.phala.cloud.internal.http.StaticHeadersInterceptor;
import com.phala.cloud.internal.http.StreamDeadline;
import java.io.IOException;
import java.io.Reader;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import retrofit2.Retrofit;
import retrofit2.converter.gson.GsonConverterFactory;

/**
 * The Phala Cloud API client. Build it once and share it: it is immutable and thread-safe, and
 * holds a connection pool.
 *
 * <pre>{@code
 * PhalaCloud client = PhalaCloud.fromEnv();          // PHALA_CLOUD_API_KEY, ...
 * for (Cvm cvm : client.listCvms().running()) {
 *   System.out.println(cvm.name() + " up " + cvm.hosted().uptime().orElse(Duration.ZERO));
 * }
 * }</pre>
 *
 * <p>Every call retries what is safe to retry, stays within its deadline, and fails only with a
 * {@link PhalaException} subclass: a call whose thread is interrupted ends with {@link
 * com.phala.cloud.errors.PhalaCancelledException}, the thread's interrupt flag still set.
 *
 * <p>{@link #close()} it when done: from then on every call fails at once with {@link
 * PhalaClosedException}, and calls in progress end with it too. The client starts no thread that
 * outlives it: closing it ends them all.
 */
public final class PhalaCloud implements AutoCloseable {
  /** This library's version, as its build wrote it (the pom is its one source). */
  public static final String VERSION = Version.VERSION;

  /**
   * The API prefix used when none is configured. A compile-time constant on purpose, unlike the
   * other defaults: annotations (the command's help) read it, and the production URL does not move
   * without a release that says so.
   */
  public static final String DEFAULT_BASE_URL = "https://cloud-api.phala.com/api/v1";

  /**
   * The {@code X-Phala-Version} sent when none is configured: the version whose shape this client
   * models.
   */
  public static final String DEFAULT_API_VERSION = ApiVersion.V2025_10_28.value();

  /**
   * The newest {@code X-Phala-Version} this client knows, sent by the calls of the current shape
   * ({@link #listCvmInfos()}) unless another version of that shape is configured.
   */
  public static final String LATEST_API_VERSION =
      ApiVersion.values()[ApiVersion.values().length - 1].value();

  /** Default time to set up a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Default longest silence while reading a response. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

  /** Default whole-call deadline: every attempt and every wait between them together. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  // The numbers below are read at run time (RuntimeValue), not copied into callers' bytecode.

  /** Default number of retries after the first attempt. */
  public static final int DEFAULT_MAX_RETRIES = RuntimeValue.of(2);

  /** The most retries {@link Builder#maxRetries(int)} accepts. */
  public static final int MAX_RETRIES = RuntimeValue.of(10);

  /** Default most async calls in flight at once; {@link Builder#maxConcurrentCalls(int)}. */
  public static final int DEFAULT_MAX_CONCURRENT_CALLS = RuntimeValue.of(64);

  private final HttpUrl baseUrl;
  private final String apiVersion;
  private final Credential credential;
  private final Duration timeout;
  private final Duration streamTimeout;
  private final int maxRetries;
  private final List<String> secrets;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final CvmsApi api;
  private final CallRunner runner;
  private final boolean ownsExecutor;
  private final boolean ownsRunner;
  private final OpenCalls calls;
  private final ResponseLimits limits;
  private final String workspace;
  private final Shape<CvmInfoList, CvmInfoStream> current;

  private PhalaCloud(Builder builder) {
    Settings settings = builder.settings;
    this.baseUrl = baseUrl(builder, settings);
    this.credential = credential(builder, settings);
    this.apiVersion = builder.apiVersion == null ? DEFAULT_API_VERSION : builder.apiVersion;
    this.timeout = builder.timeout;
    this.streamTimeout = builder.streamTimeout;
    this.maxRetries = builder.maxRetries;
    this.secrets = builder.secrets();
    this.limits = builder.limits.build();
    this.workspace = workspace(builder, settings);
    this.current =
        new Shape<>(
            apiVersion.equals(DEFAULT_API_VERSION) ? LATEST_API_VERSION : apiVersion,
            CvmInfoList::read,
            CvmInfoStream::read);
    this.ownsHttp = builder.okHttpClient == null;
    this.ownsExecutor = ownsHttp && builder.executor == null;
    this.ownsRunner = true;
    this.http = http(builder);
    this.api =
        new Retrofit.Builder()
            .baseUrl(serverRoot(baseUrl))
            .client(http)
            .addConverterFactory(GsonConverterFactory.create())
            .build()
            .create(CvmsApi.class);
    this.runner =
        new CallRunner(
            http,
            new RetryPolicy(builder.maxRetries, builder.initialBackoff, builder.maxBackoff),
            credential);
    this.calls = new OpenCalls();
  }

  /** {@code base} with other deadlines; it shares base's connections and threads. */
  private PhalaCloud(PhalaCloud base, Duration timeout, Duration streamTimeout) {
    this.baseUrl = base.baseUrl;
    this.credential = base.credential;
    this.apiVersion = base.apiVersion;
    this.timeout = timeout;
    this.streamTimeout = streamTimeout;
    this.maxRetries = base.maxRetries;
    this.secrets = base.secrets;
    this.limits = base.limits;
    this.workspace = base.workspace;
    this.current = base.current;
    this.ownsHttp = false;
    this.http = base.http;
    this.api = base.api;
    this.runner = base.runner;
    this.ownsExecutor = false;
    this.ownsRunner = false;
    this.calls = base.calls.child();
  }

  /**
   * This client with another whole-call deadline ({@link Builder#timeout}), for calls that must end
   * sooner or may take longer. It shares this client's connections, threads and other settings, so
   * it costs nothing to make. Closing this client closes it too; closing it ends its own calls and
   * refuses more, but releases nothing and leaves this client open.
   *
   * @throws PhalaInvalidInputException if {@code timeout} is not positive
   */
  public PhalaCloud withTimeout(Duration timeout) {
    return new PhalaCloud(this, Builder.positive(timeout, "timeout"), streamTimeout);
  }

  /**
   * This client with another whole-stream deadline ({@link Builder#streamTimeout}), shared like
   * {@link #withTimeout}'s.
   *
   * @throws PhalaInvalidInputException if {@code streamTimeout} is not positive
   */
  public PhalaCloud withStreamTimeout(Duration streamTimeout) {
    return new PhalaCloud(this, timeout, Builder.positive(streamTimeout, "streamTimeout"));
  }

  /** A builder with nothing set; {@link Builder#fromEnv()} adds the environment as a fallback. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from system properties and the environment ({@code PHALA_CLOUD_API_KEY},
   * {@code PHALA_CLOUD_API_PREFIX}, {@code PHALA_OIDC_TOKEN}), with defaults for the rest.
   *
   * @throws PhalaInvalidInputException if no credential is set, or a setting is malformed
   */
  public static PhalaCloud fromEnv() {
    return builder().fromEnv().build();
  }

  /**
   * Lists every CVM of the caller's workspace in the legacy shape ({@link Cvm}), which the API
   * sends for {@code X-Phala-Version} ({@link #DEFAULT_API_VERSION}), the version this call always
   * sends. For the current shape, see {@link #listCvmInfos()}.
   */
  public CvmList listCvms() {
    return listCvms(ListCvmsParams.none());
  }

  /**
   * Lists CVMs in the legacy shape, filtered by {@code params} on the server.
   *
   * @throws com.phala.cloud.errors.PhalaServiceException subclasses for error statuses (after
   *     retries)
   * @throws com.phala.cloud.errors.PhalaIoException on network failure or timeout
   * @throws PhalaInvalidDataException if the response is not a JSON array of CVMs
   */
  public CvmList listCvms(ListCvmsParams params) {
    return list(LEGACY, params);
  }

  /** {@link #listCvms()} without blocking; see {@link #listCvmsAsync(ListCvmsParams)}. */
  public CompletableFuture<CvmList> listCvmsAsync() {
    return listCvmsAsync(ListCvmsParams.none());
  }

  /**
   * {@link #listCvms(ListCvmsParams)} without blocking the caller. The call runs on OkHttp's
   * dispatcher, at most {@link Builder#maxConcurrentCalls} at once (the rest wait in its queue,
   * within their deadline), on the {@link Builder#executor executor}'s threads; no thread waits
   * between retries. The future completes on the thread that read the response: do slow work in
   * {@code thenApplyAsync} and the like. Cancelling the future cancels the HTTP call in flight and
   * any wait between retries. The future fails with the same exceptions {@code listCvms} throws,
   * and at once with {@link PhalaClosedException} if the client is closed.
   */
  public CompletableFuture<CvmList> listCvmsAsync(ListCvmsParams params) {
    return async(LEGACY, params);
  }

  /** Streams every CVM of the caller's workspace; see {@link #streamCvms(ListCvmsParams)}. */
  public CvmStream streamCvms() {
    return streamCvms(ListCvmsParams.none());
  }

  /**
   * Lists CVMs in the legacy shape one at a time from the open response, in constant memory.
   * Retries and the whole-call deadline ({@link Builder#timeout}) cover the call until the response
   * starts; the body is then read as you iterate, each read bounded by the read timeout, and the
   * whole stream by {@link Builder#streamTimeout} if set. Close the stream when done.
   */
  public CvmStream streamCvms(ListCvmsParams params) {
    return stream(LEGACY, params);
  }

  /**
   * Lists every CVM of the caller's workspace in the current shape ({@link CvmInfo}), which the API
   * sends for {@code X-Phala-Version} {@code 2026-01-21} and later. The call sends the client's
   * {@link #apiVersion()} when that is a version of this shape, else {@link #LATEST_API_VERSION}.
   */
  public CvmInfoList listCvmInfos() {
    return listCvmInfos(ListCvmsParams.none());
  }

  /**
   * Lists CVMs in the current shape, filtered by {@code params} on the server; fails as {@link
   * #listCvms(ListCvmsParams)} does.
   */
  public CvmInfoList listCvmInfos(ListCvmsParams params) {
    return list(current, params);
  }

  /** {@link #listCvmInfos()} without blocking; see {@link #listCvmsAsync(ListCvmsParams)}. */
  public CompletableFuture<CvmInfoList> listCvmInfosAsync() {
    return listCvmInfosAsync(ListCvmsParams.none());
  }

  /**
   * {@link #listCvmInfos(ListCvmsParams)} without blocking, cancellable; runs as {@link
   * #listCvmsAsync(ListCvmsParams)} does.
   */
  public CompletableFuture<CvmInfoList> listCvmInfosAsync(ListCvmsParams params) {
    return async(current, params);
  }

  /** Streams every CVM in the current shape; see {@link #streamCvmInfos(ListCvmsParams)}. */
  public CvmInfoStream streamCvmInfos() {
    return streamCvmInfos(ListCvmsParams.none());
  }

  /** {@link #listCvmInfos(ListCvmsParams)} one CVM at a time, in constant memory. */
  public CvmInfoStream streamCvmInfos(ListCvmsParams params) {
    return stream(current, params);
  }

  /**
   * How one shape of the list is asked for and read: the version to send, and the list and stream
   * types it returns. Binding the two here makes it impossible to send one version and read another
   * shape.
   */
  private static final class Shape<L, S> {
    final String version;
    final ListReader<L> list;
    final StreamReader<S> stream;

    Shape(String version, ListReader<L> list, StreamReader<S> stream) {
      this.version = version;
      this.list = list;
      this.stream = stream;
    }
  }

  private interface ListReader<L> {
    L read(Reader body, ResponseInfo info, ResponseLimits limits) throws IOException;
  }

  private interface StreamReader<S> {
    S read(Reader body, ResponseInfo info, AutoCloseable resource, ResponseLimits limits);
  }

  private static final Shape<CvmList, CvmStream> LEGACY =
      new Shape<>(DEFAULT_API_VERSION, CvmList::read, CvmStream::read);

  private <L> L list(Shape<L, ?> shape, ListCvmsParams params) {
    Execution execution = calls.begin(timeout);
    try {
      return runner.execute(request(shape.version, params), execution, listReader(shape));
    } catch (PhalaException failure) {
      throw calls.isClosed() && execution.isCancelled() ? OpenCalls.closed() : failure;
    } finally {
      calls.end(execution);
    }
  }

  private <L> CallRunner.BodyHandler<L> listReader(Shape<L, ?> shape) {
    return (response, info) -> {
      requireJson(response);
      // What this throws is scrubbed of the credential by CallRunner, like every failure.
      return shape.list.read(response.body().charStream(), info, limits);
    };
  }

  private <L> CompletableFuture<L> async(Shape<L, ?> shape, ListCvmsParams params) {
    Execution execution;
    try {
      execution = calls.begin(timeout);
    } catch (PhalaClosedException closed) {
      return CompletableFuture.failedFuture(closed);
    }
    CompletableFuture<L> future =
        new CompletableFuture<>() {
          @Override
          public boolean cancel(boolean mayInterruptIfRunning) {
            execution.cancel();
            return super.cancel(mayInterruptIfRunning);
          }
        };
    runner
        .executeAsync(request(shape.version, params), execution, listReader(shape))
        .whenComplete(
            (list, failure) -> {
              calls.end(execution);
              if (failure == null) {
                future.complete(list);
              } else if (failure instanceof CancellationException && calls.isClosed()) {
                future.completeExceptionally(OpenCalls.closed());
              } else {
                future.completeExceptionally(
                    failure instanceof CompletionException ? failure.getCause() : failure);
              }
            });
    return future;
  }

  private <S> S stream(Shape<?, S> shape, ListCvmsParams params) {
    long started = System.nanoTime();
    Execution execution =
        calls.begin(
            streamTimeout != null && streamTimeout.compareTo(timeout) < 0
                ? streamTimeout
                : timeout);
    Response response;
    try {
      response = runner.open(request(shape.version, params), execution);
    } catch (PhalaException failure) {
      calls.end(execution);
      throw calls.isClosed() && execution.isCancelled() ? OpenCalls.closed() : failure;
    }
    try {
      requireJson(response);
    } catch (IOException | RuntimeException notJson) {
      response.close();
      calls.end(execution);
      throw notJson instanceof IOException
          ? runner.bodyFailure(response.request(), (IOException) notJson)
          : notJson instanceof PhalaException
              ? credential.redaction().scrub((PhalaException) notJson)
              : (RuntimeException) notJson;
    }
    ResponseInfo info = new ResponseInfo(response.code(), response.headers().toMultimap(), null);
    StreamDeadline deadline = runner.streamDeadline(response, execution, streamTimeout, started);
    // Tagged so that what the stream reports about the body never quotes the credential back.
    Reader body =
        credential.redaction().tag(calls.guard(deadline.bound(response.body().charStream())));
    AutoCloseable release =
        () -> {
          calls.end(execution);
          deadline.close();
        };
    return shape.stream.read(body, info, release, limits);
  }

  /** The request for a listing, built by the generated Retrofit interface from the contract. */
  private Request request(String version, ListCvmsParams params) {
    return api.listCvms(
            com.phala.cloud.generated.model.ApiVersion.fromValue(version),
            workspace,
            params.userId().orElse(null),
            params.teepodId().isPresent() ? params.teepodId().getAsLong() : null)
        .request();
  }

  /** A 2xx answer that is not JSON (a proxy's or captive portal's HTML page) is unusable data. */
  private void requireJson(Response response) throws IOException {
    MediaType type = response.body().contentType();
    if (type != null && !type.subtype().contains("json")) {
      // Scrubbed of the credential by the caller (CallRunner, or streamCvms), like every failure.
      String start = response.peekBody(300).string().replaceAll("\\s+", " ").trim();
      throw new PhalaInvalidDataException(
          "The API answered HTTP "
              + response.code()
              + " with "
              + type.type()
              + "/"
              + type.subtype()
              + " instead of JSON; a proxy or captive portal may be in the way. Received: "
              + start,
          "$",
          start,
          null);
    }
  }

  /** The API prefix requests go to, such as {@code https://cloud-api.phala.com/api/v1/}. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /** The {@code X-Phala-Version} this client sends. */
  public String apiVersion() {
    return apiVersion;
  }

  /**
   * Closes the client: every call made from now on fails at once with {@link PhalaClosedException}
   * (a sync call throws it, an async one returns a future already failed with it, a stream is not
   * opened), and every call in progress is cancelled and ends with it too (a stream being read
   * throws it at its next step). Then releases the client's threads and idle connections (a
   * caller's own {@code OkHttpClient} and {@link Builder#executor executor} are left as they are).
   * Safe to call more than once.
   *
   * <p>Clients derived with {@link #withTimeout} or {@link #withStreamTimeout} share this one's
   * connections and threads: closing this one closes them too. Closing a derived client ends its
   * own calls and refuses more, and leaves this one open.
   */
  @Override
  public void close() {
    calls.close();
    if (ownsRunner) {
      // The deadline thread is this client's (and its derived clients'): it ends with it.
      runner.close();
    }
    if (ownsExecutor) {
      http.dispatcher().executorService().shutdown();
    }
    if (ownsHttp) {
      http.connectionPool().evictAll();
    }
  }

  /** The configuration, with the credential's kind but never its value. */
  @Override
  public String toString() {
    return "PhalaCloud{baseUrl="
        + baseUrl
        + ", apiVersion="
        + apiVersion
        + ", credential="
        + credential
        + ", maxRetries="
        + maxRetries
        + ", timeout="
        + timeout
        + (streamTimeout == null ? "" : ", streamTimeout=" + streamTimeout)
        + "}";
  }

  private OkHttpClient http(Builder builder) {
    OkHttpClient.Builder http =
        builder.okHttpClient == null
            ? new OkHttpClient.Builder()
            : builder.okHttpClient.newBuilder();
    if (builder.okHttpClient == null || builder.connectTimeout != null) {
      http.connectTimeout(forOkHttp(orDefault(builder.connectTimeout, DEFAULT_CONNECT_TIMEOUT)));
    }
    if (builder.okHttpClient == null || builder.readTimeout != null) {
      http.readTimeout(forOkHttp(orDefault(builder.readTimeout, DEFAULT_READ_TIMEOUT)));
    }
    if (builder.proxy != null) {
      http.proxy(builder.proxy);
    }
    String userAgent =
        "phala-cloud-java/"
            + Version.VERSION
            + " (Java "
            + System.getProperty("java.version")
            + ")"
            + (builder.userAgentSuffix == null ? "" : " " + builder.userAgentSuffix);
    Dispatcher dispatcher = dispatcher(builder);
    if (dispatcher != null) {
      http.dispatcher(dispatcher);
    }
    return http.followSslRedirects(false)
        .addInterceptor(new StaticHeadersInterceptor(userAgent))
        .addNetworkInterceptor(new AuthInterceptor(credential, baseUrl))
        .build();
  }

  /**
   * The dispatcher async calls run on, or {@code null} to keep that of the caller's {@code
   * OkHttpClient}, which may be shared with the caller's own calls. All calls go to one host, so
   * the per-host bound is the bound.
   */
  private static Dispatcher dispatcher(Builder builder) {
    OkHttpClient theirs = builder.okHttpClient;
    if (theirs != null && builder.executor == null && builder.maxConcurrentCalls == null) {
      return null;
    }
    int bound =
        builder.maxConcurrentCalls != null
            ? builder.maxConcurrentCalls
            : theirs != null ? theirs.dispatcher().getMaxRequests() : DEFAULT_MAX_CONCURRENT_CALLS;
    Dispatcher dispatcher =
        new Dispatcher(
            builder.executor != null
                ? builder.executor
                : theirs != null ? theirs.dispatcher().executorService() : daemonThreads(bound));
    dispatcher.setMaxRequests(bound);
    dispatcher.setMaxRequestsPerHost(
        builder.maxConcurrentCalls == null && theirs != null
            ? theirs.dispatcher().getMaxRequestsPerHost()
            : bound);
    return dispatcher;
  }

  /**
   * A positive timeout in the range OkHttp takes: whole milliseconds, at least 1 (OkHttp reads 0,
   * which a sub-millisecond value would round to, as "no timeout"), at most {@link
   * Integer#MAX_VALUE} ms (about 24.8 days; OkHttp refuses more).
   */
  private static Duration forOkHttp(Duration timeout) {
    Duration longest = Duration.ofMillis(Integer.MAX_VALUE);
    return timeout.compareTo(longest) > 0
        ? longest
        : Duration.ofMillis(Math.max(1, timeout.toMillis()));
  }

  private static Duration orDefault(Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }

  private static HttpUrl baseUrl(Builder builder, Settings settings) {
    String origin = "baseUrl";
    String text = builder.baseUrl;
    if (text == null && settings != null && settings.get(Settings.API_PREFIX) != null) {
      Settings.Source source = settings.get(Settings.API_PREFIX);
      text = source.value;
      origin = source.origin;
    }
    if (text == null) {
      text = DEFAULT_BASE_URL;
    }
    HttpUrl url = HttpUrl.parse(text.trim());
    if (url == null) {
      throw new PhalaInvalidInputException(
          "The base URL ("
              + origin
              + ") is not an http or https URL: '"
              // A credential set as the base URL by mistake (swapped arguments) is not quoted back.
              + printable(masked(text, builder.secrets()))
              + "'. Use the API prefix, such as "
              + DEFAULT_BASE_URL
              + ".");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new PhalaInvalidInputException(
          "The base URL ("
              + origin
              + ") must not contain a user name or password;"
              + " pass the credential with apiKey(...) or PHALA_CLOUD_API_KEY.");
    }
    if (url.query() != null || url.fragment() != null) {
      throw new PhalaInvalidInputException(
          "The base URL ("
              + origin
              + ") must not have a query or fragment: "
              + url.newBuilder().query(null).fragment(null).build()
              + " is what it should look like.");
    }
    if (!url.isHttps() && !Loopback.isLoopback(url.host())) {
      throw new PhalaInvalidInputException(
          "The base URL ("
              + origin
              + ") uses plain http to "
              + url.host()
              + ", which would expose the credential; use https://"
              + url.host()
              + url.encodedPath()
              + " (plain http is allowed only to localhost).");
    }
    return url.encodedPath().endsWith("/")
        ? url
        : url.newBuilder().encodedPath(url.encodedPath() + "/").build();
  }

  /** The server root the contract's paths ({@code /api/v1/cvms}) are relative to. */
  private static HttpUrl serverRoot(HttpUrl prefix) {
    List<String> segments = new ArrayList<>(prefix.pathSegments());
    segments.removeIf(String::isEmpty);
    int size = segments.size();
    if (size >= 2 && segments.get(size - 2).equals("api") && segments.get(size - 1).equals("v1")) {
      segments = segments.subList(0, size - 2);
    }
    HttpUrl.Builder root = prefix.newBuilder().encodedPath("/");
    segments.forEach(root::addPathSegment);
    return root.addPathSegment("").build();
  }

  /** The workspace header's value: one printable ASCII line, or none. */
  private static String workspace(Builder builder, Settings settings) {
    String origin = "workspace";
    String value = builder.workspace;
    Settings.Source source = settings == null ? null : settings.get(Settings.WORKSPACE);
    if (value == null && source != null) {
      value = source.value;
      origin = source.origin;
    }
    return checkedWorkspace(value, origin);
  }

  /** {@code value}, if the workspace header can carry it; the message names {@code origin}. */
  private static String checkedWorkspace(String value, String origin) {
    if (value != null && (value.isBlank() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
      throw new PhalaInvalidInputException(
          "The workspace"
              + (origin == null ? "" : " (" + origin + ")")
              + " must be a workspace id (wks_...) or slug: printable ASCII with no spaces, but was '"
              + printable(value)
              + "'.");
    }
    return value;
  }

  private static Credential credential(Builder builder, Settings settings) {
    if (builder.apiKey != null) {
      return Credential.apiKey(builder.apiKey, "The API key (apiKey)");
    }
    if (builder.bearerToken == null && settings != null) {
      Settings.Source key = settings.get(Settings.API_KEY);
      if (key != null) {
        return Credential.apiKey(key.value, "The API key (" + key.origin + ")");
      }
    }
    if (builder.bearerToken != null) {
      return Credential.bearerToken(builder.bearerToken, "The bearer token (bearerToken)");
    }
    Settings.Source token = settings == null ? null : settings.get(Settings.OIDC_TOKEN);
    if (token != null) {
      return Credential.bearerToken(token.value, "The bearer token (" + token.origin + ")");
    }
    throw new PhalaInvalidInputException(
        "No credentials: set PHALA_CLOUD_API_KEY to your Phala Cloud API key"
            + " (or PHALA_OIDC_TOKEN to a bearer token), or pass apiKey(...) or bearerToken(...) to the builder.");
  }

  /** {@code text} with every one of {@code secrets} (longest first) masked as {@code ***}. */
  private static String masked(String text, List<String> secrets) {
    String shown = text;
    for (String secret : secrets) {
      shown = Redaction.of(secret).apply(shown);
    }
    return shown;
  }

  /**
   * {@code text} with every credential this client knows masked as {@code ***}: the one it sends,
   * and any other given to its builder or found by {@link Builder#fromEnv()} (both the system
   * property and the environment variable of the API key and the bearer token), also where a
   * bounded text cut one short. For programs that print text a server or a user may have filled
   * with a credential: error pages, logs. {@code null} stays {@code null}.
   */
  public String redact(String text) {
    return text == null ? null : masked(text, secrets);
  }

  private static String printable(String text) {
    String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
    return PlainText.replaceHidden(shown, '?');
  }

  /**
   * At most {@code bound} daemon threads, each let go after 60 s idle. Not OkHttp's default (a
   * thread for each task, none queued): its dispatcher hands the next call over before the thread
   * that finished one is idle again, so that pool grows past the bound (95 threads for 64 calls in
   * flight); here the next call waits in the queue for that thread. Daemon threads, so that a
   * program that forgets to close the client can still exit.
   */
  private static ExecutorService daemonThreads(int bound) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor threads =
        new ThreadPoolExecutor(
            bound,
            bound,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "phala-cloud-http-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    threads.allowCoreThreadTimeOut(true);
    return threads;
  }

  /**
   * Configures a {@link PhalaCloud}. Precedence for each option: what is set here, then (after
   * {@link #fromEnv()}) a system property, then an environment variable, then the default.
   */
  public static final class Builder {
    private String baseUrl;
    private String apiKey;
    private String bearerToken;
    private String apiVersion;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration streamTimeout;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private String userAgentSuffix;
    private OkHttpClient okHttpClient;
    private ExecutorService executor;
    private Integer maxConcurrentCalls;
    private Proxy proxy;
    private Settings settings;
    // Each limit is checked where it is set (ResponseLimits.Builder), not at build().
    private ResponseLimits.Builder limits = ResponseLimits.builder();
    private String workspace;

    private Builder() {}

    /**
     * {@code text} with every credential given to this builder so far or found by {@link
     * #fromEnv()} masked as {@code ***}, as {@link PhalaCloud#redact(String)} will: usable before
     * the client is built (or when building fails). {@code null} stays {@code null}.
     */
    public String redact(String text) {
      return text == null ? null : masked(text, secrets());
    }

    /** Every credential known here, non-blank, distinct, longest first. */
    private List<String> secrets() {
      List<String> secrets = new ArrayList<>();
      secrets.add(apiKey);
      secrets.add(bearerToken);
      if (settings != null) {
        secrets.addAll(settings.all(Settings.API_KEY));
        secrets.addAll(settings.all(Settings.OIDC_TOKEN));
      }
      secrets.removeIf(secret -> secret == null || secret.isBlank());
      return secrets.stream()
          .distinct()
          .sorted(java.util.Comparator.comparingInt(String::length).reversed())
          .toList();
    }

    /**
     * Falls back to system properties and environment variables for the base URL and the
     * credentials: {@code phala.cloud.apiPrefix} / {@code PHALA_CLOUD_API_PREFIX}, {@code
     * phala.cloud.apiKey} / {@code PHALA_CLOUD_API_KEY}, {@code phala.oidcToken} / {@code
     * PHALA_OIDC_TOKEN}. Values set on this builder still win.
     */
    public Builder fromEnv() {
      return fromEnv(Settings.system());
    }

    /**
     * Like {@link #fromEnv()}, but reads environment variables from {@code environment} instead of
     * the process's (system properties are still consulted first). For programs that hold their
     * environment as a map, such as a command line tool or a test.
     */
    public Builder fromEnv(java.util.Map<String, String> environment) {
      return fromEnv(new Settings(System.getProperties()::getProperty, environment::get));
    }

    Builder fromEnv(Settings settings) {
      this.settings = settings;
      return this;
    }

    /**
     * The API prefix, as Phala's SDKs take it (default {@value PhalaCloud#DEFAULT_BASE_URL}). A URL
     * without the {@code /api/v1} suffix is taken as the server root. Must be https, except to
     * localhost.
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** An API key ({@code phak_...}), sent as {@code X-API-Key}. Wins over a bearer token. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** An OAuth or OIDC access token, sent as {@code Authorization: Bearer}. */
    public Builder bearerToken(String bearerToken) {
      this.bearerToken = bearerToken;
      return this;
    }

    /**
     * The {@code X-Phala-Version} for the calls of its shape: {@link
     * PhalaCloud#DEFAULT_API_VERSION} (the default) is the only version of the legacy shape that
     * {@link PhalaCloud#listCvms()} reads; a later one picks the version {@link
     * PhalaCloud#listCvmInfos()} sends (else {@link PhalaCloud#LATEST_API_VERSION}). Each call
     * sends only a version of the shape it returns.
     *
     * @throws PhalaInvalidInputException if it is not one of the versions in {@link ApiVersion}
     */
    public Builder apiVersion(String apiVersion) {
      if (apiVersion != null && ApiVersion.of(apiVersion).isEmpty()) {
        throw new PhalaInvalidInputException(
            "The API version '"
                + printable(apiVersion)
                + "' is not one this client knows: "
                + java.util.Arrays.toString(ApiVersion.values())
                + ". A version fixes the shape of the list, and this client returns typed views only"
                + " of the shapes it knows; for a newer version, upgrade phala-cloud-client.");
      }
      this.apiVersion = apiVersion;
      return this;
    }

    /** The same, as a constant of {@link ApiVersion}. */
    public Builder apiVersion(ApiVersion apiVersion) {
      return apiVersion(apiVersion.value());
    }

    /**
     * The workspace to list ({@code wks_...} or its slug), sent as {@code X-Phala-Workspace}
     * (default: none, the caller's current workspace; {@code fromEnv()} reads {@code
     * PHALA_CLOUD_WORKSPACE}).
     *
     * @throws PhalaInvalidInputException if it is blank or not printable ASCII without spaces
     */
    public Builder workspace(String workspace) {
      this.workspace = checkedWorkspace(workspace, null);
      return this;
    }

    /**
     * Whether {@link #build()} will find a credential: one set here, or (after {@link #fromEnv()})
     * a system property or environment variable. For programs that ask for one before they build,
     * such as a command that says how to log in.
     */
    public boolean hasCredential() {
      return apiKey != null
          || bearerToken != null
          || settings != null
              && (settings.get(Settings.API_KEY) != null
                  || settings.get(Settings.OIDC_TOKEN) != null);
    }

    /**
     * Time to set up a connection (default 30 s). Counted in whole milliseconds, at least 1, and
     * capped at about 24.8 days, the longest OkHttp takes.
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Longest silence while reading a response (default 60 s). Counted in whole milliseconds, at
     * least 1, and capped at about 24.8 days, the longest OkHttp takes.
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive(readTimeout, "readTimeout");
      return this;
    }

    /**
     * The whole-call deadline: every attempt and every wait between retries together (default 120
     * s). {@code ChronoUnit.FOREVER.getDuration()} means no deadline.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * The whole-stream deadline of {@code streamCvms} and {@code streamCvmInfos}: the call, its
     * retries and the reading of the body to its end together (default: none, as a caller may take
     * its time over each CVM; each read is bounded by the read timeout). When it passes, the
     * connection is closed and iterating throws {@code PhalaTimeoutException}. {@link #timeout}
     * still bounds the call until the response starts.
     */
    public Builder streamTimeout(Duration streamTimeout) {
      this.streamTimeout = positive(streamTimeout, "streamTimeout");
      return this;
    }

    /** Retries after the first attempt (default 2; 0 turns retries off; at most 10). */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
        throw new PhalaInvalidInputException(
            "maxRetries must be between 0 and " + MAX_RETRIES + ", but was " + maxRetries + ".");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * The backoff between retries: {@code initial x 2^n}, capped at {@code max} (default 0.5 s and
     * 8 s).
     */
    public Builder retryBackoff(Duration initial, Duration max) {
      this.initialBackoff = positive(initial, "the initial backoff");
      this.maxBackoff = positive(max, "the maximum backoff");
      return this;
    }

    /** Text appended to the {@code User-Agent}, such as {@code my-app/1.2}. */
    public Builder userAgentSuffix(String suffix) {
      if (suffix != null && !suffix.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new PhalaInvalidInputException(
            "The user-agent suffix must be printable ASCII on one line.");
      }
      this.userAgentSuffix = suffix;
      return this;
    }

    /**
     * Your own {@link OkHttpClient}, to share its connection pool, dispatcher, TLS or proxy
     * settings. The client derives its own from it; yours is not changed, and its timeouts are kept
     * unless you set them here.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = okHttpClient;
      return this;
    }

    /**
     * The threads async calls ({@code listCvmsAsync}, {@code listCvmInfosAsync}) run on: each call
     * in flight takes one while it waits for the response and reads it (OkHttp's I/O blocks), none
     * waits between retries. For example {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK
     * 21+, so that no platform thread waits on the network. Default: a pool of daemon threads, one
     * per call in flight, kept 60 s when idle. Yours is not shut down by {@link
     * PhalaCloud#close()}; keep it open as long as the client is used. Sync calls and streams run
     * on the caller's thread.
     */
    public Builder executor(ExecutorService executor) {
      if (executor == null) {
        throw new PhalaInvalidInputException(
            "executor must be an ExecutorService, but was null; leave it unset for the default.");
      }
      this.executor = executor;
      return this;
    }

    /**
     * The most async calls in flight at once (default 64, {@link
     * PhalaCloud#DEFAULT_MAX_CONCURRENT_CALLS}). More wait in a queue, in order, their deadline
     * running: the bound on the threads async calls take and on the connections they open. Sync
     * calls and streams are not counted. With your own {@link #okHttpClient} and neither this nor
     * {@link #executor} set, async calls share its dispatcher and its limits (OkHttp's defaults: 64
     * calls, 5 per host); set this for a bound of the client's own (your dispatcher is not
     * changed).
     *
     * @throws PhalaInvalidInputException if it is not positive
     */
    public Builder maxConcurrentCalls(int calls) {
      if (calls < 1) {
        throw new PhalaInvalidInputException(
            "maxConcurrentCalls must be at least 1, but was " + calls + ".");
      }
      this.maxConcurrentCalls = calls;
      return this;
    }

    /**
     * How deeply a response's JSON may nest (default 1,000); see {@link ResponseLimits}. Past any
     * limit, reading stops with a {@code PhalaInvalidDataException} naming it.
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxNestingDepth(int depth) {
      limits.maxNestingDepth(depth);
      return this;
    }

    /**
     * The longest string or member name a response may hold, in characters (default 4,000,000).
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxStringLength(int chars) {
      limits.maxStringLength(chars);
      return this;
    }

    /**
     * The longest number a response may hold, in characters (default 1,000).
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxNumberLength(int chars) {
      limits.maxNumberLength(chars);
      return this;
    }

    /**
     * The most characters one CVM may take (default 8,000,000).
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxCvmChars(long chars) {
      limits.maxCvmChars(chars);
      return this;
    }

    /**
     * The most characters a list read whole by {@code listCvms} may take, counted after gzip is
     * undone (default 64,000,000). {@code streamCvms} holds one CVM at a time and is not bounded by
     * it.
     *
     * @throws PhalaInvalidInputException if it is less than 1
     */
    public Builder maxListChars(long chars) {
      limits.maxListChars(chars);
      return this;
    }

    /**
     * All the response limits at once; {@code null} resets them to {@link ResponseLimits#DEFAULTS}.
     */
    public Builder responseLimits(ResponseLimits limits) {
      this.limits = (limits == null ? ResponseLimits.DEFAULTS : limits).toBuilder();
      return this;
    }

    /** An HTTP proxy to go through. */
    public Builder proxy(Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /**
     * The client.
     *
     * @throws PhalaInvalidInputException if there is no credential, a credential is blank or has
     *     control characters, or the base URL is malformed or plain http to a remote host
     */
    public PhalaCloud build() {
      return new PhalaCloud(this);
    }

    private static Duration positive(Duration value, String name) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new PhalaInvalidInputException(
            name + " must be a positive duration, but was " + value + ".");
      }
      return value;
    }
  }
}
