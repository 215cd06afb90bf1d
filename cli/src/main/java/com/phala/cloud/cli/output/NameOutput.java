package com.phala.cloud.cli.output;

import java.io.PrintWriter;

/**
 * One CVM name a line, for scripts ({@code xargs}, {@code while read}); a character that would
 * control the terminal (a control character, a line separator, a bidirectional override) is {@code
 * ?}, so that a name is always one line and shows as what it is.
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
    out.println(TerminalText.replaceControls(cells[0], '?'));
  }

  @Override
  public void end() {
    out.flush();
  }
}
