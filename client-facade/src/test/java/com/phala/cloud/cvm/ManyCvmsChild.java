package com.phala.cloud.cvm;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonObject;
import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The child JVM of {@link StreamingMemoryTest}: serves {@code count} CVMs (the full example's
 * first, each with its own name) from a loopback HTTP server, writing them out one by one so the
 * body never exists in memory, and reads them back through PhalaCloud, either streamed ({@code
 * stream}) or as one list ({@code list}). Prints {@code key=value} lines: the count, the last name
 * and the heap it took.
 *
 * <p>Usage: {@code ManyCvmsChild stream|list count}
 */
public final class ManyCvmsChild {
  private static final String NAME = "@@NAME@@";

  private ManyCvmsChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int count = Integer.parseInt(args[1]);
    AtomicLong peakLive = watchLiveHeap();
    HttpServer server = serve(count);
    String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    try (PhalaCloud client =
        PhalaCloud.builder().baseUrl(baseUrl).apiKey("test").maxRetries(0).build()) {
      long read = 0;
      String last = null;
      if (mode.equals("stream")) {
        try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
          for (Cvm cvm : cvms) {
            read++;
            last = cvm.name();
          }
        }
      } else {
        CvmList cvms = client.cvms().list(CvmShape.LEGACY);
        read = cvms.size();
        last = cvms.get(cvms.size() - 1).name();
      }
      System.out.println("count=" + read);
      System.out.println("last=" + last);
    } finally {
      server.stop(0);
    }
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long peakUsed =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .mapToLong(pool -> pool.getPeakUsage().getUsed())
            .sum();
    System.out.println("maxHeapBytes=" + heap.getMax());
    System.out.println("peakHeapUsedBytes=" + peakUsed);
    System.out.println("peakLiveHeapBytes=" + peakLive.get());
    System.exit(0);
  }

  /** The first full CVM as compact JSON, split where its two names go. */
  private static byte[][] template() {
    JsonObject cvm = Examples.cvm(Examples.FULL, 0);
    Examples.set(cvm, "name", NAME);
    Examples.set(cvm, "hosted.name", NAME);
    String[] parts = cvm.toString().split(NAME, -1);
    byte[][] bytes = new byte[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = parts[i].getBytes(UTF_8);
    }
    return bytes;
  }

  /** A server whose GET /api/v1/cvms writes {@code count} CVMs, chunked, as it goes. */
  private static HttpServer serve(int count) throws Exception {
    byte[][] parts = template();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/cvms",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
            out.write('[');
            for (int i = 0; i < count; i++) {
              if (i > 0) {
                out.write(',');
              }
              byte[] name = String.format("cvm-%06d", i).getBytes(UTF_8);
              for (int part = 0; part < parts.length; part++) {
                if (part > 0) {
                  out.write(name);
                }
                out.write(parts[part]);
              }
            }
            out.write(']');
          }
        });
    server.start();
    return server;
  }

  /** The most heap still in use after any garbage collection: the live set's high-water mark. */
  private static AtomicLong watchLiveHeap() {
    Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    AtomicLong peak = new AtomicLong();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) collector)
          .addNotificationListener(
              (notification, handback) -> {
                if (notification
                    .getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData());
                  long live =
                      info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                          .filter(pool -> heapPools.contains(pool.getKey()))
                          .mapToLong(pool -> pool.getValue().getUsed())
                          .sum();
                  peak.accumulateAndGet(live, Math::max);
                }
              },
              null,
              null);
    }
    return peak;
  }
}
