package com.phala.cloud.cvm;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.ResponseLimits;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The CVMs of one listing in the current shape ({@link CvmInfo}, API versions {@code 2026-01-21}
 * and later), in the order the API sent them, with the helpers of every list ({@link ViewList}) and
 * those of this shape: find by CVM id, filter by workspace, total the hourly cost. Read-only;
 * filters return new lists that share the same {@link #response()}.
 */
public final class CvmInfoList extends ViewList<CvmInfo, CvmInfoList> {
  CvmInfoList(List<CvmInfo> cvms, ResponseInfo response) {
    super(cvms, response);
  }

  @Override
  CvmInfoList with(List<CvmInfo> cvms, ResponseInfo response) {
    return new CvmInfoList(cvms, response);
  }

  /**
   * Reads a JSON array of CVMs in the current shape, such as a saved response body or a fixture.
   *
   * @throws PhalaInvalidDataException if it is not a JSON array of objects
   */
  public static CvmInfoList parse(String json) {
    try {
      return read(new StringReader(json), null, ResponseLimits.DEFAULTS);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }

  /**
   * Reads a JSON array of CVMs in the current shape from {@code body} in one streaming pass, within
   * {@code limits}, and closes it.
   *
   * @param response the HTTP response it came from, or {@code null}
   * @throws PhalaInvalidDataException if it is not a JSON array of objects, or passes a limit
   * @throws IOException if reading fails
   */
  public static CvmInfoList read(Reader body, ResponseInfo response, ResponseLimits limits)
      throws IOException {
    return new CvmInfoList(readAll(body, limits, CvmInfo::new), response);
  }

  /** The CVM with this id (compared with the id as sent). */
  public Optional<CvmInfo> findById(CvmId id) {
    return find(cvm -> cvm.field(CvmInfo.Fields.ID).filter(id.toString()::equals).isPresent());
  }

  /** The CVMs of one workspace (compared with the id as sent). */
  public CvmInfoList inWorkspace(WorkspaceId workspace) {
    return filter(isInWorkspace(workspace));
  }

  /**
   * Whether a CVM belongs to {@code workspace}, as a predicate for streams and filters: the rule of
   * {@link #inWorkspace(WorkspaceId)}; a CVM with no workspace id matches none.
   */
  public static java.util.function.Predicate<ApiObject> isInWorkspace(WorkspaceId workspace) {
    String wanted = workspace.toString();
    return cvm -> wanted.equals(nested(cvm, CvmInfo.Fields.WORKSPACE, WorkspaceRef.Fields.ID));
  }

  @Override
  String text(CvmInfo cvm, Key key) {
    return switch (key) {
      case APP_ID -> nested(cvm, null, CvmInfo.Fields.APP_ID);
      case VM_ID -> nested(cvm, null, CvmInfo.Fields.VM_UUID);
      case INSTANCE_ID -> nested(cvm, null, CvmInfo.Fields.INSTANCE_ID);
      case NODE -> nested(cvm, CvmInfo.Fields.NODE_INFO, NodeRef.Fields.NAME);
      default -> nested(cvm, CvmInfo.Fields.NODE_INFO, NodeRef.Fields.REGION);
    };
  }

  /** {@inheritDoc} Each CVM counts its {@code resource.vcpu}. */
  @Override
  public long totalVcpu() {
    return sum(resource -> resource.vcpu().isPresent() ? resource.vcpu().getAsInt() : 0);
  }

  /** {@inheritDoc} Each CVM counts its {@code resource.disk_in_gb}. */
  @Override
  public long totalDiskGb() {
    return sum(
        resource -> {
          OptionalInt disk = resource.diskInGb();
          return disk.isPresent() ? disk.getAsInt() : 0;
        });
  }

  /** {@inheritDoc} Each CVM counts its {@code resource.memory_in_gb}. */
  @Override
  public BigDecimal totalMemoryGb() {
    BigDecimal total = BigDecimal.ZERO;
    for (CvmInfo cvm : this) {
      total = total.add(cvm.resource().memoryInGb().orElse(BigDecimal.ZERO));
    }
    return total;
  }

  /**
   * What these CVMs cost per hour together: the exact sum of {@code hourly_rate.total}, with the
   * CVMs that have no rate left out of the sum and counted ({@link HourlyRateTotal#unpriced()}).
   *
   * @throws PhalaInvalidDataException if a rate is sent but is not a decimal number
   */
  public HourlyRateTotal totalHourlyRate() {
    BigDecimal amount = BigDecimal.ZERO;
    int priced = 0;
    for (CvmInfo cvm : this) {
      Optional<BigDecimal> rate = cvm.hourlyRate().flatMap(CvmHourlyRate::total);
      if (rate.isPresent()) {
        amount = amount.add(rate.get());
        priced++;
      }
    }
    return new HourlyRateTotal(amount, priced, size() - priced);
  }

  private long sum(Function<CvmResourceInfo, Integer> value) {
    long total = 0;
    for (CvmInfo cvm : this) {
      total += value.apply(cvm.resource());
    }
    return total;
  }
}
