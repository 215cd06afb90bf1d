package com.phala.cloud.testing.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The JDK's own HTTP server on 127.0.0.1 and a free port, answering every request with what a
 * handler plans: no dependency, so the kit adds nothing to a team's classpath but the library.
 */
public final class FakeHttpServer implements AutoCloseable {
  private static final int CHUNKS = 8;
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService threads;

  private FakeHttpServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Starts a server whose every answer is {@code handler}'s plan for the request. */
  public static FakeHttpServer start(Function<Incoming, Planned> handler) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the fake Phala Cloud on loopback", e);
    }
    int number = SERVERS.incrementAndGet();
    AtomicInteger count = new AtomicInteger();
    // One thread per exchange: a delayed answer must not hold up the others.
    ExecutorService threads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread =
                  new Thread(task, "fake-phala-cloud-" + number + "-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(threads);
    server.createContext("/", exchange -> serve(exchange, handler));
    server.start();
    return new FakeHttpServer(server, threads);
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, Function<Incoming, Planned> handler) {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      Incoming incoming =
          new Incoming(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              headers);
      write(exchange, handler.apply(incoming));
    } catch (IOException | RuntimeException ignored) {
      // The client went away, or a fault closed the connection on purpose.
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  private static void write(HttpExchange exchange, Planned planned)
      throws IOException, InterruptedException {
    sleep(planned.delay());
    if (planned.fault() == Planned.Fault.DISCONNECT) {
      // Closing an exchange before its headers closes the connection: the client reads nothing.
      return;
    }
    planned.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    byte[] body = planned.body();
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(planned.status(), body.length == 0 || head ? -1 : body.length);
    if (body.length == 0 || head) {
      return;
    }
    OutputStream out = exchange.getResponseBody();
    if (planned.fault() == Planned.Fault.TRUNCATE) {
      // Fewer bytes than Content-Length promised: closing the stream then closes the connection.
      out.write(body, 0, body.length / 2);
      out.flush();
      return;
    }
    if (planned.chunkPause().isZero()) {
      out.write(body);
      return;
    }
    int size = Math.max(1, (body.length + CHUNKS - 1) / CHUNKS);
    for (int offset = 0; offset < body.length; offset += size) {
      if (offset > 0) {
        sleep(planned.chunkPause());
      }
      out.write(body, offset, Math.min(size, body.length - offset));
      out.flush();
    }
  }

  private static void sleep(Duration wait) throws InterruptedException {
    if (!wait.isZero() && !wait.isNegative()) {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    }
  }

  /** Stops at once: open connections are closed and delayed answers interrupted. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
