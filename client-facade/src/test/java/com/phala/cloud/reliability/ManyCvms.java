package com.phala.cloud.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonObject;
import com.phala.cloud.cvm.Examples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Long lists: the full example's first CVM repeated, each named {@code cvm-NNNNNNN} after its
 * index.
 */
public final class ManyCvms {
  private static final JsonObject TEMPLATE = Examples.cvm(Examples.FULL, 0);

  private ManyCvms() {}

  /** The name of the CVM at {@code index}. */
  public static String name(long index) {
    return String.format("cvm-%07d", index);
  }

  /** One CVM's JSON. */
  public static String cvm(long index) {
    JsonObject cvm = TEMPLATE.deepCopy();
    cvm.addProperty("name", name(index));
    return cvm.toString();
  }

  /** A JSON array of {@code count} CVMs. */
  public static byte[] list(int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, count);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return out.toByteArray();
  }

  /**
   * Writes a JSON array of {@code count} CVMs to {@code out} as it generates it, in constant
   * memory.
   */
  public static void write(OutputStream out, long count) throws IOException {
    String template = cvm(0);
    String before = template.substring(0, template.indexOf(name(0)));
    String after = template.substring(template.indexOf(name(0)) + name(0).length());
    out.write('[');
    for (long i = 0; i < count; i++) {
      out.write(((i == 0 ? "" : ",\n") + before + name(i) + after).getBytes(UTF_8));
    }
    out.write(']');
  }

  /** The size in bytes of {@link #write}'s output for {@code count} CVMs. */
  public static long size(long count) {
    return 2 + count * cvm(0).getBytes(UTF_8).length + Math.max(0, count - 1) * 2;
  }
}
