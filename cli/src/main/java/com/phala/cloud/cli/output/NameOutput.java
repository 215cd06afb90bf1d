package com.phala.cloud.cli.output;

import java.io.PrintWriter;

/**
 * One CVM name a line, for scripts ({@code xargs}, {@code while read}); a control character in a
 * name is {@code ?}, so that a name is always one line.
 */
final class NameOutput implements RowOutput.Sink {
  private final PrintWriter out;

  NameOutput(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void header(String[] headers) {}

  @Override
  public void row(String[] cells, String colour) {
    StringBuilder line = new StringBuilder();
    cells[0].codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    out.println(line);
  }

  @Override
  public void end() {
    out.flush();
  }
}
