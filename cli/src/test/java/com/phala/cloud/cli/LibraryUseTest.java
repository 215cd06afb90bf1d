package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command is a user of the library like any other: none of its classes refers to the library's
 * internals, which may change in any release.
 */
class LibraryUseTest {
  @Test
  void noClassOfTheCommandRefersToTheLibrarysInternals() throws Exception {
    Path classes =
        Path.of(PhalaCvms.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> compiled;
    try (Stream<Path> files = Files.walk(classes)) {
      compiled =
          files.filter(file -> file.toString().endsWith(".class")).collect(Collectors.toList());
    }

    assertThat(compiled).hasSizeGreaterThan(10);
    for (Path file : compiled) {
      // A class's constant pool names every class it uses, in internal form.
      String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertThat(constants)
          .as(classes.relativize(file).toString())
          .doesNotContain("com/phala/cloud/internal/");
    }
  }
}
