package com.phala.cloud.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small HTTP server on 127.0.0.1 (the JDK's own), for answers WireMock cannot give cheaply: a
 * body that changes on every try of a property, or one generated on the fly as it is sent.
 */
public final class LoopbackServer implements AutoCloseable {
  static {
    // Without TCP_NODELAY, headers and body written separately wait out the peer's delayed ACK (~40
    // ms a call).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** Writes one response. */
  public interface Handler {
    /** Answers {@code exchange}; the server closes it afterwards. */
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicReference<Handler> handler = new AtomicReference<>();

  /** A server that answers with {@code initial} until told otherwise. */
  public LoopbackServer(Handler initial) {
    handler.set(initial);
    AtomicInteger count = new AtomicInteger();
    threads =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "loopback-server-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          try (exchange) {
            handler.get().handle(exchange);
          }
        });
    server.start();
  }

  /** Answers every request with 200, {@code application/json} and exactly these bytes. */
  public static Handler json(byte[] body) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    };
  }

  /** Answers from now on with {@code next}. */
  public void answer(Handler next) {
    handler.set(next);
  }

  /** The API prefix to configure the client with. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  /** Requests served so far. */
  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
