package com.phala.cloud.benchmarks;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.generated.invoker.JSON;
import com.phala.cloud.generated.model.HostedCvm;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A whole listing over HTTP against a loopback server: the facade's {@code listCvms} against a raw
 * OkHttp GET plus Gson binding of the same response. Both use one shared client, as programs do.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {FixedHeap.XMS, FixedHeap.XMX, FixedHeap.XMN, FixedHeap.GC, FixedHeap.PRETOUCH})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ListBenchmark {
  private static final String KEY = "benchmark-key";

  @Param({"1", "100", "10000"})
  public int cvms;

  private HttpServer server;
  private ExecutorService serverThreads;
  private PhalaCloud facade;
  private OkHttpClient okhttp;
  private Request raw;
  private final Gson gson = new JSON().getGson();
  private final Type gsonList = new TypeToken<List<HostedCvm>>() {}.getType();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    byte[] body = Bodies.of(cvms);
    server = LoopbackServer.create();
    serverThreads = Executors.newFixedThreadPool(2);
    server.setExecutor(serverThreads);
    server.createContext(
        "/api/v1/cvms",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
    facade = PhalaCloud.builder().baseUrl(base).apiKey(KEY).build();
    okhttp = new OkHttpClient();
    raw =
        new Request.Builder()
            .url(base + "/cvms")
            .header("X-API-Key", KEY)
            .header("X-Phala-Version", ApiVersion.V2025_10_28.value())
            .header("Accept", "application/json")
            .build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    facade.close();
    okhttp.dispatcher().executorService().shutdown();
    okhttp.connectionPool().evictAll();
    server.stop(0);
    // Else its threads outlive the benchmark and JMH waits half a minute for them per fork.
    serverThreads.shutdownNow();
  }

  /** The facade: request built from the contract, retries armed, one-pass decode. */
  @Benchmark
  public CvmList facade() {
    return facade.cvms().list(CvmShape.LEGACY);
  }

  /** Baseline: raw OkHttp and Gson into the generated models. */
  @Benchmark
  public List<HostedCvm> okhttpGson() throws IOException {
    try (Response response = okhttp.newCall(raw).execute()) {
      return gson.fromJson(response.body().charStream(), gsonList);
    }
  }
}
