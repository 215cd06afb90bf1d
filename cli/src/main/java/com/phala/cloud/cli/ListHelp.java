package com.phala.cloud.cli;

import com.phala.cloud.cli.output.Columns;
import com.phala.cloud.cvm.ApiVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;

/**
 * The end of {@code phala-cvms list --help} (and of its man page): every name --columns and
 * --sort-by take, for each shape, made from the columns and the contract's paths at run time, so it
 * cannot drift from what the command accepts. A resource bundle because picocli reads a footer from
 * one, where an annotation could only hold a constant.
 */
public final class ListHelp extends ListResourceBundle {
  /** The bundle picocli loads for {@code list}. */
  public ListHelp() {}

  @Override
  protected Object[][] getContents() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "%nFields for --columns and --sort-by: a table header (in any case), or a JSON path:");
    lines.add(
        "member names joined by dots, a list's items by index (public_urls.0.app), or all of");
    lines.add("them by * (public_urls.*.app: their values joined by ',').");
    lines.add(
        "%nLegacy shape (--api-version "
            + ApiVersion.V2025_10_28.value()
            + "), headers: "
            + String.join(", ", Columns.LEGACY.headers()));
    lines.add("Paths: " + String.join(", ", Columns.LEGACY.paths()));
    lines.add(
        "%nCVMInfo shape (later --api-version), headers: "
            + String.join(", ", Columns.CVM_INFO.headers()));
    lines.add("Paths: " + String.join(", ", Columns.CVM_INFO.paths()));
    List<Object[]> contents = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      contents.add(new Object[] {"usage.footer." + i, lines.get(i)});
    }
    return contents.toArray(Object[][]::new);
  }
}
