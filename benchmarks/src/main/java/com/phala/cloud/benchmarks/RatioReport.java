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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Reads JMH JSON results and prints, for each benchmark and response size, its score with JMH's
 * error (the half-width of the 99.9 % confidence interval), that error as a percentage of the
 * score, and the median; then one line per ratio, {@code ratio NAME VALUE ...}: the facade's time
 * divided by its baseline's, for each response size, with both inputs' errors beside it and a flag
 * when either is over {@value #NOISY_PERCENT} % (such a ratio says little).
 *
 * <p>Several files may hold the same benchmark (as from {@code benchmarks/run}'s rounds, each a
 * separate JMH run, so that the facade and its baseline take turns on a shared machine): their
 * iterations are pooled, and the score, error and median are computed over all of them as JMH
 * computes them over its forks.
 */
public final class RatioReport {
  /** Above this error, in percent of the score, a ratio is flagged. */
  static final double NOISY_PERCENT = 10.0;

  private static final String[][] RATIOS = {
    {"decode-vs-gson", "DecodeBenchmark.facade", "DecodeBenchmark.gson"},
    {"list-vs-okhttp", "ListBenchmark.facade", "ListBenchmark.okhttpGson"},
  };

  private RatioReport() {}

  /** One benchmark at one response size, over every iteration of every file read. */
  static final class Score {
    final String benchmark;
    final String cvms;
    final String unit;
    final ListStatistics iterations = new ListStatistics();

    Score(String benchmark, String cvms, String unit) {
      this.benchmark = benchmark;
      this.cvms = cvms;
      this.unit = unit;
    }

    double mean() {
      return iterations.getMean();
    }

    /** JMH's error: the half-width of the 99.9 % confidence interval; NaN for one iteration. */
    double error() {
      return iterations.getN() > 1 ? iterations.getMeanErrorAt(0.999) : Double.NaN;
    }

    /** The error as a percentage of the score; NaN when there is none. */
    double errorPercent() {
      return 100 * error() / mean();
    }

    double median() {
      return iterations.getPercentile(50);
    }

    /** Whether the error is unknown or over {@link #NOISY_PERCENT}. */
    boolean noisy() {
      return !(errorPercent() <= NOISY_PERCENT);
    }
  }

  /** Prints the report of the JMH result files {@code args}. */
  public static void main(String[] args) throws IOException {
    Map<String, Score> scores = new LinkedHashMap<>();
    for (String file : args) {
      try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        read(in, scores);
      }
    }
    for (String line : report(scores)) {
      System.out.println(line);
    }
  }

  /**
   * Adds the iterations of one JMH JSON result to {@code scores}, keyed by {@code
   * Class.method@cvms}.
   */
  static void read(Reader json, Map<String, Score> scores) {
    JsonArray results = JsonParser.parseReader(json).getAsJsonArray();
    for (JsonElement element : results) {
      JsonObject result = element.getAsJsonObject();
      String benchmark = result.get("benchmark").getAsString();
      String name =
          benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      JsonObject params = result.getAsJsonObject("params");
      String cvms = params == null || !params.has("cvms") ? "-" : params.get("cvms").getAsString();
      JsonObject metric = result.getAsJsonObject("primaryMetric");
      Score score =
          scores.computeIfAbsent(
              name + "@" + cvms,
              key -> new Score(name, cvms, metric.get("scoreUnit").getAsString()));
      JsonArray forks = metric.getAsJsonArray("rawData");
      if (forks == null) {
        // No per-iteration data: the one score there is.
        score.iterations.addValue(metric.get("score").getAsDouble());
        continue;
      }
      for (JsonElement fork : forks) {
        for (JsonElement iteration : fork.getAsJsonArray()) {
          score.iterations.addValue(iteration.getAsDouble());
        }
      }
    }
  }

  /** The report's lines: a table of the scores, then the ratios. */
  static List<String> report(Map<String, Score> scores) {
    List<String> lines = new ArrayList<>();
    List<Score> sorted = new ArrayList<>(scores.values());
    sorted.sort(
        Comparator.comparing((Score s) -> s.benchmark.substring(0, s.benchmark.indexOf('.')))
            .thenComparing(s -> size(s.cvms))
            .thenComparing(s -> s.benchmark));
    lines.add(
        String.format(
            Locale.ROOT,
            "%-28s %6s %5s %14s %14s %8s %14s  %s",
            "benchmark",
            "cvms",
            "n",
            "score",
            "error",
            "error%",
            "median",
            "unit"));
    for (Score s : sorted) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%-28s %6s %5d %14.3f %14s %8s %14.3f  %s",
              s.benchmark,
              s.cvms,
              s.iterations.getN(),
              s.mean(),
              Double.isNaN(s.error()) ? "-" : String.format(Locale.ROOT, "± %.3f", s.error()),
              percent(s.errorPercent()),
              s.median(),
              s.unit));
    }
    List<String> sizes = new ArrayList<>();
    for (Score s : sorted) {
      if (!sizes.contains(s.cvms)) {
        sizes.add(s.cvms);
      }
    }
    sizes.sort(Comparator.comparing(RatioReport::size));
    for (String size : sizes) {
      for (String[] ratio : RATIOS) {
        Score facade = scores.get(ratio[1] + "@" + size);
        Score baseline = scores.get(ratio[2] + "@" + size);
        if (facade != null && baseline != null) {
          lines.add(ratioLine(ratio[0] + "-" + size, facade, baseline));
        }
      }
    }
    return lines;
  }

  /**
   * {@code ratio NAME VALUE (median M; facade S ± E unit, P %; baseline S ± E unit, P %)}, and
   * {@code NOISY} when either error is over the limit or unknown.
   */
  static String ratioLine(String name, Score facade, Score baseline) {
    return String.format(
        Locale.ROOT,
        "ratio %s %.3f (median %.3f; facade %s; baseline %s)%s",
        name,
        facade.mean() / baseline.mean(),
        facade.median() / baseline.median(),
        describe(facade),
        describe(baseline),
        facade.noisy() || baseline.noisy()
            ? String.format(Locale.ROOT, " NOISY: error over %.0f %%", NOISY_PERCENT)
            : "");
  }

  private static String describe(Score s) {
    return Double.isNaN(s.error())
        ? String.format(Locale.ROOT, "%.1f %s, error unknown", s.mean(), s.unit)
        : String.format(
            Locale.ROOT,
            "%.1f ± %.1f %s, %s",
            s.mean(),
            s.error(),
            s.unit,
            percent(s.errorPercent()));
  }

  private static String percent(double percent) {
    return Double.isNaN(percent) ? "-" : String.format(Locale.ROOT, "%.1f %%", percent);
  }

  /** A size for sorting: numbers in numeric order, anything else last. */
  private static long size(String cvms) {
    try {
      return Long.parseLong(cvms);
    } catch (NumberFormatException notANumber) {
      return Long.MAX_VALUE;
    }
  }
}
