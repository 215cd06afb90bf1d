package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.ApiObject;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmHourlyRate;
import com.phala.cloud.cvm.CvmInfo;
import com.phala.cloud.cvm.CvmNode;
import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.cvm.NodeRef;
import com.phala.cloud.cvm.PublicUrls;
import com.phala.cloud.cvm.WorkspaceRef;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The columns of the table and CSV outputs for one shape of the list: every column (CSV) and the
 * ones a person scans (table). A CVM whose data breaks the contract still gets a row: a cell that
 * cannot be read shows {@code ?} rather than failing the listing.
 *
 * @param <T> the view of one CVM in this shape
 */
public final class Columns<T extends CvmView> {
  /**
   * One column: its CSV header (the table's is its upper case), whether it holds numbers (aligned
   * right in a table), how to read its cell, and whether it shows the CVM's status (coloured on a
   * terminal).
   */
  record Column<T>(String header, boolean numeric, Function<T, String> read, boolean isStatus) {
    Column(String header, boolean numeric, Function<T, String> read) {
      this(header, numeric, read, false);
    }

    /** This column's cell for {@code cvm}; {@code ?} when the data cannot be read. */
    String cell(T cvm) {
      try {
        String value = read.apply(cvm);
        return value == null ? "" : value;
      } catch (PhalaInvalidDataException unreadable) {
        return "?";
      }
    }
  }

  private static final FieldPath MEMORY_GB = FieldPath.parse("resource.memory_in_gb");

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** The legacy shape ({@code X-Phala-Version} 2025-10-28): {@link Cvm}. */
  public static final Columns<Cvm> LEGACY = legacy();

  /** The current shape ({@code X-Phala-Version} 2026-01-21 and later): {@link CvmInfo}. */
  public static final Columns<CvmInfo> CVM_INFO = cvmInfo();

  /** Every column, in CSV order. */
  final List<Column<T>> all;

  /** The columns a person scans, in table order. */
  final List<Column<T>> table;

  /** The table's columns and more ({@code -o wide}): ids, public URL, KMS, region, hourly rate. */
  final List<Column<T>> wide;

  /** Every JSON path the contract declares for this shape, for --columns and --sort-by. */
  private final List<String> paths;

  /** What identifies one CVM from one listing to the next (for --watch), by JSON path. */
  private final String identity;

  private Columns(
      List<Column<T>> all,
      List<Column<T>> table,
      List<Column<T>> wide,
      List<ApiObject.Member> members,
      String identity) {
    this.all = List.copyOf(all);
    this.table = List.copyOf(table);
    this.wide = List.copyOf(wide);
    this.paths = ApiObject.declaredPaths(members);
    this.identity = identity;
  }

  /** Every JSON path the contract declares for this shape, in its order. */
  public List<String> paths() {
    return paths;
  }

  /**
   * The headers of this shape's table, wide and CSV columns, in that order, without repeats: also
   * names of their columns for --columns and --sort-by.
   */
  public List<String> headers() {
    Set<String> headers = new LinkedHashSet<>();
    for (List<Column<T>> columns : List.of(table, wide, all)) {
      columns.forEach(column -> headers.add(column.header()));
    }
    return List.copyOf(headers);
  }

  /**
   * The column {@code name} names: the field at a JSON path the contract declares (such as {@code
   * hosted.uptime}, {@code public_urls.0.app}, or {@code public_urls.*.app} for every item's) as
   * sent, text as is, numbers exactly, objects and lists as compact JSON; else, in any case, one of
   * the table's headers (such as {@code memory_mb}) for that column, as the CSV writes it when
   * {@code asSent}, as the table shows it otherwise.
   *
   * @throws PhalaInvalidInputException naming the closest names, if it names no column
   */
  public Column<T> column(String name, String option, boolean asSent) {
    FieldPath field = declared(name);
    if (field != null) {
      return new Column<>(name, false, field::cell, field.toString().equals("status"));
    }
    Column<T> column = header(name, asSent);
    if (column == null) {
      throw unknown(name, option);
    }
    return column;
  }

  /**
   * What --sort-by {@code name} orders the CVMs by: the value at a declared JSON path (with {@code
   * *}, every item's, joined), else the cell of the column whose header it is; null sorts last.
   *
   * @throws PhalaInvalidInputException naming the closest names, if it names no field
   */
  public Function<T, Object> sortKey(String name, String option, boolean asSent) {
    FieldPath field = declared(name);
    if (field != null) {
      return field.hasEvery() ? cvm -> emptyToNull(field.cell(cvm)) : field::read;
    }
    Column<T> column = header(name, asSent);
    if (column == null) {
      throw unknown(name, option);
    }
    return cvm -> emptyToNull(column.cell(cvm));
  }

