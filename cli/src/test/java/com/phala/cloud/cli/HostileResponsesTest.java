package com.phala.cloud.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code list} against a server on 127.0.0.1 that answers 200 with a hostile body, generated as it
 * is sent: a string of 300 MB, a gzip bomb (2 MB that expand to 2 GiB), a number of a million
 * digits, nesting 100,000 deep. Whatever the output format, the command stops at the response
 * limit, exits 4 and prints one line naming the limit; in a child JVM it does so within a 64 MB
 * heap.
 */
class HostileResponsesTest {
  private static final long HUGE_STRING_BYTES = 300L << 20;
  private static final int GZIP_CHUNK = 1 << 20;
  private static final int GZIP_CHUNKS = 2_048;

  enum Hostile {
    HUGE_STRING("maxCvmChars", false) {
      @Override
      void write(OutputStream out) throws IOException {
        out.write("[{\"name\":\"ok\"},{\"name\":\"".getBytes(UTF_8));
        byte[] block = new byte[1 << 16];
        Arrays.fill(block, (byte) 'x');
        for (long sent = 0; sent < HUGE_STRING_BYTES; sent += block.length) {
          out.write(block);
        }
        out.write("\"}]".getBytes(UTF_8));
      }
    },
    GZIP_BOMB("maxCvmChars", true) {
      @Override
      void write(OutputStream out) throws IOException {
        byte[] chunk = new byte[GZIP_CHUNK];
        Arrays.fill(chunk, (byte) 'x');
        gzipBomb(out, "[{\"name\":\"ok\"},{\"name\":\"".getBytes(UTF_8), chunk, "\"}]");
      }
    },
    LONG_NUMBER("maxNumberLength", false) {
      @Override
      void write(OutputStream out) throws IOException {
        out.write("[{\"name\":\"ok\"},{\"name\":\"n\",\"n\":1".getBytes(UTF_8));
        byte[] block = new byte[1_000];
        Arrays.fill(block, (byte) '3');
        for (int sent = 0; sent < 1_000_000; sent += block.length) {
          out.write(block);
        }
        out.write("}]".getBytes(UTF_8));
      }
    },
    DEEP_NESTING("maxNestingDepth", false) {
      @Override
      void write(OutputStream out) throws IOException {
        out.write("[{\"name\":\"ok\"},{\"name\":\"deep\",\"a\":".getBytes(UTF_8));
        out.write("[".repeat(100_000).getBytes(UTF_8));
        out.write("]".repeat(100_000).getBytes(UTF_8));
        out.write("}]".getBytes(UTF_8));
      }
    };

    final String option;
    final boolean gzip;

    Hostile(String option, boolean gzip) {
      this.option = option;
      this.gzip = gzip;
    }

    abstract void write(OutputStream out) throws IOException;
  }

  @TempDir Path temp;

