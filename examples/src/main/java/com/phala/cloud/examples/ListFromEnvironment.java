package com.phala.cloud.examples;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.Cvm;
import java.io.PrintStream;

/** Lists every CVM with a client configured from the environment (PHALA_CLOUD_API_KEY, ...). */
public final class ListFromEnvironment {
  private ListFromEnvironment() {}

  /** Runs the example with the environment's configuration. */
  public static void main(String[] args) {
    try (PhalaCloud client = PhalaCloud.fromEnv()) {
      run(client, System.out);
    }
  }

  /** Prints one line per CVM: name, status and project. */
  public static void run(PhalaCloud client, PrintStream out) {
    for (Cvm cvm : client.cvms().list(CvmShape.LEGACY)) {
      out.println(cvm.name() + "\t" + cvm.status() + "\t" + cvm.projectIdRaw().orElse("-"));
    }
  }
}
