package com.phala.cloud.examples;

import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.CvmInfo;
import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.HourlyRateTotal;
import com.phala.cloud.cvm.NodeRef;

/** The README's Quick start: your CVMs, one line each, and what the running ones cost an hour. */
public final class QuickStart {
  private QuickStart() {}

  /** Lists the CVMs of the account whose key is in {@code PHALA_CLOUD_API_KEY}. */
  public static void main(String[] args) {
    try (PhalaCloud client = PhalaCloud.fromEnv()) { // reads PHALA_CLOUD_API_KEY
      CvmInfoList cvms = client.cvms().list();
      for (CvmInfo cvm : cvms) {
        String region = cvm.nodeInfo().flatMap(NodeRef::region).orElse("-");
        System.out.println(cvm.name() + "  " + cvm.status() + "  " + region);
      }
      HourlyRateTotal cost = cvms.running().totalHourlyRate();
      System.out.println(
          cvms.size() + " CVMs; the running ones cost " + cost.amount() + " an hour");
    }
  }
}
