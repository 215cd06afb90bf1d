package com.phala.cloud.cvm;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.ResponseLimits;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * CVMs of the legacy shape ({@link Cvm}) read one at a time from an open response, for listings too
 * large to hold: memory stays constant whatever the length. Use it once, in try-with-resources, so
 * the connection is released:
 *
 * <pre>{@code
 * try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
 *   cvms.stream().filter(Cvm::isRunning).forEach(cvm -> System.out.println(cvm.name()));
 * }
 * }</pre>
 */
public final class CvmStream extends ViewStream<Cvm> {
  private CvmStream(
      Reader body, ResponseInfo response, AutoCloseable resource, ResponseLimits limits) {
    super(body, response, resource, limits, Cvm::new);
  }

  /**
   * Streams a JSON array of CVMs from {@code body} (a response, a file), within the default {@link
   * ResponseLimits}.
   *
   * @param response the HTTP response it comes from, or {@code null}
   * @param resource closed with the stream (the HTTP response), or {@code null}
   */
  public static CvmStream read(Reader body, ResponseInfo response, AutoCloseable resource) {
    return read(body, response, resource, ResponseLimits.DEFAULTS);
  }

  /**
   * Streams a JSON array of CVMs from the UTF-8 bytes of {@code body} (a response, a file), within
   * the default {@link ResponseLimits}.
   *
   * @param response the HTTP response it comes from, or {@code null}
   * @param resource closed with the stream (the HTTP response), or {@code null}
   */
  public static CvmStream read(InputStream body, ResponseInfo response, AutoCloseable resource) {
    return read(new InputStreamReader(body, StandardCharsets.UTF_8), response, resource);
  }

  /**
   * Streams a JSON array of CVMs from {@code body} (a response, a file), one CVM at a time within
   * {@code limits} ({@code maxListChars} does not apply: nothing but the current CVM is held).
   *
   * @param response the HTTP response it comes from, or {@code null}
   * @param resource closed with the stream (the HTTP response), or {@code null}
   */
  public static CvmStream read(
      Reader body, ResponseInfo response, AutoCloseable resource, ResponseLimits limits) {
    return new CvmStream(body, response, resource, limits);
  }
}