  private HttpServer server;
  private ExecutorService threads;
  private volatile Hostile serving;
  private final List<String> acceptEncodings = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    threads = Executors.newFixedThreadPool(2);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(
        "/api/v1/cvms",
        exchange -> {
          try (exchange) {
            String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            acceptEncodings.add(String.valueOf(accepted));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (serving.gzip) {
              if (accepted == null || !accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
                exchange.sendResponseHeaders(406, -1);
                return;
              }
              exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            }
            exchange.sendResponseHeaders(200, 0); // chunked: generated as it is sent
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
              serving.write(out);
            } catch (IOException hungUp) {
              // Expected: the command stopped at the limit and closed the connection.
            }
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    threads.shutdownNow();
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  @ParameterizedTest
  @EnumSource(Hostile.class)
  void tableOutputExits4WithOneLineNamingTheLimit(Hostile hostile) {
    serving = hostile;

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "0");

    assertOneLineNamingTheLimit(result, hostile);
    assertThat(result.out()).as(result.toString()).isEmpty();
    System.out.printf("[limits] %s, table, %d ms: %s", hostile, result.millis(), result.err());
  }

  @ParameterizedTest
  @EnumSource(Hostile.class)
  void jsonOutputExits4WithOneLineNamingTheLimit(Hostile hostile) {
    serving = hostile;

    Cli.Result result = Cli.list(baseUrl(), "--max-retries", "0", "-o", "json");

    assertOneLineNamingTheLimit(result, hostile);
    // Streamed as read: the CVM before the hostile one is out already; the array is left open.
    assertThat(result.out()).as(result.toString()).startsWith("[").doesNotContain("]\n");
  }

  @ParameterizedTest
  @EnumSource(
      value = Hostile.class,
      names = {"HUGE_STRING", "GZIP_BOMB"})
  void theRealMainStopsThemWithinA64MegabyteHeap(Hostile hostile) throws Exception {
    serving = hostile;
    Path stdout = temp.resolve("out.txt");
    Path stderr = temp.resolve("err.txt");
    Path gcLog = temp.resolve("gc.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-Xlog:gc:file=" + gcLog,
                "-cp",
                System.getProperty("java.class.path"),
                PhalaCvms.class.getName(),
                "list",
                "--base-url",
                baseUrl(),
                "--api-key",
                Cli.SECRET_KEY,
                "--max-retries",
                "0"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PHALA_"));
    long started = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("The child JVM did not finish within 60 s");
    }
    long millis = (System.nanoTime() - started) / 1_000_000;

    Cli.Result result =
        new Cli.Result(
            process.exitValue(), Files.readString(stdout), Files.readString(stderr), millis);
    assertOneLineNamingTheLimit(result, hostile);
    assertThat(result.err()).doesNotContain("OutOfMemoryError");
    // Each collection logs "before->after(capacity)": the peak in use, and the most kept live.
    long peakInUse = 0;
    long peakLive = 0;
    java.util.regex.Matcher collection =
        java.util.regex.Pattern.compile("(\\d+)M->(\\d+)M\\(").matcher(Files.readString(gcLog));
    while (collection.find()) {
      peakInUse = Math.max(peakInUse, Long.parseLong(collection.group(1)));
      peakLive = Math.max(peakLive, Long.parseLong(collection.group(2)));
    }
    System.out.printf(
        "[limits] %s: the real main under -Xmx64m exited %d after %d ms (JVM start included);"
            + " heap in use at most %d MB before a collection, at most %d MB live after one%n",
        hostile, result.exitCode(), millis, peakInUse, peakLive);
  }

  private void assertOneLineNamingTheLimit(Cli.Result result, Hostile hostile) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.API);
    assertThat(result.errLines()).as(result.toString()).hasSize(1);
    assertThat(result.err())
        .as(result.toString())
        .startsWith("phala-cvms: ")
        .contains("too large", hostile.option, "$[1]")
        .doesNotContain("\tat ", "Caused by", Cli.SECRET_KEY);
    assertThat(result.err().length()).as(result.toString()).isLessThan(2_000);
    assertThat(result.millis()).as(result.toString()).isLessThan(30_000L);
    if (hostile.gzip) {
      assertThat(acceptEncodings)
          .as("the command asked for gzip")
          .allMatch(v -> v.contains("gzip"));
    }
  }

  /**
   * Writes a gzip body: {@code prefix}, {@code chunk} {@value #GZIP_CHUNKS} times, {@code end}.
   * Each part is deflated with a full flush, which makes the chunk's compressed form repeat: about
   * 1 KB for each MB.
   */
  static void gzipBomb(OutputStream out, byte[] prefix, byte[] chunk, String end)
      throws IOException {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] head = deflate(deflater, prefix, false);
    byte[] block = deflate(deflater, chunk, false);
    byte[] tail = deflate(deflater, end.getBytes(UTF_8), true);
    deflater.end();
    CRC32 crc = new CRC32();
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    out.write(head);
    crc.update(prefix);
    for (int i = 0; i < GZIP_CHUNKS; i++) {
      out.write(block);
      crc.update(chunk);
    }
    out.write(tail);
    crc.update(end.getBytes(UTF_8));
    long size = prefix.length + (long) GZIP_CHUNKS * chunk.length + end.length();
    for (long value : new long[] {crc.getValue(), size}) {
      for (int i = 0; i < 4; i++) {
        out.write((int) (value >>> (8 * i)) & 0xff);
      }
    }
  }

  private static byte[] deflate(Deflater deflater, byte[] input, boolean last) {
    deflater.setInput(input);
    if (last) {
      deflater.finish();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    while (true) {
      int count =
          deflater.deflate(
              buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.FULL_FLUSH);
      out.write(buffer, 0, count);
      if (last ? deflater.finished() : count < buffer.length) {
        return out.toByteArray();
      }
    }
  }
}
