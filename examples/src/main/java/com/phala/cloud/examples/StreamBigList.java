package com.phala.cloud.examples;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.CvmStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** Counts CVMs by status over a listing of any size, one CVM at a time, in constant memory. */
public final class StreamBigList {
  private StreamBigList() {}

  /** Runs the example with the environment's configuration. */
  public static void main(String[] args) {
    try (PhalaCloud client = PhalaCloud.fromEnv()) {
      run(client, System.out);
    }
  }

  /** Prints the count of CVMs per status. */
  public static void run(PhalaCloud client, PrintStream out) {
    Map<String, Integer> byStatus = new TreeMap<>();
    try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
      cvms.forEach(cvm -> byStatus.merge(cvm.status().value(), 1, Integer::sum));
    }
    byStatus.forEach((status, count) -> out.println(status + ": " + count));
  }
}
