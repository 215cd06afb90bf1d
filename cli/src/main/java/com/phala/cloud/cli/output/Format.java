package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.io.PrintWriter;
import java.util.Locale;

/** The output formats of {@code --output}. */
public enum Format {
  /** Aligned columns for people. */
  TABLE,
  /** The CVMs exactly as the API sent them, as one JSON array. */
  JSON,
  /** A header and one row per CVM. */
  CSV;

  /** The format named {@code name}, or an error listing the choices. */
  public static Format parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new PhalaInvalidInputException(
          "--output must be table, json or csv, but was '" + name + "'.");
    }
  }

  /** A writer of this format to {@code out}, for CVMs of the shape whose columns are given. */
  public <T extends CvmView> CvmOutput<T> writer(PrintWriter out, Columns<T> columns) {
    switch (this) {
      case JSON:
        return new JsonOutput<>(out);
      case CSV:
        return new CsvOutput<>(out, columns);
      default:
        return new TableOutput<>(out, columns);
    }
  }
}
