package com.phala.cloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of README.md and docs/*.md leads somewhere: the file or folder exists, and a
 * {@code #anchor} names a heading of the page it points at (as GitHub makes heading anchors). The
 * README was split into docs/; a moved section must not leave a link behind.
 */
class DocLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

  /** The lines outside fenced code blocks, where links and headings live. */
  private static List<String> prose(Path file) {
    List<String> prose = new ArrayList<>();
    boolean inCode = false;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.strip().startsWith("```")) {
          inCode = !inCode;
          prose.add("");
        } else {
          prose.add(inCode ? "" : line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return prose;
  }

  /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
  static String anchor(String heading) {
    return heading
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  static Set<String> anchors(Path file) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : prose(file)) {
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String base = anchor(heading.group(1));
        int n = seen.merge(base, 1, Integer::sum);
        anchors.add(n == 1 ? base : base + "-" + (n - 1));
      }
    }
    return anchors;
  }

  @Test
  void anchorsAreGithubs() {
    assertThat(anchor("The command: `phala-cvms`")).isEqualTo("the-command-phala-cvms");
    assertThat(anchor("Layout, build and quality gates"))
        .isEqualTo("layout-build-and-quality-gates");
    assertThat(anchor("`phala-cvms check`: is the server still what the contract says?"))
        .isEqualTo("phala-cvms-check-is-the-server-still-what-the-contract-says");
  }

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path file : Docs.markdownFiles()) {
      List<String> lines = prose(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher link = LINK.matcher(lines.get(i));
        while (link.find()) {
          String target = link.group(1);
          if (target.matches("^[a-z]+:.*")) {
            continue; // https:, mailto:: not ours to check offline
          }
          checked++;
          int hash = target.indexOf('#');
          String path = hash < 0 ? target : target.substring(0, hash);
          Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
          String where = Docs.root().relativize(file) + ":" + (i + 1) + ": " + target;
          if (!Files.exists(linked)) {
            broken.add(where + " (no such file)");
          } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
            broken.add(where + " (no such heading in " + Docs.root().relativize(linked) + ")");
          }
        }
      }
    }
    assertThat(checked).as("relative links checked").isGreaterThan(20);
    assertThat(broken).as("broken links in the docs").isEmpty();
  }
}
