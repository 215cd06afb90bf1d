package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.Cvm;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Aligned columns a person scans: name, status, uptime, vCPU, memory, disk, node, project. It keeps
 * only the cells' text until the end, to size the columns; "No CVMs" when there are none.
 */
final class TableOutput implements CvmOutput {
  private static final int MAX_WIDTH = 40;

  private final PrintWriter out;
  private final List<String[]> rows = new ArrayList<>();

  TableOutput(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void begin() {
    rows.add(
        Columns.TABLE.stream()
            .map(column -> column.header.toUpperCase(Locale.ROOT))
            .toArray(String[]::new));
  }

  @Override
  public void write(Cvm cvm) {
    rows.add(
        Columns.TABLE.stream().map(column -> printable(column.cell(cvm))).toArray(String[]::new));
  }

  @Override
  public void end() {
    if (rows.size() == 1) {
      out.println("No CVMs");
      out.flush();
      return;
    }
    int[] widths = new int[Columns.TABLE.size()];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], width(row[i]));
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean numeric =
            Columns.TABLE.get(i) == Columns.VCPU
                || Columns.TABLE.get(i) == Columns.MEMORY_MB
                || Columns.TABLE.get(i) == Columns.DISK_GB;
        String cell = numeric ? pad(row[i], widths[i], true) : pad(row[i], widths[i], false);
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(width - width(text));
    return right ? spaces + text : text + spaces;
  }

  /** The characters of {@code text} (code points: a character outside the BMP is one, not two). */
  private static int width(String text) {
    return text.codePointCount(0, text.length());
  }

  /** One line, no control characters, bounded: CVM names come from other people. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
    String line = out.toString();
    if (width(line) <= MAX_WIDTH) {
      return line;
    }
    return line.substring(0, line.offsetByCodePoints(0, MAX_WIDTH - 3)) + "...";
  }
}
