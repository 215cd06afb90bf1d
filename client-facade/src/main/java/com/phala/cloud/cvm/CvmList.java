package com.phala.cloud.cvm;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.ResponseLimits;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The CVMs of one listing in the legacy shape ({@link Cvm}, API version {@code 2025-10-28}), in the
 * order the API sent them, with the helpers of every list ({@link ViewList}) and those of this
 * shape: filter and group by project. Read-only; filters return new lists that share the same
 * {@link #response()}.
 */
public final class CvmList extends ViewList<Cvm, CvmList> {
  CvmList(List<Cvm> cvms, ResponseInfo response) {
    super(cvms, response);
  }

  @Override
  CvmList with(List<Cvm> cvms, ResponseInfo response) {
    return new CvmList(cvms, response);
  }

  /**
   * Reads a JSON array of CVMs, such as a saved response body or a test fixture.
   *
   * @throws PhalaInvalidDataException if it is not a JSON array of objects
   */
  public static CvmList parse(String json) {
    try {
      return read(new StringReader(json), null);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }

  /**
   * Reads a JSON array of CVMs from {@code body} in one streaming pass, within the default {@link
   * ResponseLimits}, and closes it.
   *
   * @param response the HTTP response it came from, or {@code null}
   * @throws PhalaInvalidDataException if it is not a JSON array of objects, or passes a limit
   * @throws IOException if reading fails
   */
  public static CvmList read(Reader body, ResponseInfo response) throws IOException {
    return read(body, response, ResponseLimits.DEFAULTS);
  }

  /**
   * Reads a JSON array of CVMs from the UTF-8 bytes of {@code body} (RFC 8259's encoding for JSON;
   * a leading byte order mark is skipped), within the default {@link ResponseLimits}, and closes
   * it.
   *
   * @param response the HTTP response it came from, or {@code null}
   * @throws PhalaInvalidDataException if it is not a JSON array of objects, or passes a limit
   * @throws IOException if reading fails
   */
  public static CvmList read(InputStream body, ResponseInfo response) throws IOException {
    return read(new InputStreamReader(body, StandardCharsets.UTF_8), response);
  }

  /**
   * Reads a JSON array of CVMs from {@code body} in one streaming pass, within {@code limits}, and
   * closes it.
   *
   * @param response the HTTP response it came from, or {@code null}
   * @throws PhalaInvalidDataException if it is not a JSON array of objects, or passes a limit
   * @throws IOException if reading fails
   */
  public static CvmList read(Reader body, ResponseInfo response, ResponseLimits limits)
      throws IOException {
    return new CvmList(readAll(body, limits, Cvm::new), response);
  }

  /**
   * The CVMs of one project (compared with the id as sent, so a malformed id elsewhere does not
   * matter).
   */
  public CvmList inProject(ProjectId project) {
    return filter(isInProject(project));
  }

  /**
   * Whether a CVM belongs to {@code project}, as a predicate for streams and filters: the rule of
   * {@link #inProject(ProjectId)} (the id as sent is compared, so a malformed one elsewhere does
   * not matter; a CVM with no project id matches none).
   */
  public static java.util.function.Predicate<ApiObject> isInProject(ProjectId project) {
    String wanted = project.toString();
    return cvm -> cvm.field(Cvm.Fields.PROJECT_ID).filter(wanted::equals).isPresent();
  }

  /**
   * The CVMs by project id as sent; CVMs with no project are under {@code ""}. Keys keep first-seen
   * order.
   */
  public Map<String, CvmList> groupByProject() {
    return groupBy(cvm -> cvm.field(Cvm.Fields.PROJECT_ID).map(String::valueOf).orElse(""));
  }

  @Override
  String text(Cvm cvm, Key key) {
    return switch (key) {
      case APP_ID -> nested(cvm, Cvm.Fields.HOSTED, HostedVm.Fields.APP_ID);
      case VM_ID -> nested(cvm, Cvm.Fields.HOSTED, HostedVm.Fields.ID);
      case INSTANCE_ID -> nested(cvm, Cvm.Fields.HOSTED, HostedVm.Fields.INSTANCE_ID);
      case NODE -> nested(cvm, Cvm.Fields.NODE, CvmNode.Fields.NAME);
      default -> nested(cvm, Cvm.Fields.NODE, CvmNode.Fields.REGION_IDENTIFIER);
    };
  }

  /**
   * {@inheritDoc} Each CVM counts its cloud-level {@code vcpu}, or its configuration's when that is
   * absent.
   */
  @Override
  public long totalVcpu() {
    return total(Cvm::vcpu, CvmConfiguration::vcpu);
  }

  /** {@inheritDoc} Each CVM counts its {@code memory} (MB), or its configuration's. */
  @Override
  public BigDecimal totalMemoryGb() {
    return BigDecimal.valueOf(total(Cvm::memoryMb, CvmConfiguration::memoryMb))
        .divide(BigDecimal.valueOf(1024));
  }

  /** {@inheritDoc} Each CVM counts its {@code disk_size}, or its configuration's. */
  @Override
  public long totalDiskGb() {
    return total(Cvm::diskSizeGb, CvmConfiguration::diskSizeGb);
  }

  private long total(Function<Cvm, OptionalInt> cloud, ToIntFunction<CvmConfiguration> configured) {
    long sum = 0;
    for (Cvm cvm : this) {
      OptionalInt value = cloud.apply(cvm);
      if (value.isPresent()) {
        sum += value.getAsInt();
      } else {
        Optional<CvmConfiguration> configuration = cvm.hosted().configuration();
        if (configuration.isPresent()) {
          sum += configured.applyAsInt(configuration.get());
        }
      }
    }
    return sum;
  }
}
