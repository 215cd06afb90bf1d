package com.phala.cloud.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server on 127.0.0.1, with Nagle's algorithm off so small responses are not held 40
 * ms.
 */
final class LoopbackServer {
  private LoopbackServer() {}

  /** A server on a free loopback port, not yet started. */
  static HttpServer create() throws IOException {
    return create(0);
  }

  /** A server on loopback port {@code port} (0: a free one), not yet started. */
  static HttpServer create(int port) throws IOException {
    // Without it, headers and body go out in two writes and the delayed ACK between them costs
    // about 40 ms per response: a measurement of TCP, not of the clients.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
  }
}
