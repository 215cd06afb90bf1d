package com.phala.cloud;

import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.errors.PhalaClosedException;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.internal.RuntimeValue;
import com.phala.cloud.internal.Settings;
import com.phala.cloud.internal.Version;
import com.phala.cloud.internal.http.OpenCalls;
import java.net.Proxy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import okhttp3.OkHttpClient;

/**
 * The Phala Cloud API client. Build it once and share it: it is immutable and thread-safe, and
 * holds a connection pool.
 *
 * <pre>{@code
 * PhalaCloud client = PhalaCloud.fromEnv();          // PHALA_CLOUD_API_KEY, ...
 * for (CvmInfo cvm : client.cvms().list().running()) {
 *   System.out.println(cvm.name() + " " + cvm.status());
 * }
 * }</pre>
 *
 * <p>One service per resource ({@link #cvms()}), one verb per way of reading it ({@code list},
 * {@code stream}), the same verbs without blocking under {@link #async()}, and the shape of the
 * answer as a typed argument ({@link CvmShape}) rather than a second family of names.
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

  /** The newest {@code X-Phala-Version} this client knows: the last of {@link ApiVersion}. */
  public static final ApiVersion LATEST_API_VERSION =
      ApiVersion.values()[ApiVersion.values().length - 1];

  /**
   * The {@code X-Phala-Version} the calls of the current shape send when none is configured: the
   * newest, as Phala's SDKs send.
   */
  public static final ApiVersion DEFAULT_API_VERSION = LATEST_API_VERSION;

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

  private final ClientWiring wiring;
  private final Duration timeout;
  private final Duration streamTimeout;
  private final OpenCalls calls;
  private final boolean derived;
  private final CvmService cvms;
  private final PhalaCloudAsync async;

  private PhalaCloud(
      ClientWiring wiring,
      Duration timeout,
      Duration streamTimeout,
      OpenCalls calls,
      boolean derived) {
    this.wiring = wiring;
    this.timeout = timeout;
    this.streamTimeout = streamTimeout;
    this.calls = calls;
    this.derived = derived;
    CvmCalls lists = wiring.calls(calls, timeout, streamTimeout);
    this.cvms = new CvmService(lists);
    this.async = new PhalaCloudAsync(lists);
  }

  /** The CVM list: {@code client.cvms().list()}, {@code client.cvms().stream()}. */
  public CvmService cvms() {
    return cvms;
  }

  /** The same services without blocking: {@code client.async().cvms().list()}. */
  public PhalaCloudAsync async() {
    return async;
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
    return new PhalaCloud(
        wiring, ClientWiring.positive(timeout, "timeout"), streamTimeout, calls.child(), true);
  }

  /**
   * This client with another whole-stream deadline ({@link Builder#streamTimeout}), shared like
   * {@link #withTimeout}'s.
   *
   * @throws PhalaInvalidInputException if {@code streamTimeout} is not positive
   */
  public PhalaCloud withStreamTimeout(Duration streamTimeout) {
    return new PhalaCloud(
        wiring,
        timeout,
        ClientWiring.positive(streamTimeout, "streamTimeout"),
        calls.child(),
        true);
  }

  /** A builder with nothing set; {@link Builder#fromEnv()} adds the environment as a fallback. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from system properties and the environment ({@code PHALA_CLOUD_API_KEY},
   * {@code PHALA_CLOUD_API_PREFIX}, {@code PHALA_OIDC_TOKEN}, {@code PHALA_CLOUD_WORKSPACE}), with
   * defaults for the rest: exactly {@code builder().fromEnv().build()}.
   *
   * @throws PhalaInvalidInputException if no credential is set, or a setting is malformed
   */
  public static PhalaCloud fromEnv() {
    return builder().fromEnv().build();
  }

  /** The API prefix requests go to, such as {@code https://cloud-api.phala.com/api/v1/}. */
  public String baseUrl() {
    return wiring.baseUrl.toString();
  }

  /**
   * The {@code X-Phala-Version} the calls of the current shape send ({@link CvmShape#CURRENT});
   * {@link CvmShape#LEGACY} always sends {@code 2025-10-28}.
   */
  public ApiVersion apiVersion() {
    return wiring.apiVersion;
  }

  /**
   * {@code text} with every credential this client knows masked as {@code ***}: the one it sends,
   * and any other given to its builder or found by {@link Builder#fromEnv()} (both the system
   * property and the environment variable of the API key and the bearer token), also where a
   * bounded text cut one short. For programs that print text a server or a user may have filled
   * with a credential: error pages, logs. {@code null} stays {@code null}.
   */
  public String redact(String text) {
    return text == null ? null : ClientWiring.masked(text, wiring.secrets);
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
    if (!derived) {
      wiring.close();
    }
  }

  /** The configuration, with the credential's kind but never its value. */
  @Override
  public String toString() {
    return "PhalaCloud{baseUrl="
        + wiring.baseUrl
        + ", apiVersion="
        + apiVersion()
        + ", credential="
        + wiring.credential
        + ", maxRetries="
        + wiring.maxRetries
        + ", timeout="
        + timeout
        + (streamTimeout == null ? "" : ", streamTimeout=" + streamTimeout)
        + "}";
  }

  /**
   * Configures a {@link PhalaCloud}. Precedence for each option: what is set here, then (after
   * {@link #fromEnv()}) a system property, then an environment variable, then the default.
   *
   * <p>Each setter checks its argument when called and throws {@link PhalaInvalidInputException}
   * there, not at {@link #build()}. {@code null} resets an optional setting to its default (the
   * credentials, base URL, version, workspace, user agent, OkHttp client, proxy and limits); the
   * timeouts and the executor refuse it. Each setting has one setter.
   */
  public static final class Builder {
    // Read by ClientWiring when the client is built; each is checked where it is set.
    String baseUrl;
    String apiKey;
    String bearerToken;
    ApiVersion apiVersion;
    Duration connectTimeout;
    Duration readTimeout;
    Duration timeout = DEFAULT_TIMEOUT;
    Duration streamTimeout;
    int maxRetries = DEFAULT_MAX_RETRIES;
    Duration initialBackoff = Duration.ofMillis(500);
    Duration maxBackoff = Duration.ofSeconds(8);
    String userAgentSuffix;
    OkHttpClient okHttpClient;
    ExecutorService executor;
    Integer maxConcurrentCalls;
    Proxy proxy;
    Settings settings;
    ResponseLimits limits = ResponseLimits.DEFAULTS;
    String workspace;

    private Builder() {}

    /**
     * {@code text} with every credential given to this builder so far or found by {@link
     * #fromEnv()} masked as {@code ***}, as {@link PhalaCloud#redact(String)} will: usable before
     * the client is built (or when building fails). {@code null} stays {@code null}.
     */
    public String redact(String text) {
      return text == null ? null : ClientWiring.masked(text, ClientWiring.secrets(this));
    }

    /**
     * Reads what {@link PhalaCloud#fromEnv()} reads, as a fallback: system properties, then
     * environment variables, for the base URL, the credentials and the workspace ({@code
     * phala.cloud.apiPrefix} / {@code PHALA_CLOUD_API_PREFIX}, {@code phala.cloud.apiKey} / {@code
     * PHALA_CLOUD_API_KEY}, {@code phala.oidcToken} / {@code PHALA_OIDC_TOKEN}, {@code
     * PHALA_CLOUD_WORKSPACE}). Values set on this builder win, whether set before or after.
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
     * The {@code X-Phala-Version} the calls of the current shape send ({@link CvmShape#CURRENT}),
     * {@link PhalaCloud#DEFAULT_API_VERSION} when unset; {@code null} resets it. The legacy shape
     * has one version, which {@link CvmShape#LEGACY} always sends; given here, it leaves the
     * current shape at the default.
     */
    public Builder apiVersion(ApiVersion apiVersion) {
      this.apiVersion = apiVersion == null || CvmShape.isLegacy(apiVersion) ? null : apiVersion;
      return this;
    }

    /**
     * The same, as the header's text, such as {@code 2026-06-23}: for versions read from
     * configuration.
     *
     * @throws PhalaInvalidInputException if it is not one of the versions in {@link ApiVersion}
     */
    public Builder apiVersion(String apiVersion) {
      if (apiVersion == null) {
        return apiVersion((ApiVersion) null);
      }
      return apiVersion(ClientWiring.knownVersion(apiVersion));
    }

    /**
     * The workspace to list ({@code wks_...} or its slug), sent as {@code X-Phala-Workspace}
     * (default: none, the caller's current workspace; {@code fromEnv()} reads {@code
     * PHALA_CLOUD_WORKSPACE}).
     *
     * @throws PhalaInvalidInputException if it is blank or not printable ASCII without spaces
     */
    public Builder workspace(String workspace) {
      this.workspace = ClientWiring.checkedWorkspace(workspace, null);
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
      this.connectTimeout = ClientWiring.positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Longest silence while reading a response (default 60 s). Counted in whole milliseconds, at
     * least 1, and capped at about 24.8 days, the longest OkHttp takes.
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = ClientWiring.positive(readTimeout, "readTimeout");
      return this;
    }

    /**
     * The whole-call deadline: every attempt and every wait between retries together (default 120
     * s). {@code ChronoUnit.FOREVER.getDuration()} means no deadline.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = ClientWiring.positive(timeout, "timeout");
      return this;
    }

    /**
     * The whole-stream deadline of {@code cvms().stream(...)}: the call, its retries and the
     * reading of the body to its end together (default: none, as a caller may take its time over
     * each CVM; each read is bounded by the read timeout). When it passes, the connection is closed
     * and iterating throws {@code PhalaTimeoutException}. {@link #timeout} still bounds the call
     * until the response starts.
     */
    public Builder streamTimeout(Duration streamTimeout) {
      this.streamTimeout = ClientWiring.positive(streamTimeout, "streamTimeout");
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
      this.initialBackoff = ClientWiring.positive(initial, "the initial backoff");
      this.maxBackoff = ClientWiring.positive(max, "the maximum backoff");
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
     * The threads async calls ({@code async().cvms().list(...)}) run on: each call in flight takes
     * one while it waits for the response and reads it (OkHttp's I/O blocks), none waits between
     * retries. For example {@code Executors.newVirtualThreadPerTaskExecutor()} on JDK 21+, so that
     * no platform thread waits on the network. Default: a pool of daemon threads, one per call in
     * flight, kept 60 s when idle. Yours is not shut down by {@link PhalaCloud#close()}; keep it
     * open as long as the client is used. Sync calls and streams run on the caller's thread.
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
     * How large and deep a response may be ({@link ResponseLimits}, checked where it is built);
     * {@code null} resets them to {@link ResponseLimits#DEFAULTS}. Past any limit, reading stops
     * with a {@code PhalaInvalidDataException} naming it.
     */
    public Builder responseLimits(ResponseLimits limits) {
      this.limits = limits == null ? ResponseLimits.DEFAULTS : limits;
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
      return new PhalaCloud(new ClientWiring(this), timeout, streamTimeout, new OpenCalls(), false);
    }
  }
}
