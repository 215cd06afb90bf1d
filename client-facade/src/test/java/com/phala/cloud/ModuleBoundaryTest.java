package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed surface, as the compiler sees it: small programs in a module of their own ({@code
 * requires com.phala.cloud}), compiled against this module (its classes and {@code module-info})
 * and its runtime dependencies on the module path, as a modular consumer builds. The public API
 * compiles, OkHttp's and the generated model's types included ({@code requires transitive}); the
 * internal packages are not exported; no class outside the library can extend a view or {@link
 * com.phala.cloud.cvm.ApiObject}. The assertions read the compiler's messages, not only its exit.
 */
class ModuleBoundaryTest {
  @TempDir Path work;

  @Test
  void aProgramOfThePublicApiCompiles() throws IOException {
    List<String> errors =
        compile(
            "import com.phala.cloud.PhalaCloud;",
            "import com.phala.cloud.cvm.ApiObject;",
            "import com.phala.cloud.cvm.Cvm;",
            "import com.phala.cloud.errors.PhalaException;",
            "import com.phala.cloud.generated.model.HostedCvm;",
            "import okhttp3.OkHttpClient;",
            "public final class Program {",
            "  static PhalaCloud client() {",
            "    return PhalaCloud.builder().apiKey(\"phak_x\").okHttpClient(new OkHttpClient()).build();",
            "  }",
            "  static String describe(Cvm cvm) {",
            "    HostedCvm model = cvm.generated();",
            "    ApiObject view = cvm;",
            "    return cvm.name() + cvm.status() + model.getName() + view.validate() + view.toJson();",
            "  }",
            "  static String message(PhalaException e) {",
            "    return e.getMessage();",
            "  }",
            "}");

    assertThat(errors).isEmpty();
  }

