package com.phala.cloud.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JMH JSON result and prints one line per ratio, {@code ratio NAME VALUE}: the facade's
 * time divided by its baseline's, from the same run, for each response size.
 */
public final class RatioReport {
  private static final String[][] RATIOS = {
    {"decode-vs-gson", "DecodeBenchmark.facade", "DecodeBenchmark.gson"},
    {"list-vs-okhttp", "ListBenchmark.facade", "ListBenchmark.okhttpGson"},
  };

  private RatioReport() {}

  /** Prints the ratios of the JMH result file {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    Map<String, Double> scores = new TreeMap<>();
    try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      JsonArray results = JsonParser.parseReader(in).getAsJsonArray();
      for (JsonElement element : results) {
        JsonObject result = element.getAsJsonObject();
        String benchmark = result.get("benchmark").getAsString();
        String name =
            benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        String size = result.getAsJsonObject("params").get("cvms").getAsString();
        scores.put(
            name + "@" + size, result.getAsJsonObject("primaryMetric").get("score").getAsDouble());
      }
    }
    for (String size : new String[] {"1", "100", "10000"}) {
      for (String[] ratio : RATIOS) {
        Double facade = scores.get(ratio[1] + "@" + size);
        Double baseline = scores.get(ratio[2] + "@" + size);
        if (facade != null && baseline != null) {
          System.out.println(
              String.format(Locale.ROOT, "ratio %s-%s %.3f", ratio[0], size, facade / baseline));
        }
      }
    }
  }
}
