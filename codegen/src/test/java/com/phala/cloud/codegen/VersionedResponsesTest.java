package com.phala.cloud.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * Runs {@code phala-java} (found by its name, as the Maven plugin finds it) with the retrofit2
 * library and the stock templates on a small spec: two shapes and three versions, so the rule "the
 * branch with the latest {@code x-since-version} not after the version" is seen on both sides of a
 * boundary.
 */
class VersionedResponsesTest {
  @TempDir Path work;

  private static String spec(String firstVersion) {
    return String.join(
        "\n",
        "openapi: 3.1.0",
        "info: {title: t, version: '1'}",
        "paths:",
        "  /things:",
        "    get:",
        "      operationId: listThings",
        "      parameters:",
        "        - {name: X-Version, in: header, schema: {$ref: '#/components/schemas/Version'}}",
        "        - {name: q, in: query, schema: {type: string}}",
        "      responses:",
        "        '200':",
        "          description: ok",
        "          content:",
        "            application/json:",
        "              schema:",
        "                anyOf:",
        "                  - {type: array, x-since-version: '2020-01-01', items: {$ref: '#/components/schemas/Old'}}",
        "                  - {type: array, x-since-version: '2021-01-01', items: {$ref: '#/components/schemas/Current'}}",
        "components:",
        "  schemas:",
        "    Version:",
        "      type: string",
        "      enum: ['" + firstVersion + "', '2021-01-01', '2022-06-30']",
        "      x-enum-varnames: [V_FIRST, V2021_01_01, V2022_06_30]",
        "    Old: {type: object, properties: {a: {type: string}}}",
        "    Current: {type: object, properties: {b: {type: string}}}",
        "");
  }

  private String generateApi(String firstVersion) throws IOException {
    Path file = Files.writeString(work.resolve("spec.yaml"), spec(firstVersion));
    CodegenConfigurator configurator =
        new CodegenConfigurator()
            .setGeneratorName(PhalaJavaCodegen.NAME)
            .setLibrary("retrofit2")
            .setInputSpec(file.toString())
            .setOutputDir(work.resolve("out").toString())
            .setApiPackage("x.api")
            .setModelPackage("x.model")
            // Prints the vendor extensions the real template (client-generated) reads.
            .setTemplateDir(templates().toString());
    new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
    try (Stream<Path> files = Files.walk(work.resolve("out"))) {
      Path api = files.filter(p -> p.endsWith("DefaultApi.java")).findFirst().orElseThrow();
      return Files.readString(api);
    }
  }

  private static Path templates() {
    try {
      return Path.of(VersionedResponsesTest.class.getResource("/versions").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void eachVersionAnswersTheBranchWithTheLatestSinceNotAfterIt() throws IOException {
    assertThat(generateApi("2020-01-01").lines().filter(line -> !line.isBlank()))
        .containsExactly(
            "listThingsVFIRST X-Version=2020-01-01 -> Old since 2020-01-01 params: q",
            "listThingsV20210101 X-Version=2021-01-01 -> Current since 2021-01-01 params: q",
            "listThingsV20220630 X-Version=2022-06-30 -> Current since 2021-01-01 params: q");
  }

  @Test
  void aVersionOlderThanEveryShapeIsAnErrorThatSaysWhatToDo() {
    assertThatThrownBy(() -> generateApi("2019-12-31"))
        .hasStackTraceContaining("version 2019-12-31 is older than every x-since-version");
  }
}
