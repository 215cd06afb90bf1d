package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.CvmView;

/**
 * Writes CVMs in one format, as they arrive.
 *
 * @param <T> the view of one CVM in the shape being listed
 */
public interface CvmOutput<T extends CvmView> extends AutoCloseable {
  /** Called once, before the first CVM. */
  void begin();

  /** Writes one CVM. */
  void write(T cvm);

  /** Called once after the last CVM; flushes. */
  void end();

  /**
   * Called once the output is done with, after {@link #end()} or, when reading failed, in its
   * place: whatever was written so far is out when it returns, and nothing more is added.
   */
  @Override
  default void close() {}
}
