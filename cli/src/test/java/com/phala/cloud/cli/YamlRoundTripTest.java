package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code -o yaml} holds exactly the data of {@code -o json}, for every reader: YAML 1.1 (SnakeYAML,
 * PyYAML) and YAML 1.2 (SnakeYAML Engine, core schema). The strings a reader would resolve to
 * something else (hex, octal, base 60, floats, dates, booleans, null) are the risk.
 */
class YamlRoundTripTest extends ApiServer {
  private static final String NEW = "2026-06-23";

  private static final String HOSTILE_VALUES =
      "\"0x8d1e5E7a3fC1b2D4e6F8a0B2c4D6e8F0a2B4c6D8\",\"18:00.0\",\"190:20:30\",\"0o17\",\"017\","
          + "\"0b1010\",\"1_000\",\"+12\",\"-0\",\".5\",\"1e3\",\"1.5E+3\",\".inf\",\"-.Inf\","
          + "\".NaN\",\"2026-01-21\",\"2026-02-14T09:30:12Z\",\"2001-12-14 21:59:43.10 -5\","
          + "\"yes\",\"No\",\"ON\",\"off\",\"y\",\"N\",\"true\",\"False\",\"~\",\"null\",\"Null\","
          + "\"\",\"<<\",\"=\",\"0.0580\",\"12:30\",\"- item\",\"key: value\",\"# note\"";

  private static String listed(String version, String format) {
    Cli.Result result =
        version == null
            ? Cli.list(baseUrl(), "-o", format)
            : Cli.list(baseUrl(), "--api-version", version, "-o", format);
    assertThat(result.exitCode()).as(result.toString()).isZero();
    return result.out();
  }

  /** The example's {@code -o json} and {@code -o yaml}. */
  private static String[] jsonAndYaml(String version, String example) {
    serveExample(example);
    return new String[] {listed(version, "json"), listed(version, "yaml")};
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-, cvms-full.json",
        "-, cvms-minimal.json",
        NEW + ", cvminfos-full.json",
        NEW + ", cvminfos-minimal.json"
      })
  void everyExampleReadsBackAsItsJsonWithYaml11And12Readers(String version, String example) {
    String[] out = jsonAndYaml(version, example);

    YamlReaders.assertSameData(out[1], out[0]);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-, cvms-full.json",
        "-, cvms-minimal.json",
        NEW + ", cvminfos-full.json",
        NEW + ", cvminfos-minimal.json"
      })
  void everyExampleReadsBackAsItsJsonWithPyYaml(String version, String example) throws Exception {
    Assumptions.assumeTrue(
        YamlReaders.hasPyYaml(),
        "python3 with PyYAML is not on this machine: PyYAML check skipped");
    String[] out = jsonAndYaml(version, example);

    assertThat(YamlReaders.pyYamlDifference(out[1], out[0])).isNull();
  }

  /** The cases: an address read as an int, a GPU slot as a float, a date as a date. */
  private static String hostilePayload() {
    String cvm =
        JsonParser.parseString(example("cvms-full.json")).getAsJsonArray().get(0).toString();
    StringBuilder keys = new StringBuilder();
    String[] values = HOSTILE_VALUES.split(",(?=\")");
    for (int i = 0; i < values.length; i++) {
      keys.append(i == 0 ? "" : ",").append(values[i]).append(":").append(i);
    }
    return "["
        + cvm.substring(0, cvm.length() - 1)
        + ",\"future\":{\"values\":["
        + HOSTILE_VALUES
        + "],\"keys\":{"
        + keys
        + "},\"numbers\":[1e-7,2E5,-1.5e300,0,-0.0,123456789012345678901234567890]}}]";
  }

  @Test
  void textThatLooksLikeANumberADateOrABooleanStaysTextForYaml11And12Readers() {
    String payload = hostilePayload();
    serve(payload);
    String json = listed(null, "json");
    String yaml = listed(null, "yaml");

    YamlReaders.assertSameData(yaml, json);
    assertThat(yaml)
        .contains("'0x8d1e5E7a3fC1b2D4e6F8a0B2c4D6e8F0a2B4c6D8'", "'18:00.0'", "'yes'", "1.0e-7");
  }

  @Test
  void textThatLooksLikeANumberADateOrABooleanStaysTextForPyYaml() throws Exception {
    Assumptions.assumeTrue(
        YamlReaders.hasPyYaml(),
        "python3 with PyYAML is not on this machine: PyYAML check skipped");
    serve(hostilePayload());
    String json = listed(null, "json");
    String yaml = listed(null, "yaml");

    assertThat(YamlReaders.pyYamlDifference(yaml, json)).isNull();
  }
}
