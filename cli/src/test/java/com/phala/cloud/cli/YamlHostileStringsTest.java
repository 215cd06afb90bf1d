package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;

/**
 * Generated hostile strings, as values and as member names of an unknown field, come back from
 * {@code -o yaml} as the same strings for YAML 1.1 and 1.2 readers as from {@code -o json}.
 */
class YamlHostileStringsTest {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  /** Pieces that YAML readers give a meaning: scalars of other types, indicators, line breaks. */
  private static final List<String> TOKENS =
      List.of(
          "0x1F",
          "0X1f",
          "0o17",
          "017",
          "0b101",
          "1_000",
          "18:00.0",
          "190:20:30",
          "-1:30",
          "+12",
          "-0",
          ".5",
          "5.",
          "1e3",
          "1E+3",
          "1.5e-3",
          ".inf",
          "-.INF",
          "+.Inf",
          ".nan",
          ".NaN",
          "2026-01-21",
          "2026-1-2",
          "2001-12-14t21:59:43.10-05:00",
          "2001-12-14 21:59:43.10 -5",
          "y",
          "Y",
          "n",
          "N",
          "yes",
          "Yes",
          "NO",
          "on",
          "On",
          "OFF",
          "true",
          "TRUE",
          "False",
          "~",
          "null",
          "Null",
          "NULL",
          "",
          " ",
          "<<",
          "=",
          "!",
          "!!str",
          "&a",
          "*a",
          "%TAG",
          "@",
          "`",
          "|",
          ">",
          "- ",
          "? ",
          ": ",
          ":",
          "-",
          "?",
          "#",
          " #",
          "[",
          "]",
          "{",
          "}",
          ",",
          "'",
          "\"",
          "\\",
          "\t",
          "\n",
          "\r",
          "\r\n",
          "\u0000",
          "\u0007",
          "\u001b",
          "\u007f",
          "\u0085",
          "\u00a0",
          "\u2028",
          "\u2029",
          "\ufeff",
          "\ufffe",
          "\uffff",
          "\ud83d\ude00",
          "---",
          "...",
          "0.0580",
          "1",
          "-1.5",
          "0",
          "é",
          "\u202e");

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> token = Arbitraries.of(TOKENS);
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x1f)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x7f, 0x2030)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xd7f0, 0x10ffff)))
            .filter(c -> c < 0xd800 || c > 0xdfff);
    Arbitrary<String> random =
        codePoint
            .list()
            .ofMaxSize(8)
            .map(points -> points.stream().map(Character::toString).collect(Collectors.joining()));
    Arbitrary<String> piece =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, token), net.jqwik.api.Tuple.of(2, random));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, piece),
        net.jqwik.api.Tuple.of(
            2, Combinators.combine(piece, piece, piece).as((a, b, c) -> a + b + c)));
  }

  /**
   * The first example CVM with {@code strings} as values and as member names of an unknown field.
   */
  private static String payload(List<String> strings) {
    JsonObject cvm =
        JsonParser.parseString(YamlRoundTripTest.example("cvms-full.json"))
            .getAsJsonArray()
            .get(0)
            .getAsJsonObject();
    Map<String, Object> future = new LinkedHashMap<>();
    future.put("values", strings);
    Map<String, Integer> keys = new LinkedHashMap<>();
    strings.forEach(text -> keys.putIfAbsent(text, keys.size()));
    future.put("keys", keys);
    cvm.add("future", GSON.toJsonTree(future));
    if (!strings.isEmpty()) {
      cvm.addProperty("name", strings.get(0));
    }
    return "[" + GSON.toJson(cvm) + "]";
  }

  @Property(tries = 300)
  void hostileStringsReadBackAsTheJsonWithYaml11And12Readers(
      @ForAll("strings") List<String> strings) {
    String[] out = YamlReaders.jsonAndYaml(payload(strings));

    YamlReaders.assertSameData(out[1], out[0]);
  }

  @Provide
  Arbitrary<List<String>> strings() {
    return hostile().list().ofMaxSize(12);
  }

  /** PyYAML, started once over a batch of generated strings (a process per try would be slow). */
  @Example
  void hostileStringsReadBackAsTheJsonWithPyYaml() throws Exception {
    Assumptions.assumeTrue(
        YamlReaders.hasPyYaml(),
        "python3 with PyYAML is not on this machine: PyYAML check skipped");
    List<String> strings = hostile().sampleStream().limit(3_000).toList();
    List<String> batch = new java.util.ArrayList<>(TOKENS);
    batch.addAll(strings);
    String[] out = YamlReaders.jsonAndYaml(payload(batch));

    assertThat(YamlReaders.pyYamlDifference(out[1], out[0])).isNull();
  }
}
