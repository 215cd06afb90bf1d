package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.phala.cloud.cli.output.Columns;
import com.phala.cloud.cli.output.CvmOutput;
import com.phala.cloud.cli.output.Format;
import com.phala.cloud.cli.output.OutputOptions;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmList;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Real YAML readers of both versions, for checking that {@code -o yaml} holds the data {@code -o
 * json} holds: SnakeYAML (YAML 1.1, the version PyYAML, libyaml and go-yaml, so yq, read),
 * SnakeYAML Engine with the YAML 1.2 core schema, and PyYAML itself when python3 has it.
 */
final class YamlReaders {
  private YamlReaders() {}

  /** The YAML 1.1 reading of {@code yaml}, as plain Java values. */
  static Object yaml11(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return canonical(new Yaml(new SafeConstructor(options)).load(yaml));
  }

  /** The YAML 1.2 (core schema) reading of {@code yaml}, as plain Java values. */
  static Object yaml12(String yaml) {
    LoadSettings settings =
        LoadSettings.builder()
            .setSchema(new CoreSchema())
            .setCodePointLimit(Integer.MAX_VALUE)
            // The whole document in one buffer: SnakeYAML Engine 3.0.1's reader fails (index out
            // of bounds) when a buffer's last character is a high surrogate, a bug of the reader.
            .setBufferSize(yaml.length() + 16)
            .build();
    return canonical(new Load(settings).loadFromString(yaml));
  }

  /** The JSON reading of {@code json}, as plain Java values (numbers as {@link BigDecimal}). */
  static Object json(String json) {
    return canonical(JsonParser.parseString(json));
  }

  /** Asserts that both Java readers get from {@code yaml} exactly the data of {@code json}. */
  static void assertSameData(String yaml, String json) {
    Object expected = json(json);
    assertThat(yaml11(yaml)).as("YAML 1.1 (SnakeYAML) reading of%n%s", yaml).isEqualTo(expected);
    assertThat(yaml12(yaml))
        .as("YAML 1.2 core (SnakeYAML Engine) reading of%n%s", yaml)
        .isEqualTo(expected);
  }

  /** Whether python3 with PyYAML is on this machine. */
  static boolean hasPyYaml() {
    try {
      Process python =
          new ProcessBuilder("python3", "-c", "import yaml").redirectErrorStream(true).start();
      python.getInputStream().readAllBytes();
      return python.waitFor(30, TimeUnit.SECONDS) && python.exitValue() == 0;
    } catch (IOException | InterruptedException absent) {
      return false;
    }
  }

  /**
   * PyYAML's verdict on {@code yaml} against {@code json}: null when the same, else the difference.
   */
  static String pyYamlDifference(String yaml, String json) throws Exception {
    Path dir = Files.createTempDirectory("yaml-round-trip");
    try {
      Path script = dir.resolve("yaml_equals_json.py");
      try (var in = YamlReaders.class.getResourceAsStream("/yaml_equals_json.py")) {
        Files.write(script, in.readAllBytes());
      }
      Path yamlFile = Files.writeString(dir.resolve("out.yaml"), yaml, StandardCharsets.UTF_8);
      Path jsonFile = Files.writeString(dir.resolve("out.json"), json, StandardCharsets.UTF_8);
      Process python =
          new ProcessBuilder("python3", script.toString(), yamlFile.toString(), jsonFile.toString())
              .redirectErrorStream(true)
              .start();
      String said = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(python.waitFor(120, TimeUnit.SECONDS)).as("python3 finished").isTrue();
      return python.exitValue() == 0 ? null : said;
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** {@code -o json} and {@code -o yaml} of a legacy list, written by the command's own writers. */
  static String[] jsonAndYaml(String payload) {
    CvmList cvms = CvmList.parse(payload);
    return new String[] {write(Format.JSON, cvms), write(Format.YAML, cvms)};
  }

  private static String write(Format format, CvmList cvms) {
    StringWriter text = new StringWriter();
    CvmOutput<Cvm> writer =
        format.writer(new PrintWriter(text, true), Columns.LEGACY, OutputOptions.PLAIN);
    writer.begin();
    cvms.forEach(writer::write);
    writer.end();
    return text.toString();
  }

  /**
   * {@code value} as plain values both readers and JSON agree on: maps keep their order, numbers
   * are {@link BigDecimal} without trailing zeros, anything else (a date, a byte array) stays what
   * the reader made of it, so that it differs from the JSON's string.
   */
  private static Object canonical(Object value) {
    if (value instanceof JsonElement element) {
      if (element.isJsonNull()) {
        return null;
      }
      if (element.isJsonObject()) {
        Map<Object, Object> map = new LinkedHashMap<>();
        element
            .getAsJsonObject()
            .entrySet()
            .forEach(e -> map.put(e.getKey(), canonical(e.getValue())));
        return map;
      }
      if (element.isJsonArray()) {
        List<Object> list = new ArrayList<>();
        element.getAsJsonArray().forEach(item -> list.add(canonical(item)));
        return list;
      }
      JsonPrimitive primitive = element.getAsJsonPrimitive();
      return primitive.isNumber()
          ? number(primitive.getAsString())
          : primitive.isBoolean() ? primitive.getAsBoolean() : primitive.getAsString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(canonical(key), canonical(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(canonical(item)));
      return copy;
    }
    if (value instanceof Number number) {
      return number(number.toString());
    }
    return value;
  }

  private static Object number(String text) {
    try {
      BigDecimal exact = new BigDecimal(text);
      return exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
    } catch (NumberFormatException notFinite) {
      return text; // Infinity, NaN: never from JSON, so a difference.
    }
  }
}
