package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The published Javadoc jar documents the public API only: the internal packages are not API, so no
 * page of theirs is in it (runs after {@code package}, on the jar the build made). Javadoc runs in
 * module mode, so the pages are under the module's name, next to its {@code module-summary.html}.
 */
class JavadocJarIT {
  @Test
  void theJavadocJarHasThePublicPackagesAndNoInternalOne() throws IOException {
    try (JarFile jar = new JarFile(System.getProperty("phala.javadoc.jar"))) {
      List<String> names = jar.stream().map(ZipEntry::getName).toList();

      assertThat(names)
          .contains(
              "com.phala.cloud/module-summary.html",
              "com.phala.cloud/com/phala/cloud/PhalaCloud.html",
              "com.phala.cloud/com/phala/cloud/cvm/CvmInfo.html",
              "com.phala.cloud/com/phala/cloud/errors/PhalaException.html")
          .noneMatch(name -> name.contains("com/phala/cloud/internal"));
    }
  }
}
