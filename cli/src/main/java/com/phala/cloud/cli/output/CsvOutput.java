package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.CvmView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A header and one RFC 4180 row per CVM, every column of the shape, quoted by Commons CSV, written
 * as they are read.
 */
final class CsvOutput<T extends CvmView> implements CvmOutput<T> {
  private final CSVPrinter printer;
  private final Columns<T> columns;

  CsvOutput(PrintWriter out, Columns<T> columns) {
    this.columns = columns;
    try {
      printer = new CSVPrinter(out, CSVFormat.RFC4180);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void begin() {
    print(columns.all.stream().map(Columns.Column::header).toArray());
  }

  @Override
  public void write(T cvm) {
    print(columns.all.stream().map(column -> column.cell(cvm)).toArray());
  }

  @Override
  public void end() {
    try {
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void print(Object[] values) {
    try {
      printer.printRecord(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
