package com.phala.cloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's Quick start, run the way the README's one command runs it: {@link
 * QuickStartOnSandbox} starts the kit's fake and calls the unchanged {@code QuickStart.main}.
 */
class QuickStartTest {
  private Properties saved;
  private PrintStream stdout;

  @BeforeEach
  void keepTheJvmState() {
    saved = (Properties) System.getProperties().clone();
    stdout = System.out;
  }

  @AfterEach
  void restoreTheJvmState() {
    System.setOut(stdout);
    System.setProperties(saved);
  }

  @Test
  void printsTheExampleCvmsAndTheRunningOnesHourlyCost() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));

    QuickStartOnSandbox.main(new String[0]);

    // The contract's cvminfos-full.json: only inference-gateway runs, at 0.0690 an hour.
    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "inference-gateway  running  us-west",
            "gpu-trainer  stopped  us-east",
            "chain-indexer  starting  eu-central",
            "3 CVMs; the running ones cost 0.0690 an hour");
  }

  @Test
  void theReadmeShowsWhatItPrints() throws IOException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));

    QuickStartOnSandbox.main(new String[0]);

    String readme =
        Files.readString(
            Paths.get(System.getProperty("phala.docs.root", ".."), "README.md"),
            StandardCharsets.UTF_8);
    String output = printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    assertThat(readme)
        .as("the Quick start's output in README.md")
        .contains("```\n" + output + "```\n");
  }
}
