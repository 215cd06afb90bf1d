package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmNode;
import com.phala.cloud.cvm.PublicUrls;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The columns of the table and CSV outputs. A CVM whose data breaks the contract still gets a row:
 * a cell that cannot be read shows {@code ?} rather than failing the listing.
 */
enum Columns {
  NAME("name", Cvm::name),
  STATUS("status", cvm -> cvm.status().value() + (cvm.inProgress() ? "*" : "")),
  UPTIME("uptime", cvm -> cvm.hosted().uptimeRaw()),
  VCPU(
      "vcpu",
      cvm ->
          number(cvm.vcpu(), () -> cvm.hosted().configuration().map(c -> c.vcpu()).orElse(null))),
  MEMORY_MB(
      "memory_mb",
      cvm ->
          number(
              cvm.memoryMb(),
              () -> cvm.hosted().configuration().map(c -> c.memoryMb()).orElse(null))),
  DISK_GB(
      "disk_gb",
      cvm ->
          number(
              cvm.diskSizeGb(),
              () -> cvm.hosted().configuration().map(c -> c.diskSizeGb()).orElse(null))),
  NODE("node", cvm -> cvm.node().map(CvmNode::name).orElse("")),
  PROJECT("project_id", cvm -> cvm.projectIdRaw().orElse("")),
  APP_ID("app_id", cvm -> cvm.hosted().appId()),
  VM_ID("vm_id", cvm -> cvm.hosted().id()),
  PUBLIC_URL(
      "public_url",
      cvm -> {
        List<PublicUrls> urls = cvm.publicUrls();
        return urls.isEmpty() ? "" : urls.get(0).app();
      });

  /** The columns a person scans in the table. */
  static final List<Columns> TABLE =
      List.of(NAME, STATUS, UPTIME, VCPU, MEMORY_MB, DISK_GB, NODE, PROJECT);

  final String header;
  private final Function<Cvm, String> read;

  Columns(String header, Function<Cvm, String> read) {
    this.header = header;
    this.read = read;
  }

  /** This column's cell for {@code cvm}; {@code ?} when the data cannot be read. */
  String cell(Cvm cvm) {
    try {
      String value = read.apply(cvm);
      return value == null ? "" : value;
    } catch (PhalaInvalidDataException unreadable) {
      return "?";
    }
  }

  private static String number(OptionalInt cloud, Supplier<Integer> configured) {
    if (cloud.isPresent()) {
      return Integer.toString(cloud.getAsInt());
    }
    Integer value = configured.get();
    return value == null ? "" : value.toString();
  }
}
