package com.phala.cloud.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Aligned columns a person scans (numbers right-aligned), the status coloured when asked. It keeps
 * only the cells' text until the end, to size the columns; "No CVMs" when there are none (nothing
 * with --no-headers).
 */
final class TableOutput implements RowOutput.Sink {
  private static final int MAX_WIDTH = 40;

  private final PrintWriter out;
  private final boolean[] numeric;
  private final int statusColumn;
  private String[] header;

  /** The rows' printable cells, each row packed into one string, until the end. */
  private final List<String> rows = new ArrayList<>();

  private final List<String> colours = new ArrayList<>();

  /** The widest cell of each column so far, header included. */
  private final int[] widths;

  /**
   * A table to {@code out}; {@code numeric} says which columns align right, {@code statusColumn}
   * which one a colour applies to (-1: none).
   */
  private final HeldRows budget;

  TableOutput(PrintWriter out, boolean[] numeric, int statusColumn, HeldRows budget) {
    this.budget = budget;
    this.out = out;
    this.numeric = numeric;
    this.statusColumn = statusColumn;
    this.widths = new int[numeric.length];
  }

  @Override
  public void header(String[] headers) {
    header = new String[headers.length];
    for (int i = 0; i < headers.length; i++) {
      header[i] = printable(headers[i].toUpperCase(Locale.ROOT));
      widths[i] = Math.max(widths[i], width(header[i]));
    }
  }

  @Override
  public void row(String[] cells, String colour) {
    String[] printable = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      printable[i] = printable(cells[i]);
      widths[i] = Math.max(widths[i], width(printable[i]));
    }
    String row = PackedCells.pack(printable);
    budget.hold(row, null);
    rows.add(row);
    colours.add(colour);
  }

  @Override
  public void end() {
    if (rows.isEmpty()) {
      if (header != null) {
        out.println("No CVMs");
      }
      out.flush();
      return;
    }
    if (header != null) {
      print(header, widths, null);
    }
    for (int r = 0; r < rows.size(); r++) {
      // Each row is let go once printed: the table never holds its rows twice.
      String row = rows.set(r, null);
      budget.release(row, null);
      print(PackedCells.unpack(row, numeric.length), widths, colours.get(r));
    }
    rows.clear();
    colours.clear();
    out.flush();
  }

  private void print(String[] row, int[] widths, String colour) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.length; i++) {
      String cell = pad(row[i], widths[i], numeric[i]);
      if (colour != null && i == statusColumn) {
        // Coloured after padding, so the escape codes never count towards the width.
        String text = cell.stripTrailing();
        cell = colour + text + RowOutput.RESET + cell.substring(text.length());
      }
      line.append(i == 0 ? "" : "  ").append(cell);
    }
    out.println(line.toString().stripTrailing());
  }

  private static String pad(String text, int width, boolean right) {
    String spaces = " ".repeat(width - width(text));
    return right ? spaces + text : text + spaces;
  }

  /**
   * The columns {@code text} takes on a terminal: a wide character (CJK, emoji) takes two, a
   * combining mark none.
   */
  private static int width(String text) {
    return TerminalText.width(text);
  }

  /**
   * One line, nothing that controls the terminal (escape sequences, line separators, bidirectional
   * overrides), at most {@value #MAX_WIDTH} columns wide: CVM names come from other people.
   */
  static String printable(String text) {
    String line = TerminalText.replaceControls(text, ' ');
    if (width(line) <= MAX_WIDTH) {
      return line;
    }
    int used = 0;
    int end = 0;
    while (end < line.length()) {
      int c = line.codePointAt(end);
      int w = TerminalText.width(c);
      if (used + w > MAX_WIDTH - 3) {
        break;
      }
      used += w;
      end += Character.charCount(c);
    }
    return line.substring(0, end) + "...";
  }
}
