package com.phala.cloud.cli.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A header and one RFC 4180 row per CVM, quoted by Commons CSV, written as they come. A cell keeps
 * its line breaks (quoted, as RFC 4180 allows) and tabs, but no character that would control a
 * terminal showing it (escape sequences, bell, carriage return, bidirectional overrides): each is
 * {@code ?}, as in the name output.
 */
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
    String[] safe = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      safe[i] = cell(cells[i]);
    }
    print(safe);
  }

  /**
   * {@code text} as a cell: line breaks as LF, tabs kept, every other control character {@code ?}.
   */
  static String cell(String text) {
    String lines = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
    return TerminalText.replaceControls(lines, '?', "\n\t");
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
