package com.phala.cloud.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in of the API for whole-command benchmarks ({@code benchmarks/startup}): it
 * serves {@code GET /N/api/v1/cvms} with N CVMs of the contract's full example (legacy shape, see
 * {@link Bodies}) for each N given, so one server started once answers every size and every client
 * (ours, Phala's CLI) gets the same bytes. Requests without {@code X-API-Key} get 401, as from the
 * real API. Prints its port on stdout, then serves until killed.
 *
 * <pre>java -cp benchmarks.jar com.phala.cloud.benchmarks.StandIn PORT N...</pre>
 *
 * PORT 0 takes a free port. Base URL for a size: {@code http://127.0.0.1:PORT/N/api/v1}.
 */
public final class StandIn {
  private StandIn() {}

  /** Starts the stand-in; never returns while the process lives. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: StandIn PORT N...");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Map<String, byte[]> bodies = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      int count = Integer.parseInt(args[i]);
      bodies.put("/" + count + "/api/v1/cvms", Bodies.of(count));
    }
    HttpServer server = LoopbackServer.create(port);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", exchange -> answer(exchange, bodies));
    server.start();
    System.out.println(server.getAddress().getPort());
    System.out.flush();
  }

  private static void answer(HttpExchange exchange, Map<String, byte[]> bodies) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      byte[] body = bodies.get(path);
      int status = 200;
      if (body == null || !"GET".equals(exchange.getRequestMethod())) {
        status = 404;
        body = "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
      } else if (exchange.getRequestHeaders().getFirst("X-API-Key") == null) {
        status = 401;
        body = "{\"detail\":\"Not authenticated\"}".getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
