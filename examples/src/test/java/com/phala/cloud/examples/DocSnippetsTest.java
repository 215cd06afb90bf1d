package com.phala.cloud.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.phala.cloud.PhalaCloud;
import com.phala.cloud.testing.FakePhalaCloud;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the library and the
 * testing kit, so none goes stale: a fragment is run against the kit's fake API with a {@code
 * client} (and the {@code fake} itself) in scope, a test class shown in full is run by JUnit and
 * must pass, and the README's Quick start is {@code QuickStart.java} word for word.
 */
class DocSnippetsTest {
  /** What a fragment may use without importing it. */
  private static final String IMPORTS =
      String.join(
          "\n",
          "import com.phala.cloud.*;",
          "import com.phala.cloud.cvm.*;",
          "import com.phala.cloud.errors.*;",
          "import com.phala.cloud.testing.*;",
          "import java.math.BigDecimal;",
          "import java.time.*;",
          "import java.util.*;",
          "import java.util.concurrent.*;",
          "import java.util.stream.*;",
          "");

  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^(?:@\\S+\\s+)*(?:public\\s+|final\\s+|abstract\\s+)*(class|interface|record|enum)\\s+(\\w+)",
          Pattern.MULTILINE);
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^(?:@\\S+\\s+)*public\\s+(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)",
          Pattern.MULTILINE);
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

  @TempDir Path work;

  /** One {@code ```java} block: where it is, and its text. */
  record Snippet(Path file, int line, String code) {
    String where() {
      return Docs.root().relativize(file) + ":" + line;
    }

    boolean isCompilationUnit() {
      return PACKAGE.matcher(code).find()
          || code.lines().anyMatch(l -> l.startsWith("import "))
          || TYPE_DECLARATION.matcher(code).find();
    }
  }

  /** The {@code ```java} blocks of a Markdown file, each with the line of its first code line. */
  static List<Snippet> javaBlocks(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Snippet> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.equals("```java")) {
        continue;
      }
      int indent = lines.get(i).indexOf('`');
      StringBuilder code = new StringBuilder();
      int start = i + 1;
      for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        String line = lines.get(i);
        code.append(
                line.length() >= indent && line.substring(0, indent).isBlank()
                    ? line.substring(indent)
                    : line.strip())
            .append('\n');
      }
      blocks.add(new Snippet(file, start + 1, code.toString()));
    }
    return blocks;
  }

  private static List<Snippet> allSnippets() throws IOException {
    List<Snippet> all = new ArrayList<>();
    for (Path file : Docs.markdownFiles()) {
      all.addAll(javaBlocks(file));
    }
    return all;
  }

  @Test
  void theDocsHaveJavaSnippets() throws IOException {
    // Guards the extraction itself: a fence syntax change must not make this test vacuous.
    assertThat(allSnippets()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(javaBlocks(Docs.root().resolve("README.md"))).isNotEmpty();
  }

  @Test
  void theReadmeQuickStartIsQuickStartJava() throws IOException {
    String source =
        Files.readString(
            Docs.root().resolve("examples/src/main/java/com/phala/cloud/examples/QuickStart.java"),
            StandardCharsets.UTF_8);
    assertThat(javaBlocks(Docs.root().resolve("README.md")))
        .extracting(Snippet::code)
        .as("README.md's Quick start must be QuickStart.java, word for word")
        .contains(source);
  }

  @Test
  void everySnippetCompilesAndRuns() throws Exception {
    List<String> failures = new ArrayList<>();
    int index = 0;
    for (Snippet snippet : allSnippets()) {
      Path out = Files.createDirectories(work.resolve("s" + index++));
      String failure = compileAndRun(snippet, out, "Snippet" + index);
      if (failure != null) {
        failures.add(failure);
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " documented snippet(s) broken:\n" + String.join("\n\n", failures));
    }
  }

  /** Compiles one snippet, then runs it; null when it is fine, else what is wrong and where. */
  private static String compileAndRun(Snippet snippet, Path out, String wrapperName)
      throws Exception {
    boolean unit = snippet.isCompilationUnit();
    String source;
    String className;
    int headerLines;
    if (unit) {
      source = snippet.code();
      Matcher pub = PUBLIC_TYPE.matcher(source);
      Matcher any = TYPE_DECLARATION.matcher(source);
      className = pub.find() ? pub.group(1) : any.find() ? any.group(2) : wrapperName;
      Matcher pkg = PACKAGE.matcher(source);
      if (pkg.find()) {
        className = pkg.group(1) + "." + className;
      }
      headerLines = 0;
    } else {
      String header =
          IMPORTS
              + "class "
              + wrapperName
              + " {\n"
              + "  static void run(PhalaCloud client, FakePhalaCloud fake) throws Exception {\n";
      source = header + snippet.code() + "  }\n}\n";
      className = wrapperName;
      headerLines = (int) header.lines().count();
    }
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    Path file = Files.createDirectories(out.resolve("src")).resolve(simpleName + ".java");
    Files.writeString(file, source, StandardCharsets.UTF_8);

    String errors = compile(file, out.resolve("classes"), snippet, headerLines);
    if (errors != null) {
      return snippet.where() + ": does not compile:\n" + errors;
    }
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {out.resolve("classes").toUri().toURL()},
            DocSnippetsTest.class.getClassLoader())) {
      Class<?> compiled = Class.forName(className, true, loader);
      if (!unit) {
        return runFragment(compiled, snippet);
      }
      if (simpleName.endsWith("Test")) {
        return runTestClass(compiled, snippet);
      }
      return null; // a class with main: compiled; QuickStart is run by QuickStartTest
    }
  }

  private static String compile(Path file, Path classes, Snippet snippet, int headerLines)
      throws IOException {
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of("-classpath", testClasspath(), "-d", classes.toString(), "-proc:none", "-nowarn");
      boolean ok =
          javac
              .getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file))
              .call();
      if (ok) {
        return null;
      }
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(
            d ->
                "  "
                    + snippet.file().getFileName()
                    + ":"
                    + (snippet.line() + d.getLineNumber() - 1 - headerLines)
                    + ": "
                    + d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
  }

  /** Surefire puts the test classpath here; a plain JVM has it in java.class.path. */
  private static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private static String runFragment(Class<?> compiled, Snippet snippet) throws Exception {
    Method run = compiled.getDeclaredMethod("run", PhalaCloud.class, FakePhalaCloud.class);
    run.setAccessible(true);
    PrintStream stdout = System.out;
    try (FakePhalaCloud fake = FakePhalaCloud.start()) {
      System.setOut(new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8));
      run.invoke(null, fake.client(), fake);
      List<String> violations = fake.takeViolations();
      return violations.isEmpty()
          ? null
          : snippet.where() + ": calls the API against its contract: " + violations;
    } catch (InvocationTargetException e) {
      return snippet.where() + ": throws " + e.getCause();
    } finally {
      System.setOut(stdout);
    }
  }

  private static String runTestClass(Class<?> compiled, Snippet snippet) {
    Events tests =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(compiled))
            .execute()
            .testEvents();
    if (tests.started().count() == 0) {
      return snippet.where() + ": a test class in which JUnit found no test";
    }
    if (tests.failed().count() == 0) {
      return null;
    }
    return snippet.where()
        + ": its tests fail: "
        + tests.failed().stream()
            .map(
                e ->
                    e.getTestDescriptor().getDisplayName()
                        + " "
                        + e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                            .map(Throwable::toString)
                            .orElse(""))
            .collect(Collectors.joining("; "));
  }
}
