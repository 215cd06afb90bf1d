package com.phala.cloud;

import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.generated.api.CvmsApi;
import com.phala.cloud.internal.PlainText;
import com.phala.cloud.internal.Redaction;
import com.phala.cloud.internal.Settings;
import com.phala.cloud.internal.Version;
import com.phala.cloud.internal.http.AuthInterceptor;
import com.phala.cloud.internal.http.CallRunner;
import com.phala.cloud.internal.http.Credential;
import com.phala.cloud.internal.http.Loopback;
import com.phala.cloud.internal.http.OpenCalls;
import com.phala.cloud.internal.http.RetryPolicy;
import com.phala.cloud.internal.http.StaticHeadersInterceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.gson.GsonConverterFactory;

/**
 * What {@link PhalaCloud.Builder#build()} makes of the builder's settings, shared by a client and
 * the clients derived from it: the checked base URL, credential and workspace, the OkHttp client
 * with its dispatcher, the generated Retrofit interface and the call runner. Each failure names the
 * setting (and where it came from: the builder, a system property or the environment).
 */
final class ClientWiring {
  final HttpUrl baseUrl;
  final Credential credential;
  final ApiVersion apiVersion;
  final int maxRetries;
  final List<String> secrets;
  final ResponseLimits limits;
  final String workspace;
  final CvmsApi api;
  final CallRunner runner;
  private final OkHttpClient http;
  private final boolean ownsHttp;
  private final boolean ownsExecutor;

  ClientWiring(PhalaCloud.Builder builder) {
    Settings settings = builder.settings;
    this.baseUrl = baseUrl(builder, settings);
    this.credential = credential(builder, settings);
    this.apiVersion =
        builder.apiVersion == null ? PhalaCloud.DEFAULT_API_VERSION : builder.apiVersion;
    this.maxRetries = builder.maxRetries;
    this.secrets = secrets(builder);
    this.limits = builder.limits;
    this.workspace = workspace(builder, settings);
    this.ownsHttp = builder.okHttpClient == null;
    this.ownsExecutor = ownsHttp && builder.executor == null;
    this.http = http(builder, credential, baseUrl);
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
  }

  /** The list calls of a client with these deadlines, whose calls {@code calls} tracks. */
  CvmCalls calls(OpenCalls calls, Duration timeout, Duration streamTimeout) {
    return new CvmCalls(this, calls, timeout, streamTimeout);
  }

  /**
   * Releases what the client owns: the deadline thread, its own threads and idle connections (a
   * caller's own {@code OkHttpClient} and executor are left as they are).
   */
  void close() {
    runner.close();
    if (ownsExecutor) {
      http.dispatcher().executorService().shutdown();
    }
    if (ownsHttp) {
      http.connectionPool().evictAll();
    }
  }

