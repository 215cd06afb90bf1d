package com.phala.cloud.benchmarks;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmStream;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Streams N CVMs (default 100,000) from a loopback server through {@code streamCvms} and prints the
 * peak heap used, in MB: {@code stream-heap-mb VALUE}. The server writes the body as it goes, so
 * only the client's memory is measured. {@code benchmarks/run} runs it with {@code -Xmx64m}.
 */
public final class StreamHeap {
  private StreamHeap() {}

  /** Runs the measurement; the argument is the number of CVMs. */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    HttpServer server = LoopbackServer.create();
    server.createContext(
        "/api/v1/cvms",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
            Bodies.write(out, count);
          }
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long seen = 0;
    long vcpus = 0;
    try (PhalaCloud client = PhalaCloud.builder().baseUrl(base).apiKey("benchmark-key").build();
        CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      for (Cvm cvm : cvms) {
        seen++;
        vcpus += cvm.vcpu().orElse(0);
      }
    } finally {
      server.stop(0);
    }
    if (seen != count) {
      throw new IllegalStateException("streamed " + seen + " CVMs, expected " + count);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf(
        "stream-heap-mb %.1f (%d CVMs, %d vCPUs, max heap %d MB)%n",
        peak / 1048576.0, seen, vcpus, Runtime.getRuntime().maxMemory() / 1048576);
  }
}
