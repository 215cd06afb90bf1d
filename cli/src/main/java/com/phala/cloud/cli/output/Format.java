package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The output formats of {@code --output}. */
public enum Format {
  /** Aligned columns for people. */
  TABLE,
  /** The table with more columns: ids, public URL, KMS, region. */
  WIDE,
  /** The CVMs exactly as the API sent them, as one JSON array. */
  JSON,
  /** The same data as JSON, as one YAML sequence. */
  YAML,
  /** A header and one row per CVM. */
  CSV,
  /** One CVM name a line. */
  NAME;

  /** The format named {@code name}, or an error listing the choices. */
  public static Format parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new PhalaInvalidInputException(
          "--output must be table, wide, json, yaml, csv or name, but was '" + name + "'.");
    }
  }

  /** Whether this format is made of columns (--columns, --no-headers apply). */
  public boolean hasColumns() {
    return this == TABLE || this == WIDE || this == CSV;
  }

  /** Whether --sort-by applies: the formats made of rows, which sort without keeping the CVMs. */
  public boolean sorts() {
    return hasColumns() || this == NAME;
  }

  /**
   * A writer of this format to {@code out}, for CVMs of the shape whose columns are given.
   *
   * @throws PhalaInvalidInputException if a --columns or --sort-by path is not the contract's
   */
  public <T extends CvmView> CvmOutput<T> writer(
      PrintWriter out, Columns<T> shape, OutputOptions options) {
    if (this == JSON) {
      return new JsonOutput<>(out);
    }
    if (this == YAML) {
      return new YamlOutput<>(out);
    }
    // CSV carries values as sent; the table may show them for people (a mark, a day, 4 for 4.0).
    boolean asSent = this == CSV;
    Function<T, Object> sortBy =
        options.sortBy() == null ? null : shape.sortKey(options.sortBy(), "--sort-by", asSent);
    List<Columns.Column<T>> columns;
    if (this == NAME) {
      columns = List.of(shape.column("name", "-o name", asSent));
    } else if (options.columns() != null) {
      columns = new ArrayList<>();
      for (String path : options.columns()) {
        columns.add(shape.column(path, "--columns", asSent));
      }
    } else {
      columns = this == CSV ? shape.all : this == WIDE ? shape.wide : shape.table;
    }
    // One budget for what the table and --sort-by hold together, set when the listing starts.
    HeldRows budget = HeldRows.ofHeap();
    RowOutput.Sink sink;
    if (this == CSV) {
      sink = new CsvOutput(out);
    } else if (this == NAME) {
      sink = new NameOutput(out);
    } else {
      boolean[] numeric = new boolean[columns.size()];
      for (int i = 0; i < numeric.length; i++) {
        numeric[i] = columns.get(i).numeric();
      }
      sink = new TableOutput(out, numeric, RowOutput.statusColumn(columns), budget);
    }
    boolean colour = options.colour() && (this == TABLE || this == WIDE);
    return new RowOutput<>(
        columns, sortBy, options.headers() && this != NAME, colour, sink, budget);
  }
}
