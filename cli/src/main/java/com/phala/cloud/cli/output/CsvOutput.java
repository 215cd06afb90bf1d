package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.Cvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A header and one RFC 4180 row per CVM, quoted by Commons CSV, written as they are read. */
final class CsvOutput implements CvmOutput {
  private final CSVPrinter printer;

  CsvOutput(PrintWriter out) {
    try {
      printer = new CSVPrinter(out, CSVFormat.RFC4180);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void begin() {
    print(Arrays.stream(Columns.values()).map(column -> column.header).toArray());
  }

  @Override
  public void write(Cvm cvm) {
    print(Arrays.stream(Columns.values()).map(column -> column.cell(cvm)).toArray());
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
