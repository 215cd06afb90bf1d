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
  /** The widest line, within picocli's default usage width of 80. */
  private static final int WIDTH = 78;

  /** The bundle picocli loads for {@code list}. */
  public ListHelp() {}

  @Override
  protected Object[][] getContents() {
    List<String> lines = new ArrayList<>();
    lines.add("%nFields for --columns and --sort-by: a table header (in any case) or a");
    lines.add("JSON path: member names joined by dots, a list's items by index");
    lines.add("(public_urls.0.app) or all of them by * (public_urls.*.app: their values");
    lines.add("joined by ','). A path wins over a header of the same name.");
    lines.add("");
    lines.addAll(
        wrapped(
            "Legacy shape (--api-version " + ApiVersion.V2025_10_28.value() + "), headers:",
            Columns.LEGACY.headers()));
    lines.addAll(wrapped("Paths:", Columns.LEGACY.paths()));
    lines.add("");
    lines.addAll(
        wrapped("CVMInfo shape (a later --api-version), headers:", Columns.CVM_INFO.headers()));
    lines.addAll(wrapped("Paths:", Columns.CVM_INFO.paths()));
    List<Object[]> contents = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      contents.add(new Object[] {"usage.footer." + i, lines.get(i)});
    }
    return contents.toArray(Object[][]::new);
  }

  /**
   * {@code heading} and {@code names}, comma-separated, in lines of at most {@value #WIDTH} columns
   * that never split a name: picocli would wrap a long line at a dot, in mid-path.
   */
  private static List<String> wrapped(String heading, List<String> names) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(heading);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i) + (i + 1 < names.size() ? "," : "");
      if (line.length() + 1 + name.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(" ");
      }
      line.append(' ').append(name);
    }
    lines.add(line.toString());
    return lines;
  }
}
