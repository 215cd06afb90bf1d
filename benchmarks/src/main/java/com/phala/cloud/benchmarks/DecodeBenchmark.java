package com.phala.cloud.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
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
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Turning a response body into a list of CVMs: the facade ({@code CvmList.read}) against plain Gson
 * binding the same bytes into the generated models, and Jackson databind into the same classes.
 * Every reader starts from the same bytes, as a response body arrives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeBenchmark {
  @Param({"1", "100", "10000"})
  public int cvms;

  private byte[] body;
  private final Gson gson = new JSON().getGson();
  private final Type gsonList = new TypeToken<List<HostedCvm>>() {}.getType();
  private ObjectMapper jackson;
  private CollectionType jacksonList;

  @Setup
  public void setUp() {
    body = Bodies.of(cvms);
    // Jackson into the same generated classes: snake_case names, fields not getters, enums by
    // value.
    jackson =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .visibility(
                com.fasterxml.jackson.annotation.PropertyAccessor.FIELD,
                com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY)
            .visibility(
                com.fasterxml.jackson.annotation.PropertyAccessor.SETTER,
                com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE)
            .build();
    jacksonList = jackson.getTypeFactory().constructCollectionType(List.class, HostedCvm.class);
  }

  /**
   * The facade as {@code listCvms} runs it: one streaming pass over the bytes into the CVM list.
   */
  @Benchmark
  public CvmList facade() throws IOException {
    return CvmList.read(new ByteArrayInputStream(body), null);
  }

  /** Baseline: plain Gson binding into the generated models. */
  @Benchmark
  public List<HostedCvm> gson() {
    return gson.fromJson(
        new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8), gsonList);
  }

  /** Baseline: Jackson databind into the generated model classes. */
  @Benchmark
  public List<HostedCvm> jackson() throws IOException {
    return jackson.readValue(new ByteArrayInputStream(body), jacksonList);
  }
}
