package com.phala.cloud.cli.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A header and one RFC 4180 row per CVM, quoted by Commons CSV, written as they come. */
final class CsvOutput implements RowOutput.Sink {
  private final CSVPrinter printer;

  CsvOutput(PrintWriter out) {
    try {
      printer = new CSVPrinter(out, CSVFormat.RFC4180);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void header(String[] headers) {
    print(headers);
  }

  @Override
  public void row(String[] cells, String colour) {
    print(cells);
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