  private static OkHttpClient http(
      PhalaCloud.Builder builder, Credential credential, HttpUrl baseUrl) {
    OkHttpClient.Builder http =
        builder.okHttpClient == null
            ? new OkHttpClient.Builder()
            : builder.okHttpClient.newBuilder();
    if (builder.okHttpClient == null || builder.connectTimeout != null) {
      http.connectTimeout(
          forOkHttp(orDefault(builder.connectTimeout, PhalaCloud.DEFAULT_CONNECT_TIMEOUT)));
    }
    if (builder.okHttpClient == null || builder.readTimeout != null) {
      http.readTimeout(forOkHttp(orDefault(builder.readTimeout, PhalaCloud.DEFAULT_READ_TIMEOUT)));
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
  static Dispatcher dispatcher(PhalaCloud.Builder builder) {
    OkHttpClient theirs = builder.okHttpClient;
    if (theirs != null && builder.executor == null && builder.maxConcurrentCalls == null) {
      return null;
    }
    int bound =
        builder.maxConcurrentCalls != null
            ? builder.maxConcurrentCalls
            : theirs != null
                ? theirs.dispatcher().getMaxRequests()
                : PhalaCloud.DEFAULT_MAX_CONCURRENT_CALLS;
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
  static Duration forOkHttp(Duration timeout) {
    Duration longest = Duration.ofMillis(Integer.MAX_VALUE);
    return timeout.compareTo(longest) > 0
        ? longest
        : Duration.ofMillis(Math.max(1, timeout.toMillis()));
  }

  static Duration orDefault(Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }

  static HttpUrl baseUrl(PhalaCloud.Builder builder, Settings settings) {
    Settings.Source source =
        Settings.either(builder.baseUrl, "baseUrl", settings, Settings.API_PREFIX);
    String text = source == null ? PhalaCloud.DEFAULT_BASE_URL : source.value;
    String origin = source == null ? "baseUrl" : source.origin;
    HttpUrl url = HttpUrl.parse(text.trim());
    if (url == null) {
      throw new PhalaInvalidInputException(
          "The base URL ("
              + origin
              + ") is not an http or https URL: '"
              // A credential set as the base URL by mistake (swapped arguments) is not quoted back.
              + printable(masked(text, secrets(builder)))
              + "'. Use the API prefix, such as "
              + PhalaCloud.DEFAULT_BASE_URL
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
  static HttpUrl serverRoot(HttpUrl prefix) {
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
  static String workspace(PhalaCloud.Builder builder, Settings settings) {
    Settings.Source source =
        Settings.either(builder.workspace, "workspace", settings, Settings.WORKSPACE);
    return source == null ? null : checkedWorkspace(source.value, source.origin);
  }

  /** {@code value}, if the workspace header can carry it; the message names {@code origin}. */
  static String checkedWorkspace(String value, String origin) {
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

  /**
   * The credential to send: the builder's before those of system properties and the environment, an
   * API key before a bearer token.
   */
  static Credential credential(PhalaCloud.Builder builder, Settings settings) {
    if (builder.apiKey != null) {
      return Credential.apiKey(builder.apiKey, "The API key (apiKey)");
    }
    if (builder.bearerToken != null) {
      return Credential.bearerToken(builder.bearerToken, "The bearer token (bearerToken)");
    }
    Settings.Source key = settings == null ? null : settings.get(Settings.API_KEY);
    if (key != null) {
      return Credential.apiKey(key.value, "The API key (" + key.origin + ")");
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
  static String masked(String text, List<String> secrets) {
    String shown = text;
    for (String secret : secrets) {
      shown = Redaction.of(secret).apply(shown);
    }
    return shown;
  }

  static String printable(String text) {
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
  static ExecutorService daemonThreads(int bound) {
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

  /** Every credential {@code builder} knows, non-blank, distinct, longest first. */
  static List<String> secrets(PhalaCloud.Builder builder) {
    List<String> secrets = new ArrayList<>();
    secrets.add(builder.apiKey);
    secrets.add(builder.bearerToken);
    if (builder.settings != null) {
      secrets.addAll(builder.settings.all(Settings.API_KEY));
      secrets.addAll(builder.settings.all(Settings.OIDC_TOKEN));
    }
    secrets.removeIf(secret -> secret == null || secret.isBlank());
    return secrets.stream()
        .distinct()
        .sorted(java.util.Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  /** The version {@code text} names, such as {@code 2026-06-23}. */
  static ApiVersion knownVersion(String text) {
    return ApiVersion.of(text)
        .orElseThrow(
            () ->
                new PhalaInvalidInputException(
                    "The API version '"
                        + printable(text)
                        + "' is not one this client knows: "
                        + java.util.Arrays.toString(ApiVersion.values())
                        + ". A version fixes the shape of the list, and this client returns"
                        + " typed views only of the shapes it knows; for a newer version,"
                        + " upgrade phala-cloud-client."));
  }

  /** {@code value}, if it is a positive duration; the message names the setting, {@code name}. */
  static Duration positive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new PhalaInvalidInputException(
          name + " must be a positive duration, but was " + value + ".");
    }
    return value;
  }
}