  /**
   * And it runs there: the module's graph is complete (it requires what its automatic dependencies
   * need at run time), given one adjustment every OkHttp 4 program on the module path makes: Okio's
   * metadata-only jar left out, as it would take the name {@code okio} from {@code okio-jvm}.
   */
  @Test
  void aProgramRunsOnTheModulePath() throws Exception {
    assertThat(
            compile(
                "import com.phala.cloud.PhalaCloud;",
                "import com.phala.cloud.cvm.Cvm;",
                "import com.phala.cloud.cvm.CvmList;",
                "import com.phala.cloud.errors.PhalaException;",
                "public final class Program {",
                "  public static void main(String[] args) throws Exception {",
                "    String body = new String(Program.class.getModule().getLayer()",
                "        .findModule(\"com.phala.cloud.generated\").orElseThrow()",
                "        .getResourceAsStream(\"META-INF/phala-cloud/openapi/examples/cvms-full.json\")",
                "        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);",
                "    Cvm cvm = CvmList.parse(body).get(0);",
                "    System.out.println(cvm + \" \" + cvm.generated().getName() + \" \" + cvm.validate());",
                "    try (PhalaCloud client =",
                "        PhalaCloud.builder().apiKey(\"phak_x\").baseUrl(\"http://127.0.0.1:9\").build()) {",
                "      client.cvms().list(com.phala.cloud.CvmShape.LEGACY);",
                "    } catch (PhalaException refused) {",
                "      System.out.println(refused.getClass().getSimpleName());",
                "    }",
                "  }",
                "}"))
        .isEmpty();

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                work.resolve("classes") + java.io.File.pathSeparator + modulePath(),
                "-m",
                "app/app.Program")
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(child.waitFor()).as(output).isZero();
    assertThat(output)
        .contains("Cvm{name=inference-gateway, status=running, project_id=prj_7Kd2mQ9xR4}")
        .contains(" inference-gateway []")
        .contains("PhalaIoException");
  }

  @Test
  void theInternalPackagesAreNotExported() throws IOException {
    List<String> errors =
        compile(
            "import com.phala.cloud.internal.JsonTree;",
            "import com.phala.cloud.internal.view.ViewJson;",
            "public final class Program {}");

    assertThat(errors)
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("package com.phala.cloud.internal is not visible")
                    .contains("does not export it"))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("package com.phala.cloud.internal.view is not visible")
                    .contains("does not export it"));
  }

  @Test
  void apiObjectCannotBeExtendedOutsideTheLibrary() throws IOException {
    // Its one constructor takes the views' runtime, which code outside cannot name...
    assertThat(compile("public abstract class Program extends com.phala.cloud.cvm.ApiObject {}"))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("constructor ApiObject in class com.phala.cloud.cvm.ApiObject")
                    .contains("cannot be applied to given types")
                    .contains("required: com.phala.cloud.internal.view.ViewJson"));
    // ...and given null, no class can implement its abstract method, which takes the runtime too.
    assertThat(
            compile(
                "public final class Program extends com.phala.cloud.cvm.ApiObject {",
                "  Program() {",
                "    super(null);",
                "  }",
                "}"))
        .singleElement()
        .satisfies(
            error ->
                assertThat(error)
                    .contains("Program is not abstract and does not override abstract method")
                    .contains("collectProblems(com.phala.cloud.internal.view.Findings)"));
    assertThat(
            compile(
                "public final class Program extends com.phala.cloud.cvm.ApiObject {",
                "  Program() {",
                "    super(null);",
                "  }",
                "  @Override",
                "  protected void collectProblems(",
                "      com.phala.cloud.internal.view.Findings problems) {}",
                "}"))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("package com.phala.cloud.internal.view is not visible")
                    .contains("does not export it"));
  }

  @Test
  void theViewsCannotBeExtendedOutsideTheLibrary() throws IOException {
    assertThat(compile("public final class Program extends com.phala.cloud.cvm.Cvm {}"))
        .anySatisfy(
            error ->
                assertThat(error).contains("cannot inherit from final com.phala.cloud.cvm.Cvm"));
    assertThat(compile("public abstract class Program extends com.phala.cloud.cvm.CvmView {}"))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("constructor CvmView in class com.phala.cloud.cvm.CvmView")
                    .contains("required: com.phala.cloud.internal.view.ViewJson"));
    assertThat(
            compile("public final class Program extends com.phala.cloud.errors.ErrorResponse {}"))
        .anySatisfy(
            error ->
                assertThat(error)
                    .contains("cannot inherit from final com.phala.cloud.errors.ErrorResponse"));
  }

  /**
   * Compiles {@code app.Program}, whose source is {@code lines} after {@code package app;}, in the
   * module {@code app} that requires this one; returns the compiler's errors, with their messages.
   */
  private List<String> compile(String... lines) throws IOException {
    Path sources = Files.createDirectories(work.resolve("src/app"));
    Files.writeString(
        work.resolve("src/module-info.java"), "module app { requires com.phala.cloud; }");
    Files.writeString(
        sources.resolve("Program.java"),
        "package app;\n" + String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      // Nothing on the class path (by default, this JVM's: the tests' own).
      files.setLocation(StandardLocation.CLASS_PATH, List.of());
      List<String> options =
          List.of(
              "--release",
              "17",
              "-proc:none",
              "--module-path",
              modulePath(),
              "-d",
              work.resolve("classes").toString());
      javac
          .getTask(
              null,
              files,
              diagnostics,
              options,
              null,
              files.getJavaFileObjects(
                  work.resolve("src/module-info.java"), sources.resolve("Program.java")))
          .call();
    }
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(diagnostic.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }

  /**
   * This module's classes (with their {@code module-info.class}), then its runtime dependencies, as
   * the build lists them ({@code target/module-path.txt}), but Okio's metadata-only jar.
   */
  private static String modulePath() throws IOException {
    Path classes = Path.of("target/classes").toAbsolutePath();
    assertThat(classes.resolve("module-info.class")).exists();
    String dependencies =
        Files.readString(Path.of("target/module-path.txt"), StandardCharsets.UTF_8).trim();
    return Stream.concat(
            Stream.of(classes.toString()),
            Arrays.stream(dependencies.split(java.io.File.pathSeparator))
                .filter(jar -> !Path.of(jar).getFileName().toString().matches("okio-[0-9].*")))
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }
}
