package com.phala.cloud.examples;

import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.CvmInfoList;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Lists CVMs without blocking the calling thread, and totals their resources. */
public final class ListAsync {
  private ListAsync() {}

  /** Runs the example with the environment's configuration. */
  public static void main(String[] args) {
    try (PhalaCloud client = PhalaCloud.fromEnv()) {
      run(client, System.out);
    }
  }

  /** Starts the listing, then prints the totals when it completes (or gives up after 30 s). */
  public static void run(PhalaCloud client, PrintStream out) {
    CompletableFuture<CvmInfoList> listing = client.async().cvms().list();
    CompletableFuture<String> totals =
        listing.thenApply(
            cvms ->
                cvms.size()
                    + " CVMs, "
                    + cvms.totalVcpu()
                    + " vCPUs, "
                    + cvms.totalMemoryGb()
                    + " GB memory, "
                    + cvms.totalDiskGb()
                    + " GB disk");
    // Cancelling the future (here, on timeout) cancels the HTTP call too.
    out.println(totals.orTimeout(30, TimeUnit.SECONDS).join());
  }
}