  /** The field at {@code path} if the contract declares it for this shape, else null. */
  private FieldPath declared(String path) {
    for (String candidate : List.of(path, path.toLowerCase(Locale.ROOT))) {
      FieldPath field = FieldPath.parse(candidate);
      if (field != null && paths.contains(field.declared())) {
        return field;
      }
    }
    return null;
  }

  /** The column whose header is {@code name} in any case (CSV's first when {@code asSent}). */
  private Column<T> header(String name, boolean asSent) {
    List<List<Column<T>>> order = asSent ? List.of(all, table, wide) : List.of(table, wide, all);
    for (List<Column<T>> columns : order) {
      for (Column<T> column : columns) {
        if (column.header().equalsIgnoreCase(name.trim())) {
          return column;
        }
      }
    }
    return null;
  }

  private PhalaInvalidInputException unknown(String name, String option) {
    List<String> names = new ArrayList<>(headers());
    paths.stream().filter(path -> !names.contains(path)).forEach(names::add);
    List<String> closest = Suggestions.closest(name, names, 3);
    return new PhalaInvalidInputException(
        option
            + ": unknown field '"
            + printable(name)
            + "'"
            + (closest.isEmpty() ? "." : "; did you mean " + Suggestions.either(closest) + "?")
            + " 'phala-cvms list --help' lists the table's headers and the JSON paths.");
  }

  private static Object emptyToNull(String cell) {
    return cell == null || cell.isEmpty() ? null : cell;
  }

  /** What identifies {@code cvm} from one listing to the next: its id, else its name. */
  public String identity(T cvm) {
    Object id = FieldPath.parse(identity).read(cvm);
    return id == null ? "name:" + cvm.field("name").orElse("") : "id:" + id;
  }

  private static String printable(String text) {
    String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    StringBuilder safe = new StringBuilder();
    shown.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return safe.toString();
  }

  private static Columns<Cvm> legacy() {
    Column<Cvm> name = new Column<>("name", false, Cvm::name);
    Column<Cvm> status = new Column<>("status", false, Columns::status, true);
    Column<Cvm> statusAsSent = new Column<>("status", false, Columns::statusAsSent, true);
    Column<Cvm> uptime = new Column<>("uptime", false, cvm -> cvm.hosted().uptimeRaw());
    Column<Cvm> vcpu =
        new Column<>(
            "vcpu",
            true,
            cvm ->
                number(
                    cvm.vcpu(),
                    () -> cvm.hosted().configuration().map(c -> c.vcpu()).orElse(null)));
    Column<Cvm> memory =
        new Column<>(
            "memory_mb",
            true,
            cvm ->
                number(
                    cvm.memoryMb(),
                    () -> cvm.hosted().configuration().map(c -> c.memoryMb()).orElse(null)));
    Column<Cvm> disk =
        new Column<>(
            "disk_gb",
            true,
            cvm ->
                number(
                    cvm.diskSizeGb(),
                    () -> cvm.hosted().configuration().map(c -> c.diskSizeGb()).orElse(null)));
    Column<Cvm> node = new Column<>("node", false, cvm -> cvm.node().map(CvmNode::name).orElse(""));
    Column<Cvm> project = new Column<>("project_id", false, cvm -> cvm.projectIdRaw().orElse(""));
    Column<Cvm> appId = new Column<>("app_id", false, cvm -> cvm.hosted().appId());
    Column<Cvm> vmId = new Column<>("vm_id", false, cvm -> cvm.hosted().id());
    Column<Cvm> url = new Column<>("public_url", false, cvm -> firstApp(cvm.publicUrls()));
    Column<Cvm> kms =
        new Column<>("kms", false, cvm -> cvm.kmsInfo().map(k -> k.slug().orElse("")).orElse(""));
    Column<Cvm> region =
        new Column<>(
            "region", false, cvm -> cvm.node().flatMap(CvmNode::regionIdentifier).orElse(""));
    return new Columns<>(
        List.of(name, statusAsSent, uptime, vcpu, memory, disk, node, project, appId, vmId, url),
        List.of(name, status, uptime, vcpu, memory, disk, node, project),
        List.of(
            name, status, uptime, vcpu, memory, disk, node, project, appId, vmId, url, kms, region),
        Cvm.MEMBERS,
        "hosted.id");
  }

