package com.phala.cloud.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the documentation the build checks lives: the README and every page of {@code docs/}. */
final class Docs {
  private Docs() {}

  /** The repository's root ({@code phala.docs.root}, else the examples module's parent). */
  static Path root() {
    return Paths.get(System.getProperty("phala.docs.root", "..")).toAbsolutePath().normalize();
  }

  /** {@code README.md}, then the Markdown pages of {@code docs/} in name order. */
  static List<Path> markdownFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(root().resolve("README.md"));
    try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }
}
