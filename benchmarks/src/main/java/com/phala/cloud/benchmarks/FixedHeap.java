package com.phala.cloud.benchmarks;

/**
 * The JVM options of every JMH fork ({@code @Fork(jvmArgsAppend = ...)}), so a run does not depend
 * on the machine's memory: at 10,000 CVMs one decode allocates about 226 MB (the facade) or 149 MB
 * (Gson), and on the JVM's defaults the heap starts small and grows during the measurement, G1
 * shrinks the young generation whenever a pause is slow (on a shared machine, often), and each such
 * change shows up as a spike of a whole iteration. Here the heap is fixed at 2 GB, touched before
 * the run, and the young generation is fixed at 1 GB; the collector is G1, the JVM's default on a
 * machine of 2 or more cores, so the figures are what a program gets.
 */
final class FixedHeap {
  static final String XMS = "-Xms2g";
  static final String XMX = "-Xmx2g";
  static final String XMN = "-Xmn1g";
  static final String GC = "-XX:+UseG1GC";
  static final String PRETOUCH = "-XX:+AlwaysPreTouch";

  private FixedHeap() {}
}
