package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The formats made of rows of cells (table, wide, CSV, name): each CVM becomes its cells as it is
 * read. With --sort-by it keeps only those cells and the sort value until the end, never the CVMs.
 */
final class RowOutput<T extends CvmView> implements CvmOutput<T> {
  /** Where the rows go. */
  interface Sink {
    /** The column headers (as the CSV writes them); not called with --no-headers. */
    void header(String[] headers);

    /** One CVM's cells; {@code colour} is its status colour's escape code, or null. */
    void row(String[] cells, String colour);

    /** After the last row. */
    void end();
  }

  /** One CVM, as its cells packed into one string ({@link PackedCells}). */
  private record Row(String cells, String colour, Object sortValue) {}

  static final String GREEN = "\u001b[32m";
  static final String RED = "\u001b[31m";
  static final String YELLOW = "\u001b[33m";
  static final String RESET = "\u001b[0m";

  private final List<Columns.Column<T>> columns;
  private final Function<T, Object> sortBy;
  private final boolean headers;
  private final boolean colour;
  private final Sink sink;
  private final List<Row> held = new ArrayList<>();
  private final HeldRows budget;

  RowOutput(
      List<Columns.Column<T>> columns,
      Function<T, Object> sortBy,
      boolean headers,
      boolean colour,
      Sink sink,
      HeldRows budget) {
    this.budget = budget;
    this.columns = columns;
    this.sortBy = sortBy;
    this.headers = headers;
    this.colour = colour;
    this.sink = sink;
  }

  @Override
  public void begin() {
    if (headers) {
      sink.header(columns.stream().map(Columns.Column::header).toArray(String[]::new));
    }
  }

  @Override
  public void write(T cvm) {
    String[] cells = columns.stream().map(column -> column.cell(cvm)).toArray(String[]::new);
    String statusColour = colour ? colour(cvm) : null;
    if (sortBy == null) {
      sink.row(cells, statusColour);
    } else {
      Row row = new Row(PackedCells.pack(cells), statusColour, sortValue(cvm));
      budget.hold(row.cells(), row.sortValue());
      held.add(row);
    }
  }

  @Override
  public void end() {
    // A stable sort: CVMs with equal values keep the API's order.
    held.sort(Comparator.comparing(Row::sortValue, FieldPath.ORDER));
    for (int i = 0; i < held.size(); i++) {
      // Each row is let go once the sink has it: a table sink holds them again until its end.
      Row row = held.set(i, null);
      budget.release(row.cells(), row.sortValue());
      sink.row(PackedCells.unpack(row.cells(), columns.size()), row.colour());
    }
    held.clear();
    sink.end();
  }

  private Object sortValue(T cvm) {
    Object value = sortBy.apply(cvm);
    // Kept small: the value's text, or a number as is (its toString() is the text sent).
    return value == null || value instanceof Number ? value : FieldPath.text(value);
  }

  /**
   * The colour of a CVM's status: yellow while an operation is under way, green running, red
   * stopped or exited; none otherwise (or when the status cannot be read).
   */
  static String colour(CvmView cvm) {
    try {
      if (cvm.isTransitional()) {
        return YELLOW;
      }
      if (cvm.isRunning()) {
        return GREEN;
      }
      String status = cvm.status().value().toLowerCase(Locale.ROOT);
      return status.equals("stopped") || status.equals("exited") ? RED : null;
    } catch (PhalaInvalidDataException unreadable) {
      return null;
    }
  }

  /** The index of the status column among {@code columns}; -1 when none shows it. */
  static <T> int statusColumn(List<Columns.Column<T>> columns) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).isStatus()) {
        return i;
      }
    }
    return -1;
  }
}
