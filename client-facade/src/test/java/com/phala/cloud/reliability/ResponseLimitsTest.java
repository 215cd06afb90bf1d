package com.phala.cloud.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.ResponseLimits;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile bodies over real HTTP on 127.0.0.1, generated as they are sent (the test never holds
 * one): a string of 300 MB, gzip bombs that expand to 2 GiB, a number of a million digits, nesting
 * 100,000 deep. {@code cvms().list(...)} and {@code cvms().stream(...)} each stop at the {@link
 * ResponseLimits} limit that the body passes, with a {@link PhalaInvalidDataException} naming the
 * limit, the JSON path and the builder option, quickly and with bounded memory; streaming delivers
 * the CVMs before the offending one. A lower limit set on the builder is honoured and named.
 */
class ResponseLimitsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final long HUGE_STRING_BYTES = 300L << 20;
  private static final int GZIP_CHUNK = 1 << 20;
  private static final int GZIP_CHUNKS = 2_048; // 2 GiB expanded
  private static final int DIGITS = 1_000_000;
  private static final int DEPTH = 100_000;
  private static final long RETAINED_LIMIT = 32L << 20;

  /** A body written as it is sent. */
  interface Body {
    void write(OutputStream out) throws IOException;
  }

  /** The hostile bodies, each after {@code before} good CVMs. */
  enum Hostile {
    HUGE_STRING("maxCvmChars", "name") {
      @Override
      Body body(int before) {
        return out -> {
          out.write(("[" + goodCvms(before) + "{\"name\":\"").getBytes(UTF_8));
          byte[] block = new byte[1 << 16];
          Arrays.fill(block, (byte) 'x');
          for (long sent = 0; sent < HUGE_STRING_BYTES; sent += block.length) {
            out.write(block);
          }
          out.write("\"}]".getBytes(UTF_8));
        };
      }
    },
    LONG_NUMBER("maxNumberLength", "n") {
      @Override
      Body body(int before) {
        return out -> {
          out.write(("[" + goodCvms(before) + "{\"name\":\"n\",\"n\":1").getBytes(UTF_8));
          byte[] block = new byte[1_000];
          Arrays.fill(block, (byte) '7');
          for (int sent = 0; sent < DIGITS; sent += block.length) {
            out.write(block);
          }
          out.write("}]".getBytes(UTF_8));
        };
      }
    },
    DEEP_NESTING("maxNestingDepth", "a[0][0][0]") {
      @Override
      Body body(int before) {
        return out -> {
          out.write(("[" + goodCvms(before) + "{\"name\":\"deep\",\"a\":").getBytes(UTF_8));
          out.write("[".repeat(DEPTH).getBytes(UTF_8));
          out.write("]".repeat(DEPTH).getBytes(UTF_8));
          out.write("}]".getBytes(UTF_8));
        };
      }
    },
    GZIP_STRING_BOMB("maxCvmChars", "name") {
      @Override
      Body body(int before) {
        byte[] chunk = new byte[GZIP_CHUNK];
        Arrays.fill(chunk, (byte) 'x');
        return gzipBomb(("[" + goodCvms(before) + "{\"name\":\"").getBytes(UTF_8), chunk, "\"}]");
      }
    },
    GZIP_WHITESPACE_BOMB("maxCvmChars", "") {
      @Override
      Body body(int before) {
        byte[] chunk = new byte[GZIP_CHUNK];
        Arrays.fill(chunk, (byte) ' ');
        return gzipBomb(("[" + goodCvms(before)).getBytes(UTF_8), chunk, "{}]");
      }
    };

    /** The builder option the failure must name. */
    final String option;

    /** Where, after the offending CVM's path, the failure must point. */
    final String pathSuffix;

    Hostile(String option, String pathSuffix) {
      this.option = option;
      this.pathSuffix = pathSuffix;
    }

    abstract Body body(int before);

    boolean gzip() {
      return name().startsWith("GZIP");
    }
  }

  private final ObservedHttp http = new ObservedHttp();
  private final List<String> acceptEncodings = new ArrayList<>();
  private LoopbackServer server;

  @AfterEach
  void stop() {
    http.assertNothingLeaked();
    server.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Each hostile body, read whole and streamed.

  @ParameterizedTest
  @EnumSource(Hostile.class)
  void listCvmsStopsAtTheLimitTheBodyPasses(Hostile hostile) {
    serve(hostile, 0);

    Measured measured =
        measure(
            () -> {
              try (PhalaCloud client = client(builder -> builder)) {
                return catchThrowableOfType(
                    PhalaInvalidDataException.class, () -> client.cvms().list(CvmShape.LEGACY));
              }
            });

    assertNamesLimit(measured.failure, hostile.option, "$[0]" + dot(hostile.pathSuffix));
    report("list", hostile, measured);
  }

  @ParameterizedTest
  @EnumSource(Hostile.class)
  void streamCvmsDeliversTheCvmsBeforeTheOffendingOneThenStops(Hostile hostile) {
    serve(hostile, 3);
    List<String> delivered = new ArrayList<>();

    Measured measured =
        measure(
            () -> {
              try (PhalaCloud client = client(builder -> builder);
                  CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
                return catchThrowableOfType(
                    PhalaInvalidDataException.class,
                    () -> {
                      for (Cvm cvm : cvms) {
                        delivered.add(cvm.name());
                      }
                    });
              }
            });

    assertThat(delivered).containsExactly("good-0", "good-1", "good-2");
    assertNamesLimit(measured.failure, hostile.option, "$[3]" + dot(hostile.pathSuffix));
    report("stream", hostile, measured);
  }

  /**
   * Many CVMs of 1 MB each, gzipped to a few MB: each is under {@code maxCvmChars}, so it is the
   * whole list, read into memory, that passes {@code maxListChars}.
   */
  @Test
  void listCvmsStopsAGzipBombOfManyCvmsAtMaxListChars() {
    String name = "{\"name\":\"";
    byte[] chunk = new byte[GZIP_CHUNK];
    Arrays.fill(chunk, (byte) 'x');
    System.arraycopy(name.getBytes(UTF_8), 0, chunk, 0, name.length());
    System.arraycopy("\"},".getBytes(UTF_8), 0, chunk, chunk.length - 3, 3);
    Body bomb = gzipBomb("[".getBytes(UTF_8), chunk, "{}]");
    long compressed = compressedSize(bomb);
    assertThat(compressed).isLessThan(8L << 20);
    serve(bomb, true);

    Measured measured =
        measure(
            () -> {
              try (PhalaCloud client = client(builder -> builder)) {
                return catchThrowableOfType(
                    PhalaInvalidDataException.class, () -> client.cvms().list(CvmShape.LEGACY));
              }
            });

    long expected = ResponseLimits.DEFAULTS.maxListChars() / GZIP_CHUNK;
    assertNamesLimit(measured.failure, "maxListChars", "$[" + expected);
    report(
        "list",
        String.format(
            Locale.ROOT,
            "gzip bomb of 1 MB CVMs, %.1f MB expanding to 2 GiB",
            compressed / 1048576.0),
        measured);
  }

  // ---------------------------------------------------------------------------------------------
  // Limits lowered on the builder, and the control.

  /** A small body that passes the defaults, and the lowered limit each of its parts breaks. */
  enum Lowered {
    STRING(
        "maxStringLength",
        "$[1].name",
        builder -> builder.responseLimits(ResponseLimits.builder().maxStringLength(10).build())),
    NUMBER(
        "maxNumberLength",
        "$[1].size",
        builder -> builder.responseLimits(ResponseLimits.builder().maxNumberLength(5).build())),
    NESTING(
        "maxNestingDepth",
        "$[1].tags[0]",
        builder -> builder.responseLimits(ResponseLimits.builder().maxNestingDepth(3).build())),
    CVM(
        "maxCvmChars",
        "$[1]",
        builder -> builder.responseLimits(ResponseLimits.builder().maxCvmChars(2_000).build())),
    LIST(
        "maxListChars",
        "$[1]",
        builder -> builder.responseLimits(ResponseLimits.builder().maxListChars(2_000).build())),
    RECORD(
        "maxStringLength",
        "$[1].name",
        builder ->
            builder.responseLimits(
                ResponseLimits.builder()
                    .maxStringLength(10)
                    .maxCvmChars(10_000)
                    .maxListChars(10_000)
                    .build()));

    final String option;
    final String path;
    final UnaryOperator<PhalaCloud.Builder> lower;

    Lowered(String option, String path, UnaryOperator<PhalaCloud.Builder> lower) {
      this.option = option;
      this.path = path;
      this.lower = lower;
    }
  }

  /**
   * Longer than the JSON reader's buffer (1,024 characters, which the character limits are exact
   * to), so the CVM and list limits break in the second CVM, not at the first read.
   */
  private static final String SMALL =
      "[{\"name\":\"a\",\"size\":1},"
          + "{\"name\":\"a-name-of-40-characters-xxxxxxxxxxxxxxxx\",\"size\":1234567,"
          + "\"tags\":[[[[\"deep\"]]]],\"pad\":\""
          + "y".repeat(3_000)
          + "\"}]";

  @ParameterizedTest
  @EnumSource(Lowered.class)
  void aLimitLoweredOnTheBuilderIsHonouredAndNamed(Lowered lowered) {
    server = new LoopbackServer(LoopbackServer.json(SMALL.getBytes(UTF_8)));

    try (PhalaCloud client = client(lowered.lower)) {
      PhalaInvalidDataException listed =
          catchThrowableOfType(
              PhalaInvalidDataException.class, () -> client.cvms().list(CvmShape.LEGACY));
      assertNamesLimit(listed, lowered.option, lowered.path);

      if (lowered != Lowered.LIST) {
        List<String> delivered = new ArrayList<>();
        PhalaInvalidDataException streamed;
        try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
          streamed =
              catchThrowableOfType(
                  PhalaInvalidDataException.class,
                  () -> cvms.forEach(cvm -> delivered.add(cvm.name())));
        }
        assertNamesLimit(streamed, lowered.option, lowered.path);
        assertThat(delivered).containsExactly("a");
      }
    }
  }

  @Test
  void aNumberGsonCannotReadIsNamedEvenWhenMaxNumberLengthIsRaised() {
    String body = "[{\"name\":\"n\",\"n\":" + "5".repeat(2_000) + "}]";
    server = new LoopbackServer(LoopbackServer.json(body.getBytes(UTF_8)));

    try (PhalaCloud client =
        client(
            builder ->
                builder.responseLimits(ResponseLimits.builder().maxNumberLength(5_000).build()))) {
      PhalaInvalidDataException failure =
          catchThrowableOfType(
              PhalaInvalidDataException.class, () -> client.cvms().list(CvmShape.LEGACY));

      assertThat(failure).isNotNull();
      assertThat(failure.getMessage())
          .contains("more than 1,023 characters in one number", "whatever maxNumberLength says")
          .doesNotContain("raise it");
      assertThat(failure.where()).isEqualTo("$[0].n");
    }
  }

  @Test
  void maxListCharsDoesNotBoundAStream() {
    server = new LoopbackServer(LoopbackServer.json(SMALL.getBytes(UTF_8)));

    try (PhalaCloud client =
            client(
                builder ->
                    builder.responseLimits(ResponseLimits.builder().maxListChars(2_000).build()));
        CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      assertThat(cvms.stream().map(Cvm::name)).hasSize(2);
    }
  }

  @Test
  void aResponseUnderTheDefaultsReadsFine() {
    // Close to every default limit, yet under it: a string of 3.9 M characters, a number of 1,000
    // digits, nesting 990 deep.
    String string = "s".repeat(3_900_000);
    String number = "9".repeat(1_000);
    String deep = "[".repeat(990) + "]".repeat(990);
    String body =
        "[{\"name\":\"big\",\"s\":\""
            + string
            + "\",\"n\":"
            + number
            + ",\"deep\":"
            + deep
            + "},{\"name\":\"small\"}]";
    server = new LoopbackServer(LoopbackServer.json(body.getBytes(UTF_8)));

    try (PhalaCloud client = client(builder -> builder)) {
      CvmList list = client.cvms().list(CvmShape.LEGACY);
      assertThat(list).extracting(Cvm::name).containsExactly("big", "small");
      assertThat(list.get(0).fields().get("s").toString()).hasSize(string.length());
      try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
        assertThat(cvms.stream().map(Cvm::name)).containsExactly("big", "small");
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private PhalaCloud client(UnaryOperator<PhalaCloud.Builder> configure) {
    return configure.apply(http.client(server.baseUrl()).maxRetries(0)).build();
  }

  private void serve(Hostile hostile, int before) {
    serve(hostile.body(before), hostile.gzip());
  }

  /**
   * Serves {@code body} chunked, as it is generated. Gzipped only when the client asked for gzip
   * (OkHttp asks, and undoes it, by itself); otherwise the test fails.
   */
  private void serve(Body body, boolean gzip) {
    server =
        new LoopbackServer(
            exchange -> {
              String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
              synchronized (acceptEncodings) {
                acceptEncodings.add(String.valueOf(accepted));
              }
              exchange.getResponseHeaders().set("Content-Type", "application/json");
              if (gzip) {
                if (accepted == null || !accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
                  exchange.sendResponseHeaders(406, -1);
                  return;
                }
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
              }
              exchange.sendResponseHeaders(200, 0);
              try (OutputStream out =
                  new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                body.write(out);
              } catch (IOException hungUp) {
                // Expected: the client stopped at its limit and closed the connection.
              }
            });
  }

  /** A whole gzip body: {@code prefix}, {@code chunk} {@value #GZIP_CHUNKS} times, {@code end}. */
  static Body gzipBomb(byte[] prefix, byte[] chunk, String end) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] head = deflate(deflater, prefix, false);
    // After a full flush, a block depends on nothing before it: the chunk's compressed form
    // repeats.
    byte[] block = deflate(deflater, chunk, false);
    byte[] again = deflate(deflater, chunk, false);
    assertThat(again).isEqualTo(block);
    byte[] tail = deflate(deflater, end.getBytes(UTF_8), true);
    deflater.end();
    return out -> {
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
      writeIntLe(out, crc.getValue());
      writeIntLe(out, size);
    };
  }

  /** The compressed size of {@link #gzipBomb}'s body, for the figures. */
  static long compressedSize(Body body) {
    ByteArrayOutputStream counted = new ByteArrayOutputStream();
    try {
      body.write(counted);
    } catch (IOException impossible) {
      throw new AssertionError(impossible);
    }
    return counted.size();
  }

  /** {@code input} deflated and then fully flushed, or finished when {@code last}. */
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

  private static void writeIntLe(OutputStream out, long value) throws IOException {
    for (int i = 0; i < 4; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }

  private static String goodCvms(int count) {
    StringBuilder cvms = new StringBuilder();
    for (int i = 0; i < count; i++) {
      cvms.append("{\"name\":\"good-").append(i).append("\",\"status\":\"running\"},");
    }
    return cvms.toString();
  }

  private static String dot(String suffix) {
    return suffix.isEmpty() || suffix.startsWith("[") ? suffix : "." + suffix;
  }

  private void assertNamesLimit(PhalaInvalidDataException failure, String option, String path) {
    assertThat(failure).as("the call must fail with PhalaInvalidDataException").isNotNull();
    assertThat(failure.getMessage())
        .as(failure.getMessage())
        .contains(option + "(", "too large")
        .doesNotContain("\n")
        .hasSizeLessThanOrEqualTo(PhalaInvalidDataException.MAX_MESSAGE);
    assertThat(failure.where()).as(failure.getMessage()).startsWith(path);
    assertThat(failure.getMessage()).contains(" at " + path);
  }

  /** What one hostile call took: its failure, time, what it allocated and the heap it kept. */
  private record Measured(
      PhalaInvalidDataException failure, double seconds, long allocated, long retained) {}

  /**
   * Runs {@code call} within {@link #DEADLINE}, with the bytes the calling thread allocated (the
   * client reads the body on it) and the live heap it left behind.
   */
  private static Measured measure(java.util.concurrent.Callable<PhalaInvalidDataException> call) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = Heap.usedAfterGc();
    long started = System.nanoTime();
    AtomicReference<PhalaInvalidDataException> failure = new AtomicReference<>();
    AtomicLong allocated = new AtomicLong();
    assertTimeoutPreemptively(
        DEADLINE,
        () -> {
          long start = threads.getCurrentThreadAllocatedBytes();
          failure.set(call.call());
          allocated.set(threads.getCurrentThreadAllocatedBytes() - start);
        });
    double seconds = (System.nanoTime() - started) / 1e9;
    long retained = Heap.usedAfterGc() - before;
    assertThat(retained).as("live heap kept after the call, bytes").isLessThan(RETAINED_LIMIT);
    return new Measured(failure.get(), seconds, allocated.get(), retained);
  }

  private void report(String call, Hostile hostile, Measured measured) {
    report(call, hostile.name().toLowerCase(Locale.ROOT).replace('_', ' '), measured);
    if (hostile.gzip()) {
      assertThat(acceptEncodings).as("what the client asked for").allMatch(v -> v.contains("gzip"));
    }
  }

  private static void report(String call, String what, Measured measured) {
    Figures.put(
        "8 limits " + what + " " + call,
        String.format(
            Locale.ROOT,
            "limits: %s, %s: %.2f s, %.0f MB allocated while reading, live heap after %+.1f MB:"
                + " %s",
            what,
            call + "Cvms",
            measured.seconds,
            Heap.mb(measured.allocated),
            Heap.mb(measured.retained),
            measured.failure.getMessage().substring(0, 120)));
  }
}
