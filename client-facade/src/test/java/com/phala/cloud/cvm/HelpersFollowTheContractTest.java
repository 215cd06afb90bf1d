package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list helpers read members through the views' generated accessors and {@code Fields}
 * constants, never JSON names typed by hand: rename a member they use in the contract, and the
 * library no longer compiles (instead of compiling and silently matching nothing). This test does
 * the rename on a copy of the contract, regenerates the views as the pom does and compiles the
 * hand-written helpers against them.
 */
class HelpersFollowTheContractTest {
  @TempDir Path work;

  @Test
  void renamingAMemberAHelperUsesFailsTheBuild() throws Exception {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    String yaml =
        Files.readString(SpecDrivesTheViewsTest.openapiDir(module).resolve("phala-cloud.yaml"));
    // findByAppId reads hosted.app_id; groupByRegion reads node_info.region.
    yaml = renameIn(yaml, "VmInfo", "app_id", "application_id");
    yaml = renameIn(yaml, "NodeRef", "region", "zone");
    Files.createDirectories(work.resolve("openapi"));
    Path spec = Files.writeString(work.resolve("openapi/phala-cloud.yaml"), yaml);
    Path generated = work.resolve("generated");
    SpecDrivesTheViewsTest.generate(module, spec, generated);

    List<Path> sources = new ArrayList<>(SpecDrivesTheViewsTest.javaFiles(generated));
    Path handWritten = module.resolve("src/main/java/com/phala/cloud/cvm");
    sources.add(handWritten.resolve("CvmList.java"));
    sources.add(handWritten.resolve("CvmInfoList.java"));
    sources.add(handWritten.resolve("ViewList.java"));
    Files.createDirectories(work.resolve("classes"));
    String errors = SpecDrivesTheViewsTest.javac(sources, work.resolve("classes"));

    assertThat(errors).as("the helpers compile against the renamed contract").isNotNull();
    assertThat(errors).contains("CvmList.java", "APP_ID", "CvmInfoList.java", "REGION");
  }

  @Test
  void withTheContractAsItIsTheSameCompileSucceeds() throws Exception {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    Path spec = SpecDrivesTheViewsTest.openapiDir(module).resolve("phala-cloud.yaml");
    Path generated = work.resolve("generated");
    SpecDrivesTheViewsTest.generate(module, spec, generated);

    List<Path> sources = new ArrayList<>(SpecDrivesTheViewsTest.javaFiles(generated));
    Path handWritten = module.resolve("src/main/java/com/phala/cloud/cvm");
    sources.add(handWritten.resolve("CvmList.java"));
    sources.add(handWritten.resolve("CvmInfoList.java"));
    sources.add(handWritten.resolve("ViewList.java"));
    Files.createDirectories(work.resolve("classes"));

    assertThat(SpecDrivesTheViewsTest.javac(sources, work.resolve("classes"))).isNull();
  }

  /** {@code yaml} with the property {@code from} of schema {@code schema} named {@code to}. */
  private static String renameIn(String yaml, String schema, String from, String to) {
    int at = yaml.indexOf("\n    " + schema + ":\n");
    assertThat(at).as(schema).isPositive();
    String property = "\n        " + from + ":\n";
    int propertyAt = yaml.indexOf(property, at);
    assertThat(propertyAt).as(schema + "." + from).isPositive();
    return yaml.substring(0, propertyAt)
        + "\n        "
        + to
        + ":\n"
        + yaml.substring(propertyAt + property.length());
  }
}
