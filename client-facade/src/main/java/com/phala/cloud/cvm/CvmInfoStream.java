package com.phala.cloud.cvm;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.ResponseLimits;
import java.io.Reader;

/**
 * CVMs of the current shape ({@link CvmInfo}) read one at a time from an open response, in constant
 * memory. Use it once, in try-with-resources, so the connection is released:
 *
 * <pre>{@code
 * try (CvmInfoStream cvms = client.cvms().stream()) {
 *   cvms.stream().filter(CvmInfo::isRunning).forEach(cvm -> System.out.println(cvm.name()));
 * }
 * }</pre>
 */
public final class CvmInfoStream extends ViewStream<CvmInfo> {
  private CvmInfoStream(
      Reader body, ResponseInfo response, AutoCloseable resource, ResponseLimits limits) {
    super(body, response, resource, limits, CvmInfo::new);
  }

  /**
   * Streams a JSON array of CVMs in the current shape from {@code body}, one at a time within
   * {@code limits} ({@code maxListChars} does not apply: nothing but the current CVM is held).
   *
   * @param response the HTTP response it comes from, or {@code null}
   * @param resource closed with the stream (the HTTP response), or {@code null}
   */
  public static CvmInfoStream read(
      Reader body, ResponseInfo response, AutoCloseable resource, ResponseLimits limits) {
    return new CvmInfoStream(body, response, resource, limits);
  }
}
