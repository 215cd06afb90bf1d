package com.phala.cloud.cvm;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.ResponseLimits;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.CvmArrayReader;
import com.phala.cloud.internal.JsonMembers;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The CVMs of one listing, in the order the API sent them, with the helpers every shape of the list
 * shares, under the same names and types in both: filter by status, find by name or id, group by
 * node or region, total the resources. Read-only; filters return new lists that share the same
 * {@link #response()}. {@link CvmList} and {@link CvmInfoList} are the two kinds, one per shape.
 *
 * <p>Matching rules, the same in both shapes: hex ids (app, VM and instance ids) are compared
 * without regard to case, as hex has none; hashed ids ({@code prj_...}, {@code wks_...}, {@code
 * cvm_...}) and names exactly, as their case is significant. A CVM whose member breaks the contract
 * matches nothing ({@code validate()} reports it).
 *
 * <p>A list is equal to any list of equal views in the same order ({@link List#equals}; views are
 * equal by the JSON received, see {@link ApiObject}); the response it came from does not count.
 *
 * @param <T> the view of one CVM
 * @param <L> the list type itself, which the filters return
 */
public abstract class ViewList<T extends CvmView, L extends ViewList<T, L>> extends AbstractList<T>
    implements RandomAccess {
  private final List<T> items;
  private final ResponseInfo response;

  ViewList(List<T> items, ResponseInfo response) {
    this.items = items;
    this.response = response;
  }

  /** Reads every item of a JSON array of objects from {@code body}, and closes it. */
  static <T> List<T> readAll(
      Reader body, ResponseLimits limits, BiFunction<JsonMembers, String, T> view)
      throws IOException {
    List<T> items = new ArrayList<>();
    try (CvmArrayReader reader = new CvmArrayReader(body, limits, true)) {
      while (reader.hasNext()) {
        int index = reader.index();
        items.add(view.apply(reader.next(), "$[" + index + "]"));
      }
    }
    return Collections.unmodifiableList(items);
  }

  /** A list of {@code items} from the same response, of this list's type. */
  abstract L with(List<T> items, ResponseInfo response);

  @Override
  public final T get(int index) {
    return items.get(index);
  }

  @Override
  public final int size() {
    return items.size();
  }

  /**
   * The HTTP response the list came from (status, headers, request id); empty for a parsed list.
   */
  public final Optional<ResponseInfo> response() {
    return Optional.ofNullable(response);
  }

  /**
   * The CVMs that match {@code test}: any predicate of a CVM or of a supertype, such as the
   * library's own {@link #hasStatus} and {@link CvmList#isInProject}, or a {@code
   * Predicate<Object>}.
   */
  public final L filter(Predicate<? super T> test) {
    List<T> kept = new ArrayList<>();
    for (T item : items) {
      if (test.test(item)) {
        kept.add(item);
      }
    }
    return with(Collections.unmodifiableList(kept), response);
  }

  /**
   * The CVMs whose status is one of {@code statuses} (compared without regard to case). A CVM whose
   * status is missing, null or not a string matches none.
   */
  public final L withStatus(String... statuses) {
    return filter(hasStatus(Arrays.asList(statuses)));
  }

  /**
   * Whether a CVM's status is one of {@code statuses} (compared without regard to case), as a
   * predicate for streams ({@link ViewStream#stream()}) and {@link #filter}: the rule of {@link
   * #withStatus(String...)}, read through {@link CvmView#status()}. A CVM whose status is missing,
   * null or not a string matches none, as does an object that is not a view of one CVM.
   */
  public static Predicate<ApiObject> hasStatus(java.util.Collection<? extends String> statuses) {
    List<String> wanted = List.copyOf(statuses);
    return item -> {
      String status = item instanceof CvmView ? readable(((CvmView) item)::status) : null;
      return status != null && wanted.stream().anyMatch(status::equalsIgnoreCase);
    };
  }

  /** The CVMs whose status is one of {@code statuses}. */
  public final L withStatus(CvmStatus.Known... statuses) {
    return withStatus(Arrays.stream(statuses).map(Enum::name).toArray(String[]::new));
  }

  /** The running CVMs. */
  public final L running() {
    return withStatus(CvmStatus.Known.RUNNING);
  }

  /** The first CVM with this name. */
  public final Optional<T> findByName(String name) {
    return find(item -> name.equals(readable(item::name)));
  }

  /** The first CVM with this app id (hex, compared without regard to case). */
  public final Optional<T> findByAppId(String appId) {
    return findHex(Key.APP_ID, appId);
  }

  /** The CVM with this VM id (a UUID, compared without regard to case). */
  public final Optional<T> findByVmId(String vmId) {
    return findHex(Key.VM_ID, vmId);
  }

  /** The CVM with this instance id (hex, compared without regard to case). */
  public final Optional<T> findByInstanceId(String instanceId) {
    return findHex(Key.INSTANCE_ID, instanceId);
  }

  /**
   * The CVMs by node name; CVMs not placed on a node are under {@code ""}. Keys keep first-seen
   * order.
   */
  public final Map<String, L> groupByNode() {
    return groupBy(item -> Optional.ofNullable(text(item, Key.NODE)).orElse(""));
  }

  /**
   * The CVMs by their node's region; CVMs with none are under {@code ""}. Keys keep first-seen
   * order.
   */
  public final Map<String, L> groupByRegion() {
    return groupBy(item -> Optional.ofNullable(text(item, Key.REGION)).orElse(""));
  }

  /**
   * Total virtual CPUs; a CVM that does not say counts 0.
   *
   * @throws PhalaInvalidDataException if a value has the wrong type
   */
  public abstract long totalVcpu();

  /** Total memory in GB, exact (1 GB is 1,024 MB), counted like {@link #totalVcpu()}. */
  public abstract BigDecimal totalMemoryGb();

  /** Total disk in GB, counted like {@link #totalVcpu()}. */
  public abstract long totalDiskGb();

  /** The members the shared helpers read, found where each shape keeps them. */
  enum Key {
    APP_ID,
    VM_ID,
    INSTANCE_ID,
    NODE,
    REGION
  }

  /** The string {@code key} names in {@code item}, or {@code null}. */
  abstract String text(T item, Key key);

  private Optional<T> findHex(Key key, String id) {
    return find(item -> id.equalsIgnoreCase(text(item, key)));
  }

  /** The first CVM that matches {@code test}. */
  final Optional<T> find(Predicate<? super T> test) {
    return items.stream().filter(test).findFirst();
  }

  /** The CVMs by {@code key}; keys keep first-seen order. */
  final Map<String, L> groupBy(Function<? super T, String> key) {
    Map<String, List<T>> groups = new LinkedHashMap<>();
    for (T item : items) {
      groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
    }
    Map<String, L> lists = new LinkedHashMap<>();
    groups.forEach((name, members) -> lists.put(name, with(List.copyOf(members), response)));
    return Collections.unmodifiableMap(lists);
  }

  /**
   * What {@code accessor} reads as text, or {@code null} when the member breaks the contract (a
   * filter matches no such CVM; {@code validate()} reports it).
   */
  private static String readable(java.util.function.Supplier<?> accessor) {
    try {
      return String.valueOf(accessor.get());
    } catch (PhalaInvalidDataException unreadable) {
      return null;
    }
  }

  /**
   * A string member of the object {@code outer} of {@code item} ({@code item} itself if {@code
   * outer} is null), or {@code null}; the names are the views' generated {@code Fields} constants,
   * so a rename in the contract fails the build.
   */
  static String nested(ApiObject item, String outer, String name) {
    // Read from the tree: converting the whole outer object to maps to read one string is waste.
    Object object = outer == null ? item.json() : item.json().get(outer);
    Object value = object instanceof JsonMembers ? ((JsonMembers) object).get(name) : null;
    return value instanceof String ? (String) value : null;
  }
}
