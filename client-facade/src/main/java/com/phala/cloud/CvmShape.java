package com.phala.cloud;

import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmInfo;
import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.util.Objects;
import java.util.Optional;

/**
 * Which shape of the CVM list a call asks for: the {@code X-Phala-Version} it sends and the typed
 * list and stream it returns, bound together so that a call cannot send one version and read
 * another shape. Pass one to {@link CvmService#list(CvmShape)} and the like; a call without one
 * reads {@link #CURRENT}.
 *
 * @param <L> the list a whole read returns
 * @param <S> the stream a streaming read returns
 */
public final class CvmShape<L, S> {
  /** The only version of the legacy shape. */
  private static final ApiVersion LEGACY_VERSION = ApiVersion.V2025_10_28;

  /**
   * The legacy shape ({@link Cvm}: {@link CvmList}, {@link CvmStream}), which {@code
   * X-Phala-Version} {@code 2025-10-28} answers with and the seed page documents: the only one with
   * the VM manager's {@code hosted} record (uptime, events, the deployed configuration).
   */
  public static final CvmShape<CvmList, CvmStream> LEGACY =
      new CvmShape<>("LEGACY", LEGACY_VERSION, CvmList::read, CvmStream::read);

  /**
   * The current shape ({@link CvmInfo}: {@link CvmInfoList}, {@link CvmInfoStream}), which {@code
   * 2026-01-21} and later answer with, as Phala's SDKs read it. A call sends the client's {@link
   * PhalaCloud.Builder#apiVersion version} ({@link PhalaCloud#LATEST_API_VERSION} by default).
   */
  public static final CvmShape<CvmInfoList, CvmInfoStream> CURRENT =
      new CvmShape<>("CURRENT", null, CvmInfoList::read, CvmInfoStream::read);

  private final String name;
  private final ApiVersion pinned;
  final ListReader<L> list;
  final StreamReader<S> stream;

  private CvmShape(String name, ApiVersion pinned, ListReader<L> list, StreamReader<S> stream) {
    this.name = name;
    this.pinned = pinned;
    this.list = list;
    this.stream = stream;
  }

  /**
   * The current shape at one version of it, whatever the client's: for code that must keep reading
   * what one version sends while the client moves on.
   *
   * @throws PhalaInvalidInputException if {@code version} is null or answers in the legacy shape
   */
  public static CvmShape<CvmInfoList, CvmInfoStream> current(ApiVersion version) {
    if (version == null || version == LEGACY_VERSION) {
      throw new PhalaInvalidInputException(
          "CvmShape.current(...) takes a version of the current shape (2026-01-21 or later), but"
              + " was "
              + version
              + (version == null ? "." : "; for the legacy shape, use CvmShape.LEGACY."));
    }
    return new CvmShape<>("current(" + version + ")", version, CURRENT.list, CURRENT.stream);
  }

  /**
   * The version this shape always sends: {@code 2025-10-28} for {@link #LEGACY}, the pinned one for
   * {@link #current(ApiVersion)}, empty for {@link #CURRENT} (which sends the client's).
   */
  public Optional<ApiVersion> version() {
    return Optional.ofNullable(pinned);
  }

  /** Whether {@code version} answers in the legacy shape ({@link #LEGACY}). */
  static boolean isLegacy(ApiVersion version) {
    return version == LEGACY_VERSION;
  }

  /**
   * The version this shape sends from a client configured with {@code configured} (always a version
   * of the current shape: the builder keeps no legacy one): its own if it has one, else that.
   */
  ApiVersion versionFor(ApiVersion configured) {
    return pinned != null ? pinned : configured;
  }

  /** The shape's name, such as {@code LEGACY} or {@code current(2026-06-23)}. */
  @Override
  public String toString() {
    return name;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CvmShape
        && name.equals(((CvmShape<?, ?>) other).name)
        && Objects.equals(pinned, ((CvmShape<?, ?>) other).pinned);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  /** Reads a whole list of this shape from a response body. */
  interface ListReader<L> {
    L read(Reader body, ResponseInfo info, ResponseLimits limits) throws IOException;
  }

  /** Opens a stream of this shape over a response body. */
  interface StreamReader<S> {
    S read(Reader body, ResponseInfo info, AutoCloseable resource, ResponseLimits limits);
  }
}
