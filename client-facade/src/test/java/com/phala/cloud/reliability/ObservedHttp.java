package com.phala.cloud.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.PhalaCloud;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * An {@link OkHttpClient} of the test's own, handed to {@code
 * PhalaCloud.builder().okHttpClient(...)}: the client derives its own from it and so shares this
 * pool and these event counters, which lets a test see what the client left behind. {@link
 * #assertNothingLeaked} checks that every connection went back to the pool idle (or was closed),
 * every call ended and released its connection (no response body left open) and no client thread is
 * stuck reading a socket; {@link #assertNoLeakLogged} that OkHttp's own leak detector reported
 * nothing.
 */
public final class ObservedHttp {
  /** Threads of the client and of OkHttp. */
  private static final Pattern CLIENT_THREAD = Pattern.compile("(phala-cloud|OkHttp).*");

  /**
   * OkHttp reports connections whose response was never closed on this java.util.logging logger.
   */
  private static final Logger OKHTTP_LOG = Logger.getLogger(OkHttpClient.class.getName());

  private static final List<String> LEAKS_LOGGED = new CopyOnWriteArrayList<>();

  static {
    OKHTTP_LOG.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().contains("leaked")) {
              LEAKS_LOGGED.add(record.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }

  private final ConnectionPool pool;
  private final OkHttpClient okHttp;
  private final AtomicLong callsStarted = new AtomicLong();
  private final AtomicLong callsEnded = new AtomicLong();
  private final AtomicLong connectionsAcquired = new AtomicLong();
  private final AtomicLong connectionsReleased = new AtomicLong();
  private final AtomicLong connectionsOpened = new AtomicLong();

  /** A client with a pool that keeps up to {@code maxIdle} idle connections. */
  public ObservedHttp(int maxIdle) {
    this(maxIdle, new OkHttpClient.Builder());
  }

  /** Like {@link #ObservedHttp(int)}, on top of {@code base} (for TLS settings). */
  public ObservedHttp(int maxIdle, OkHttpClient.Builder base) {
    this.pool = new ConnectionPool(maxIdle, 1, TimeUnit.MINUTES);
    this.okHttp = base.connectionPool(pool).eventListener(new Counting()).build();
  }

  /** A client with the library's default-sized pool. */
  public ObservedHttp() {
    this(5);
  }

  /** The API key the suite's clients send. */
  public static final String API_KEY = "phak_reliability-key-0123";

  /** A client builder for {@code baseUrl} with the suite's API key and this OkHttpClient. */
  public PhalaCloud.Builder client(String baseUrl) {
    return PhalaCloud.builder().baseUrl(baseUrl).apiKey(API_KEY).okHttpClient(okHttp);
  }

  /** The client to pass to {@code okHttpClient(...)}. */
  public OkHttpClient okHttp() {
    return okHttp;
  }

  /** The shared pool. */
  public ConnectionPool pool() {
    return pool;
  }

  /** Connections opened so far (a TCP connect each). */
  public long connectionsOpened() {
    return connectionsOpened.get();
  }

  /** Calls started so far (OkHttp calls: one per attempt, plus OkHttp's own follow-ups). */
  public long callsStarted() {
    return callsStarted.get();
  }

  /**
   * Waits up to 5 s for the pool to be idle, every call to have ended and released its connection
   * (no response body left open), and no client thread to be reading a socket.
   */
  public void assertNothingLeaked() {
    awaitOrFail(
        "the pool to be idle and every call to release its connection",
        this::settled,
        () ->
            "connections "
                + pool.connectionCount()
                + ", idle "
                + pool.idleConnectionCount()
                + ", calls started "
                + callsStarted
                + ", ended "
                + callsEnded
                + ", connections acquired "
                + connectionsAcquired
                + ", released "
                + connectionsReleased);
    awaitOrFail(
        "no client thread to be reading a socket",
        () -> threadsStuckReading().isEmpty(),
        () -> "stuck: " + threadsStuckReading());
  }

  /** Whether every connection is idle and every call ended and released its connection. */
  public boolean settled() {
    return pool.connectionCount() == pool.idleConnectionCount()
        && callsStarted.get() == callsEnded.get()
        && connectionsAcquired.get() == connectionsReleased.get();
  }

  /**
   * After a garbage collection and one request to {@code probeUrl} (which returns a connection to
   * this pool and so makes OkHttp check it), OkHttp has logged no leaked connection: a response
   * some call dropped without closing it. Slower than {@link #assertNothingLeaked()}: once per test
   * class.
   */
  public void assertNoLeakLogged(String probeUrl) {
    System.gc();
    try (Response probe = okHttp.newCall(new Request.Builder().url(probeUrl).build()).execute()) {
      probe.body().bytes();
    } catch (IOException unreachable) {
      // The probe only gives OkHttp a reason to run its pool clean-up; its outcome does not matter.
    }
    awaitQuietly(Duration.ofMillis(200), () -> !LEAKS_LOGGED.isEmpty());
    assertThat(LEAKS_LOGGED)
        .as("connections OkHttp reported leaked (a response body never closed)")
        .isEmpty();
  }

  /** Leak reports logged so far (the canary test reads them). */
  static List<String> leaksLogged() {
    return LEAKS_LOGGED;
  }

  /** Forgets leak reports (the canary test's own deliberate leak). */
  static void forgetLeaks() {
    LEAKS_LOGGED.clear();
  }

  /** Client or OkHttp threads that are RUNNABLE inside a socket read. */
  public static List<String> threadsStuckReading() {
    List<String> stuck = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      if (CLIENT_THREAD.matcher(thread.getKey().getName()).matches()
          && thread.getKey().getState() == Thread.State.RUNNABLE
          && readingSocket(thread.getValue())) {
        stuck.add(thread.getKey().getName());
      }
    }
    return stuck;
  }

  private static boolean readingSocket(StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      String type = frame.getClassName();
      if ((type.endsWith("NioSocketImpl")
              || type.endsWith("SocketInputStream")
              || type.endsWith("SocketDispatcher"))
          && frame.getMethodName().toLowerCase(Locale.ROOT).contains("read")) {
        return true;
      }
    }
    return false;
  }

  private static void awaitOrFail(String what, BooleanSupplier condition, Supplier<String> state) {
    if (!awaitQuietly(Duration.ofSeconds(5), condition)) {
      throw new AssertionError("Waited 5 s for " + what + ": " + state.get());
    }
  }

  /** Polls {@code condition} until it holds or {@code limit} passes; returns whether it held. */
  public static boolean awaitQuietly(Duration limit, BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private final class Counting extends EventListener {
    @Override
    public void callStart(Call call) {
      callsStarted.incrementAndGet();
    }

    @Override
    public void callEnd(Call call) {
      callsEnded.incrementAndGet();
    }

    @Override
    public void callFailed(Call call, IOException failure) {
      callsEnded.incrementAndGet();
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connectionsOpened.incrementAndGet();
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
      connectionsAcquired.incrementAndGet();
    }

    @Override
    public void connectionReleased(Call call, Connection connection) {
      connectionsReleased.incrementAndGet();
    }
  }
}
