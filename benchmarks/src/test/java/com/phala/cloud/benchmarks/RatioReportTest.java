package com.phala.cloud.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RatioReport on small JMH-like results. The iterations are those of a real quick run (1 fork, 5
 * iterations), so the expected scores, errors and medians are the ones JMH printed for them.
 */
class RatioReportTest {
  private static String result(String benchmark, String cvms, String rawData) {
    return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"com.phala.cloud.benchmarks."
        + benchmark
        + "\",\"mode\":\"avgt\",\"forks\":1,\"params\":{\"cvms\":\""
        + cvms
        + "\"},\"primaryMetric\":{\"score\":0,\"scoreError\":0,\"scoreUnit\":\"us/op\","
        + "\"rawData\":"
        + rawData
        + "},\"secondaryMetrics\":{}}";
  }

  private static final String FACADE_100 =
      "[[1448.4960485155684,1400.36711056683,1416.3534749116607,1370.6329589041095,"
          + "1392.5725514603616]]";
  private static final String GSON_100 =
      "[[1277.0144090619017,1296.4613674659754,1303.3371216655823,1300.0724658869397,"
          + "1290.3744861379755]]";
  private static final String FACADE_10000 =
      "[[433625.5205,388796.36116666667,290160.268125,368386.2195,483677.2442]]";
  private static final String GSON_10000 =
      "[[294938.9615714286,424175.5976,552120.15725,633444.1905,255255.307]]";

  private static Map<String, RatioReport.Score> read(String... files) {
    Map<String, RatioReport.Score> scores = new LinkedHashMap<>();
    for (String file : files) {
      RatioReport.read(new StringReader(file), scores);
    }
    return scores;
  }

  @Test
  void scoreErrorAndMedianAreJmhs() {
    Map<String, RatioReport.Score> scores =
        read("[" + result("DecodeBenchmark.facade", "100", FACADE_100) + "]");
    RatioReport.Score facade = scores.get("DecodeBenchmark.facade@100");
    // What JMH wrote for these iterations: score, scoreError, scorePercentiles["50.0"].
    assertThat(facade.mean()).isCloseTo(1405.6844288717061, within(1e-9));
    assertThat(facade.error()).isCloseTo(111.85878817924429, within(1e-6));
    assertThat(facade.median()).isCloseTo(1400.36711056683, within(1e-9));
    assertThat(facade.errorPercent()).isCloseTo(7.958, within(0.001));
    assertThat(facade.noisy()).isFalse();
    assertThat(facade.unit).isEqualTo("us/op");
  }

  @Test
  void filesOfTheSameBenchmarkArePooled() {
    // The five iterations in two rounds (3 + 2), as benchmarks/run's rounds write them.
    Map<String, RatioReport.Score> scores =
        read(
            "["
                + result(
                    "DecodeBenchmark.facade",
                    "100",
                    "[[1448.4960485155684,1400.36711056683,1416.3534749116607]]")
                + "]",
            "["
                + result(
                    "DecodeBenchmark.facade", "100", "[[1370.6329589041095],[1392.5725514603616]]")
                + "]");
    RatioReport.Score facade = scores.get("DecodeBenchmark.facade@100");
    assertThat(facade.iterations.getN()).isEqualTo(5);
    assertThat(facade.mean()).isCloseTo(1405.6844288717061, within(1e-9));
    assertThat(facade.error()).isCloseTo(111.85878817924429, within(1e-6));
  }

  @Test
  void reportsEachScoreAndFlagsANoisyRatio() {
    Map<String, RatioReport.Score> scores =
        read(
            "["
                + String.join(
                    ",",
                    result("DecodeBenchmark.gson", "10000", GSON_10000),
                    result("DecodeBenchmark.facade", "10000", FACADE_10000),
                    result("DecodeBenchmark.gson", "100", GSON_100),
                    result("DecodeBenchmark.facade", "100", FACADE_100))
                + "]");
    List<String> lines = RatioReport.report(scores);
    assertThat(lines.get(0)).startsWith("benchmark").contains("error%", "median");
    // Sorted by size, then name.
    assertThat(lines.get(1))
        .startsWith("DecodeBenchmark.facade")
        .contains(" 100 ", "1405.684", "± 111.859", "8.0 %", "1400.367", "us/op");
    assertThat(lines.get(2)).startsWith("DecodeBenchmark.gson").contains("1293.452", "3.1 %");
    assertThat(lines.get(3)).startsWith("DecodeBenchmark.facade").contains("10000", "71.1 %");
    assertThat(lines.get(4)).startsWith("DecodeBenchmark.gson").contains("144.5 %");
    assertThat(lines.get(5))
        .isEqualTo(
            "ratio decode-vs-gson-100 1.087 (median 1.080;"
                + " facade 1405.7 ± 111.9 us/op, 8.0 %; baseline 1293.5 ± 39.9 us/op, 3.1 %)");
    assertThat(lines.get(6))
        .startsWith("ratio decode-vs-gson-10000 0.910 (median 0.917;")
        .endsWith("NOISY: error over 10 %");
    assertThat(lines).hasSize(7);
  }

  @Test
  void aRatioWithoutAnErrorIsFlagged() {
    Map<String, RatioReport.Score> scores =
        read(
            "["
                + result("ListBenchmark.facade", "1", "[[2.0]]")
                + ","
                + result("ListBenchmark.okhttpGson", "1", "[[2.5]]")
                + "]");
    List<String> lines = RatioReport.report(scores);
    assertThat(lines.get(1)).contains(" - ");
    assertThat(lines.get(3))
        .isEqualTo(
            "ratio list-vs-okhttp-1 0.800 (median 0.800; facade 2.0 us/op, error unknown;"
                + " baseline 2.5 us/op, error unknown) NOISY: error over 10 %");
  }
}
