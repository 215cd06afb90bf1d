package com.phala.cloud.benchmarks;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.generated.invoker.JSON;
import com.phala.cloud.generated.model.HostedCvm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Turning a response body into a list of CVMs: the facade ({@code CvmList.read}: Gson's streaming
 * reader into Gson's tree, under the response limits, and the views on it) against plain Gson
 * binding the same bytes into the generated models. Both start from the same bytes, decoded as
 * UTF-8, as a response body arrives.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {FixedHeap.XMS, FixedHeap.XMX, FixedHeap.XMN, FixedHeap.GC, FixedHeap.PRETOUCH})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeBenchmark {
  @Param({"1", "100", "10000"})
  public int cvms;

  private byte[] body;
  private final Gson gson = new JSON().getGson();
  private final Type gsonList = new TypeToken<List<HostedCvm>>() {}.getType();

  @Setup
  public void setUp() {
    body = Bodies.of(cvms);
  }

  /**
   * The facade as {@code listCvms} runs it: one streaming pass over the bytes into the CVM list.
   */
  @Benchmark
  public CvmList facade() throws IOException {
    return CvmList.read(
        new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8), null);
  }

  /** Baseline: plain Gson binding into the generated models. */
  @Benchmark
  public List<HostedCvm> gson() {
    return gson.fromJson(
        new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8), gsonList);
  }
}
