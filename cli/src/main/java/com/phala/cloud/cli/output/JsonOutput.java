package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.CvmView;
import java.io.PrintWriter;

/**
 * The CVMs exactly as the API sent them (every field, unknown ones included, numbers exact), as one
 * JSON array with one CVM per line, written as they are read: constant memory for any size. The
 * same for every shape of the list: each CVM is its {@code toJson()}.
 */
final class JsonOutput<T extends CvmView> implements CvmOutput<T> {
  private final PrintWriter out;
  private boolean first = true;

  JsonOutput(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void begin() {
    out.print('[');
  }

  @Override
  public void write(T cvm) {
    out.print(first ? "\n" : ",\n");
    out.print(cvm.toJson());
    first = false;
  }

  @Override
  public void end() {
    out.print(first ? "]\n" : "\n]\n");
    out.flush();
  }
}
