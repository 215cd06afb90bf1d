package com.phala.cloud.cli.sandbox;

import com.phala.cloud.cvm.ApiVersion;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A stand-in of the Phala Cloud API on loopback, for trying the command with no account. At {@code
 * GET /api/v1/cvms} it serves the contract's full example of the shape the request's {@code
 * X-Phala-Version} asks for (packaged in the client): {@code openapi/examples/cvms-full.json} for
 * 2025-10-28 or no header, {@code cvminfos-full.json} for the later versions, and a FastAPI-style
 * 422 for a version the contract does not list. It checks credentials first, as the real API does:
 * without the sandbox's key ({@value #API_KEY}, as {@code X-API-Key} or a bearer token) it answers
 * 401.
 *
 * <p>It runs on the JDK's own HTTP server ({@code jdk.httpserver}), not WireMock: a command that
 * starts a server per run should not pay for loading Jetty and a stub engine (about 3,000 classes,
 * most of a second), and the jar is 20 MB smaller without it.
 */
public final class Sandbox implements AutoCloseable {
  /** The one credential the sandbox accepts. */
  public static final String API_KEY = "phak_sandbox";

  /** Where the contract's examples are on the classpath. */
  public static final String EXAMPLES = "/META-INF/phala-cloud/openapi/examples/";

  private static final String PATH = "/api/v1/cvms";

  private static final String VERSION = "X-Phala-Version";

  private static final String CREDENTIAL_KEY = "X-API-Key";

  private static final String CREDENTIAL_BEARER = "Authorization";

  private final HttpServer server;

  private final ExecutorService executor;

  private final byte[] legacy = example("cvms-full.json");

  private final byte[] current = example("cvminfos-full.json");

  private final List<String> later =
      Arrays.stream(ApiVersion.values())
          .filter(version -> version != ApiVersion.V2025_10_28)
          .map(ApiVersion::value)
          .collect(Collectors.toList());

  private Sandbox(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a sandbox on 127.0.0.1 on a free port. */
  public static Sandbox start() {
    // Headers and body in one write: without it, a delayed ACK between them costs ~40 ms.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("The sandbox could not listen on 127.0.0.1.", e);
    }
    ExecutorService executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "phala-cvms-sandbox");
              thread.setDaemon(true);
              return thread;
            });
    Sandbox sandbox = new Sandbox(server, executor);
    server.setExecutor(executor);
    server.createContext("/", sandbox::answer);
    server.start();
    return sandbox;
  }

  /** The API's answer to one request, checked in the API's order: path, credentials, version. */
  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String version = exchange.getRequestHeaders().getFirst(VERSION);
      if (!"GET".equals(exchange.getRequestMethod())
          || !PATH.equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, utf8("{\"detail\":\"Not Found\"}"));
      } else if (!authorized(exchange)) {
        send(exchange, 401, utf8("{\"detail\":\"Not authenticated\"}"));
      } else if (version == null || version.equals(ApiVersion.V2025_10_28.value())) {
        send(exchange, 200, legacy);
      } else if (later.contains(version)) {
        send(exchange, 200, current);
      } else {
        // The shape of a version the API does not know is a 422, as FastAPI answers.
        send(exchange, 422, utf8(unknownVersion()));
      }
    }
  }

  /** Whether the request carries the sandbox's key, as {@code X-API-Key} or a bearer token. */
  private static boolean authorized(HttpExchange exchange) {
    return API_KEY.equals(exchange.getRequestHeaders().getFirst(CREDENTIAL_KEY))
        || ("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst(CREDENTIAL_BEARER));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("X-Request-ID", "sandbox");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** FastAPI's answer to a header value outside the enum it declares. */
  private static String unknownVersion() {
    String known =
        Arrays.stream(ApiVersion.values())
            .map(version -> "'" + version.value() + "'")
            .collect(Collectors.joining(", "));
    return "{\"detail\":[{\"type\":\"enum\",\"loc\":[\"header\",\"x-phala-version\"],"
        + "\"msg\":\"Input should be "
        + known
        + "\"}]}";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes of one of the contract's examples. */
  public static byte[] example(String name) {
    try (InputStream in = Sandbox.class.getResourceAsStream(EXAMPLES + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "The contract example " + name + " is not on the classpath.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API prefix to point a client at. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
