package com.phala.cloud;

import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.CvmInfoStream;

/**
 * The CVM list of the caller's workspace ({@code GET /api/v1/cvms}), from {@link
 * PhalaCloud#cvms()}: {@code list} reads it whole, {@code stream} one CVM at a time. A call without
 * a {@link CvmShape} reads the current shape; {@code list(CvmShape.LEGACY)} reads the legacy one.
 * For calls that do not block, see {@link CvmServiceAsync}.
 *
 * <p>Every call retries what is safe to retry, stays within the client's deadline, and fails only
 * with a {@link com.phala.cloud.errors.PhalaException} subclass: {@link
 * com.phala.cloud.errors.PhalaServiceException} subclasses for error statuses (after retries),
 * {@link com.phala.cloud.errors.PhalaIoException} on network failure or timeout, {@link
 * com.phala.cloud.errors.PhalaInvalidDataException} if the response is not a JSON array of CVMs,
 * and {@link com.phala.cloud.errors.PhalaClosedException} once the client is closed.
 */
public final class CvmService {
  private final CvmCalls calls;

  CvmService(CvmCalls calls) {
    this.calls = calls;
  }

  /** Every CVM, in the current shape. */
  public CvmInfoList list() {
    return list(CvmShape.CURRENT, ListCvmsParams.none());
  }

  /** The CVMs {@code params} selects on the server, in the current shape. */
  public CvmInfoList list(ListCvmsParams params) {
    return list(CvmShape.CURRENT, params);
  }

  /** Every CVM, in {@code shape}: {@code list(CvmShape.LEGACY)} returns a {@code CvmList}. */
  public <L> L list(CvmShape<L, ?> shape) {
    return list(shape, ListCvmsParams.none());
  }

  /** The CVMs {@code params} selects on the server, in {@code shape}. */
  public <L> L list(CvmShape<L, ?> shape, ListCvmsParams params) {
    return calls.list(shape, params);
  }

  /**
   * Every CVM in the current shape, one at a time; see {@link #stream(CvmShape, ListCvmsParams)}.
   */
  public CvmInfoStream stream() {
    return stream(CvmShape.CURRENT, ListCvmsParams.none());
  }

  /** The CVMs {@code params} selects, in the current shape, one at a time. */
  public CvmInfoStream stream(ListCvmsParams params) {
    return stream(CvmShape.CURRENT, params);
  }

  /** Every CVM in {@code shape}, one at a time. */
  public <S> S stream(CvmShape<?, S> shape) {
    return stream(shape, ListCvmsParams.none());
  }

  /**
   * The CVMs {@code params} selects, in {@code shape}, read one at a time from the open response in
   * constant memory. Retries and the whole-call deadline ({@link PhalaCloud.Builder#timeout}) cover
   * the call until the response starts; the body is then read as you iterate, each read bounded by
   * the read timeout, and the whole stream by {@link PhalaCloud.Builder#streamTimeout} if set.
   * Close the stream when done.
   */
  public <S> S stream(CvmShape<?, S> shape, ListCvmsParams params) {
    return calls.stream(shape, params);
  }
}
