package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.Cvm;

/** Writes CVMs in one format, as they arrive. */
public interface CvmOutput {
  /** Called once, before the first CVM. */
  void begin();

  /** Writes one CVM. */
  void write(Cvm cvm);

  /** Called once after the last CVM; flushes. */
  void end();
}
