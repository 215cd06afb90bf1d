package com.phala.cloud.cvm;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.ResponseLimits;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.CvmArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The CVMs of one listing, in the order the API sent them, with the helpers people reach for:
 * filter by status or project, find by name or id, group, and total the resources. Read-only;
 * filters return new lists that share the same {@link #response()}.
 */
public final class CvmList extends AbstractList<Cvm> implements RandomAccess {
  private final List<Cvm> cvms;
  private final ResponseInfo response;

  CvmList(List<Cvm> cvms, ResponseInfo response) {
    this.cvms = cvms;
    this.response = response;
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
    List<Cvm> cvms = new ArrayList<>();
    try (CvmArrayReader reader = new CvmArrayReader(body, limits, true)) {
      while (reader.hasNext()) {
        int index = reader.index();
        cvms.add(new Cvm(reader.next(), "$[" + index + "]"));
      }
    }
    return new CvmList(Collections.unmodifiableList(cvms), response);
  }

  @Override
  public Cvm get(int index) {
    return cvms.get(index);
  }

  @Override
  public int size() {
    return cvms.size();
  }

  /**
   * The HTTP response the list came from (status, headers, request id); empty for a parsed list.
   */
  public Optional<ResponseInfo> response() {
    return Optional.ofNullable(response);
  }

  /** The CVMs that match {@code test}. */
  public CvmList filter(Predicate<Cvm> test) {
    List<Cvm> kept = new ArrayList<>();
    for (Cvm cvm : cvms) {
      if (test.test(cvm)) {
        kept.add(cvm);
      }
    }
    return new CvmList(Collections.unmodifiableList(kept), response);
  }

  /**
   * The CVMs whose status is one of {@code statuses} (compared without regard to case). A CVM whose
   * status is missing, null or not a string matches none.
   */
  public CvmList withStatus(String... statuses) {
    List<String> wanted = Arrays.asList(statuses);
    return filter(
        cvm -> {
          Object status = cvm.fields().get("status");
          return status instanceof String
              && wanted.stream().anyMatch(((String) status)::equalsIgnoreCase);
        });
  }

  /** The CVMs whose status is one of {@code statuses}. */
  public CvmList withStatus(CvmStatus.Known... statuses) {
    return withStatus(Arrays.stream(statuses).map(known -> known.name()).toArray(String[]::new));
  }

  /** The running CVMs. */
  public CvmList running() {
    return withStatus(CvmStatus.Known.RUNNING);
  }

  /**
   * The CVMs of one project (compared with the id as sent, so a malformed id elsewhere does not
   * matter).
   */
  public CvmList inProject(ProjectId project) {
    String wanted = project.toString();
    return filter(cvm -> wanted.equals(cvm.fields().get("project_id")));
  }

  /** The first CVM with this name. */
  public Optional<Cvm> findByName(String name) {
    return find(cvm -> name.equals(cvm.fields().get("name")));
  }

  /** The first CVM with this app id ({@code hosted.app_id}). */
  public Optional<Cvm> findByAppId(String appId) {
    return find(cvm -> appId.equalsIgnoreCase(hostedString(cvm, "app_id")));
  }

  /** The CVM with this VM id ({@code hosted.id}, a UUID). */
  public Optional<Cvm> findByVmId(String vmId) {
    return find(cvm -> vmId.equalsIgnoreCase(hostedString(cvm, "id")));
  }

  /** The CVM with this instance id ({@code hosted.instance_id}). */
  public Optional<Cvm> findByInstanceId(String instanceId) {
    return find(cvm -> instanceId.equalsIgnoreCase(hostedString(cvm, "instance_id")));
  }

  private Optional<Cvm> find(Predicate<Cvm> test) {
    for (Cvm cvm : cvms) {
      if (test.test(cvm)) {
        return Optional.of(cvm);
      }
    }
    return Optional.empty();
  }

  /**
   * A string member of {@code hosted}, or {@code null} when hosted or the member is absent, null or
   * not a string.
   */
  private static String hostedString(Cvm cvm, String name) {
    Object hosted = cvm.fields().get("hosted");
    Object value = hosted instanceof Map ? ((Map<?, ?>) hosted).get(name) : null;
    return value instanceof String ? (String) value : null;
  }

  /**
   * The CVMs by project id as sent; CVMs with no project are under {@code ""}. Keys keep first-seen
   * order.
   */
  public Map<String, CvmList> groupByProject() {
    return groupBy(
        cvm -> String.valueOf(Optional.ofNullable(cvm.fields().get("project_id")).orElse("")));
  }

  /**
   * The CVMs by node name; CVMs not placed on a node are under {@code ""}. Keys keep first-seen
   * order.
   */
  public Map<String, CvmList> groupByNode() {
    return groupBy(
        cvm -> {
          Object node = cvm.fields().get("node");
          Object name = node instanceof Map ? ((Map<?, ?>) node).get("name") : null;
          return name == null ? "" : name.toString();
        });
  }

  private Map<String, CvmList> groupBy(Function<Cvm, String> key) {
    Map<String, List<Cvm>> groups = new LinkedHashMap<>();
    for (Cvm cvm : cvms) {
      groups.computeIfAbsent(key.apply(cvm), k -> new ArrayList<>()).add(cvm);
    }
    Map<String, CvmList> lists = new LinkedHashMap<>();
    groups.forEach(
        (name, members) ->
            lists.put(name, new CvmList(Collections.unmodifiableList(members), response)));
    return Collections.unmodifiableMap(lists);
  }

  /**
   * Total virtual CPUs. Each CVM counts its cloud-level {@code vcpu}, or its configuration's when
   * that is absent; a CVM with neither counts 0.
   *
   * @throws PhalaInvalidDataException if a value has the wrong type
   */
  public long totalVcpu() {
    return total(Cvm::vcpu, CvmConfiguration::vcpu);
  }

  /** Total memory in MB, counted like {@link #totalVcpu()}. */
  public long totalMemoryMb() {
    return total(Cvm::memoryMb, CvmConfiguration::memoryMb);
  }

  /** Total disk in GB, counted like {@link #totalVcpu()}. */
  public long totalDiskSizeGb() {
    return total(Cvm::diskSizeGb, CvmConfiguration::diskSizeGb);
  }

  private long total(Function<Cvm, OptionalInt> cloud, ToIntFunction<CvmConfiguration> configured) {
    long sum = 0;
    for (Cvm cvm : cvms) {
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