  private static Columns<CvmInfo> cvmInfo() {
    Column<CvmInfo> name = new Column<>("name", false, CvmInfo::name);
    Column<CvmInfo> status = new Column<>("status", false, Columns::status, true);
    Column<CvmInfo> statusAsSent = new Column<>("status", false, Columns::statusAsSent, true);
    // The table shows the day (UTC) the CVM was created; the CSV the instant exactly as sent.
    Column<CvmInfo> created =
        new Column<>("created", false, cvm -> cvm.createdAt().map(DAY::format).orElse(""));
    Column<CvmInfo> createdAt =
        new Column<>("created_at", false, cvm -> cvm.createdAtRaw().orElse(""));
    Column<CvmInfo> vcpu =
        new Column<>("vcpu", true, cvm -> number(cvm.resource().vcpu(), () -> null));
    Column<CvmInfo> memory =
        new Column<>(
            "memory_gb", true, cvm -> cvm.resource().memoryInGb().map(Columns::decimal).orElse(""));
    // The CSV carries the number as sent (4.0 stays 4.0).
    Column<CvmInfo> memoryAsSent =
        new Column<>(
            "memory_gb",
            true,
            // Read once as a number first, so that a value breaking the contract shows ?.
            cvm -> cvm.resource().memoryInGb().isPresent() ? MEMORY_GB.cell(cvm) : "");
    Column<CvmInfo> disk =
        new Column<>("disk_gb", true, cvm -> number(cvm.resource().diskInGb(), () -> null));
    Column<CvmInfo> region =
        new Column<>("region", false, cvm -> cvm.nodeInfo().flatMap(NodeRef::region).orElse(""));
    // The table shows the workspace's name (else its id); the CSV its id.
    Column<CvmInfo> workspace =
        new Column<>("workspace", false, cvm -> cvm.workspace().map(Columns::workspace).orElse(""));
    Column<CvmInfo> workspaceId =
        new Column<>(
            "workspace_id", false, cvm -> cvm.workspace().map(WorkspaceRef::idRaw).orElse(""));
    Column<CvmInfo> appId = new Column<>("app_id", false, cvm -> cvm.appId().orElse(""));
    Column<CvmInfo> cvmId = new Column<>("cvm_id", false, CvmInfo::idRaw);
    Column<CvmInfo> url = new Column<>("public_url", false, cvm -> firstApp(cvm.endpoints()));
    Column<CvmInfo> vmId = new Column<>("vm_id", false, cvm -> cvm.vmUuid().orElse(""));
    Column<CvmInfo> kms = new Column<>("kms", false, cvm -> cvm.kmsTypeRaw().orElse(""));
    // What the CVM costs per hour (hourly_rate.total), as sent: a price keeps its digits.
    Column<CvmInfo> hourlyRate =
        new Column<>(
            "hourly_rate",
            true,
            cvm ->
                cvm.hourlyRate()
                    .flatMap(CvmHourlyRate::total)
                    .map(BigDecimal::toPlainString)
                    .orElse(""));
    return new Columns<>(
        List.of(
            name,
            statusAsSent,
            createdAt,
            vcpu,
            memoryAsSent,
            disk,
            region,
            workspaceId,
            appId,
            cvmId,
            url,
            hourlyRate),
        List.of(name, status, created, vcpu, memory, disk, region, workspace),
        List.of(
            name,
            status,
            created,
            vcpu,
            memory,
            disk,
            hourlyRate,
            region,
            workspace,
            appId,
            cvmId,
            vmId,
            url,
            kms),
        CvmInfo.MEMBERS,
        "id");
  }

  /**
   * The status as sent, with {@code *} while an operation is in progress. An {@code in_progress}
   * that breaks the contract (such as {@code 1} for {@code true}) leaves the mark out rather than
   * hiding a readable status behind {@code ?}.
   */
  private static String status(CvmView cvm) {
    String status = cvm.status().value();
    try {
      return cvm.inProgress() ? status + "*" : status;
    } catch (PhalaInvalidDataException unreadable) {
      return status;
    }
  }

  /** The status as sent: the in-progress mark is the table's, never the data's. */
  private static String statusAsSent(CvmView cvm) {
    return cvm.status().value();
  }

  private static String firstApp(List<PublicUrls> urls) {
    return urls.isEmpty() ? "" : urls.get(0).app();
  }

  /** The workspace's name, else its id. */
  private static String workspace(WorkspaceRef workspace) {
    Optional<Object> name = workspace.field(WorkspaceRef.Fields.NAME);
    return name.isPresent() && !workspace.name().isBlank() ? workspace.name() : workspace.idRaw();
  }

  /** A number as sent, without trailing zeros: 4.0 is 4, 8.50 is 8.5. */
  private static String decimal(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  private static String number(OptionalInt cloud, Supplier<Integer> configured) {
    if (cloud.isPresent()) {
      return Integer.toString(cloud.getAsInt());
    }
    Integer value = configured.get();
    return value == null ? "" : value.toString();
  }
}
