package com.phala.cloud.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * {@code phala-java} with the stock retrofit2 templates on a spec whose descriptions hold what used
 * to come out as HTML entities (an apostrophe, backticks, a quote) and markup characters: the
 * model's and the property's Javadoc read as the spec does, with {@code {@code}} for code.
 */
class DescriptionsAsJavadocTest {
  @TempDir static Path work;
  private static String model;

  @BeforeAll
  static void generate() throws IOException {
    Path spec =
        Files.writeString(
            work.resolve("spec.yaml"),
            String.join(
                "\n",
                "openapi: 3.1.0",
                "info: {title: t, version: '1'}",
                "paths: {}",
                "components:",
                "  schemas:",
                "    Thing:",
                "      type: object",
                "      description: The node's \"thing\", as `GET /things` returns it.",
                "      properties:",
                "        state:",
                "          type: string",
                "          description: |",
                "            One of `running` or `stopped`; <none> & more.",
                "",
                "            A second paragraph.",
                ""));
    CodegenConfigurator configurator =
        new CodegenConfigurator()
            .setGeneratorName(PhalaJavaCodegen.NAME)
            .setLibrary("retrofit2")
            .setInputSpec(spec.toString())
            .setOutputDir(work.resolve("out").toString())
            .setModelPackage("x.model");
    new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
    model = Files.readString(work.resolve("out/src/main/java/x/model/Thing.java"));
  }

  @Test
  void theModelsJavadocReadsAsTheSpecWithCodeTags() {
    assertThat(model).contains(" * The node's \"thing\", as {@code GET /things} returns it.\n");
  }

  @Test
  void thePropertysJavadocHasParagraphsAndMarkupAsLiterals() {
    assertThat(model)
        .contains(
            "One of {@code running} or {@code stopped}; {@literal <}none{@literal >}"
                + " {@literal &} more. <p>A second paragraph.");
  }

  @Test
  void noHtmlEntityIsWritten() {
    assertThat(model).doesNotContain("&#").doesNotContain("&quot;").doesNotContain("&lt;");
  }
}
