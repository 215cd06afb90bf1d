package com.phala.cloud.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Response bodies of realistic CVMs: the contract's full example's first CVM (every field, a
 * compose file, events), repeated with unique names. The example is read from the contract packaged
 * in the generated client, so the benchmark measures the shape the API really sends.
 */
final class Bodies {
  private static final String EXAMPLES = "/META-INF/phala-cloud/openapi/examples/";
  private static final String CVM = firstCvm("cvms-full.json");
  private static final String CVM_INFO = firstCvm("cvminfos-full.json");

  private Bodies() {}

  /** A JSON array of {@code count} CVMs in the legacy shape ({@code listCvms}). */
  static byte[] of(int count) {
    return array(CVM, count);
  }

  /**
   * A JSON array of {@code count} CVMs in the current shape ({@code listCvmInfos}): the first CVM
   * of the contract's {@code cvminfos-full.json}, repeated with unique names.
   */
  static byte[] infos(int count) {
    return array(CVM_INFO, count);
  }

  private static byte[] array(String cvm, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(count * (cvm.length() + 16));
    try {
      write(out, cvm, count);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return out.toByteArray();
  }

  /** Writes a JSON array of {@code count} CVMs to {@code out}, one at a time (constant memory). */
  static void write(OutputStream out, int count) throws IOException {
    write(out, CVM, count);
  }

  private static void write(OutputStream out, String cvm, int count) throws IOException {
    out.write('[');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(
          cvm.replace("\"name\":\"inference-gateway\"", "\"name\":\"cvm-" + i + "\"")
              .getBytes(StandardCharsets.UTF_8));
    }
    out.write(']');
  }

  private static String firstCvm(String example) {
    try (InputStream in = Bodies.class.getResourceAsStream(EXAMPLES + example)) {
      if (in == null) {
        throw new IllegalStateException(EXAMPLES + example + " is not on the classpath");
      }
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Compact it: the benchmark measures decoding, not whitespace.
      String compact =
          com.google.gson.JsonParser.parseString(all).getAsJsonArray().get(0).toString();
      return compact;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
