package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.CvmView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Aligned columns a person scans, the table columns of the shape (numbers right-aligned). It keeps
 * only the cells' text until the end, to size the columns; "No CVMs" when there are none.
 */
final class TableOutput<T extends CvmView> implements CvmOutput<T> {
  private static final int MAX_WIDTH = 40;

  private final PrintWriter out;
  private final List<Columns.Column<T>> columns;
  private final List<String[]> rows = new ArrayList<>();

  TableOutput(PrintWriter out, Columns<T> columns) {
    this.out = out;
    this.columns = columns.table;
  }

  @Override
  public void begin() {
    rows.add(
        columns.stream()
            .map(column -> column.header().toUpperCase(Locale.ROOT))
            .toArray(String[]::new));
  }

  @Override
  public void write(T cvm) {
    rows.add(columns.stream().map(column -> printable(column.cell(cvm))).toArray(String[]::new));
  }

  @Override
  public void end() {
    if (rows.size() == 1) {
      out.println("No CVMs");
      out.flush();
      return;
    }
    int[] widths = new int[columns.size()];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], width(row[i]));
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = pad(row[i], widths[i], columns.get(i).numeric());
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
