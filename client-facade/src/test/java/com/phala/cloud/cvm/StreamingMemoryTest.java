package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming 100,000 CVMs (about 400 MB of JSON) through PhalaCloud.cvms().stream(CvmShape.LEGACY)
 * in a child JVM capped at 64 MB of heap, and, as the control that proves the cap bites, listing
 * the same body with listCvms() in the same kind of JVM runs out of memory.
 */
class StreamingMemoryTest {
  private static final int COUNT = 100_000;

  @TempDir Path output;

  @Test
  void streamsOneHundredThousandCvmsInA64MbHeap() throws Exception {
    Child child = run("stream");

    assertThat(child.exitCode).as(child.output).isZero();
    assertThat(child.values)
        .containsEntry("count", String.valueOf(COUNT))
        .containsEntry("last", "cvm-099999");
    assertThat(Long.parseLong(child.values.get("maxHeapBytes"))).isLessThanOrEqualTo(64L << 20);
    System.out.printf(
        "Streaming %d CVMs in -Xmx64m: peak heap used %.1f MB, peak live heap after GC %.1f MB%n",
        COUNT,
        mb(child.values.get("peakHeapUsedBytes")),
        mb(child.values.get("peakLiveHeapBytes")));
  }

  @Test
  void listingTheSameBodyDoesNotFitInA64MbHeap() throws Exception {
    Child child = run("list");

    assertThat(child.exitCode).as(child.output).isEqualTo(3);
    assertThat(child.output).contains("OutOfMemoryError").doesNotContain("count=");
  }

  /**
   * Runs {@link ManyCvmsChild} in a fresh JVM with 64 MB of heap that exits on the first
   * OutOfMemoryError.
   */
  private Child run(String mode) throws IOException, InterruptedException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    File log = output.resolve(mode + ".log").toFile();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                ManyCvmsChild.class.getName(),
                mode,
                String.valueOf(COUNT))
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "The child JVM did not finish in 5 minutes: " + Files.readString(log.toPath()));
    }
    return new Child(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
  }

  private static double mb(String bytes) {
    return Long.parseLong(bytes) / (1024.0 * 1024.0);
  }

  /** A finished child: its exit code, its output and the key=value lines it printed. */
  private static final class Child {
    final int exitCode;
    final String output;
    final Map<String, String> values = new LinkedHashMap<>();

    Child(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
      for (String line : List.of(output.split("\\R"))) {
        int equals = line.indexOf('=');
        if (equals > 0 && line.substring(0, equals).matches("[A-Za-z]+")) {
          values.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
    }
  }
}
