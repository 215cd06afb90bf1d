package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.phala.cloud.internal.JsonMembers;
import com.phala.cloud.internal.TestTrees;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.CodegenConstants;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.openapitools.codegen.config.GlobalSettings;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The rule the views are built on: a property added to the contract becomes a typed, documented
 * accessor after the next build, with no other edit. This test adds three properties (and one
 * schema) to a copy of {@code openapi/phala-cloud.yaml}, runs the generator with the settings of
 * the pom's {@code cvm-views} execution (read from the pom, so they are written once), compiles
 * what it writes and reads real JSON through the new accessors.
 *
 * <p>The new classes are loaded by a loader of their own that also loads the hand-written classes
 * of {@code com.phala.cloud.cvm} (such as {@link ApiObject}) and the views' runtime ({@code
 * com.phala.cloud.internal.view}): the generated views call package-private members, which only
 * works within one runtime package, and the runtime must see the same {@link ApiObject}.
 */
class SpecDrivesTheViewsTest {
  private static final String PACKAGE = "com.phala.cloud.cvm";

  /** Added to {@code HostedCvm}: a nullable string, an integer with a default, a nested object. */
  private static final String NEW_PROPERTIES =
      String.join(
          "\n",
          "        maintenance_note:",
          "          type: [string, \"null\"]",
          "          description: Why the CVM is held for maintenance, as the operator wrote it.",
          "        restart_count:",
          "          type: integer",
          "          format: int32",
          "          default: 0",
          "          description: How many times the CVM was restarted by the platform.",
          "        backup_policy:",
          "          description: How the CVM is backed up; null when it is not.",
          "          anyOf:",
          "            - $ref: \"#/components/schemas/BackupPolicy\"",
          "            - type: \"null\"",
          "");

  /** A new schema, next to {@code HostedCvm}. */
  private static final String NEW_SCHEMA =
      String.join(
          "\n",
          "    BackupPolicy:",
          "      type: object",
          "      description: When a CVM is backed up and how long its backups are kept.",
          "      required:",
          "        - schedule",
          "      properties:",
          "        schedule:",
          "          type: string",
          "          description: A cron expression, in UTC.",
          "        retention_days:",
          "          type: integer",
          "          description: Days a backup is kept.",
          "");

  /** The contract's pattern for a project id, and a stricter one this test gives it. */
  private static final String PROJECT_ID_PATTERN = "pattern: ^prj_.+\n";

  private static final String STRICTER_PROJECT_ID_PATTERN = "pattern: ^prj_[A-Za-z0-9]{10}$\n";

  @TempDir static Path work;

  private static Path generated;
  private static URLClassLoader views;
  private static JsonObject cvmJson;

  @BeforeAll
  static void generateCompileAndLoad() throws Exception {
    Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    Path spec = editedSpec(openapiDir(module).resolve("phala-cloud.yaml"));
    generated = work.resolve("generated");
    generate(module, spec, generated);

    Path classes = work.resolve("classes");
    compile(generated, classes);
    URL handWritten = ApiObject.class.getProtectionDomain().getCodeSource().getLocation();
    views =
        new PackageFirstLoader(
            new URL[] {classes.toUri().toURL(), handWritten},
            SpecDrivesTheViewsTest.class.getClassLoader());

    JsonArray cvms =
        JsonParser.parseString(
                Files.readString(openapiDir(module).resolve("examples/cvms-full.json")))
            .getAsJsonArray();
    cvmJson = cvms.get(0).getAsJsonObject();
    cvmJson.addProperty("maintenance_note", "Kernel update, back at 10:00 UTC");
    cvmJson.addProperty("restart_count", 3);
    JsonObject backup = new JsonObject();
    backup.addProperty("schedule", "0 3 * * *");
    cvmJson.add("backup_policy", backup);
    cvmJson.addProperty("carbon_grams", 12); // in neither contract: stays an unknown field
  }

  @AfterAll
  static void closeLoader() throws IOException {
    if (views != null) {
      views.close();
    }
  }

  @Test
  void eachNewPropertyIsAnAccessorOfTheTypeTheTemplatesGiveIt() throws Exception {
    Class<?> cvm = views.loadClass(PACKAGE + ".Cvm");
    Class<?> backupPolicy = views.loadClass(PACKAGE + ".BackupPolicy");

    assertThat(returnType(cvm, "maintenanceNote")).isEqualTo(optionalOf(String.class));
    // Optional with a default: the plain type (an optional integer without one is OptionalInt).
    assertThat(cvm.getMethod("restartCount").getReturnType()).isEqualTo(int.class);
    assertThat(returnType(cvm, "backupPolicy")).isEqualTo(optionalOf(backupPolicy));
    assertThat(backupPolicy.getSuperclass()).isSameAs(views.loadClass(PACKAGE + ".ApiObject"));
    assertThat(backupPolicy.getMethod("schedule").getReturnType()).isEqualTo(String.class);
    assertThat(backupPolicy.getMethod("retentionDays").getReturnType())
        .isEqualTo(OptionalInt.class);
  }

  @Test
  void theAccessorsReadTheJson() throws Exception {
    Object cvm = view("Cvm", cvmJson);

    assertThat(call(cvm, "maintenanceNote"))
        .isEqualTo(Optional.of("Kernel update, back at 10:00 UTC"));
    assertThat(call(cvm, "restartCount")).isEqualTo(3);
    Object backup = ((Optional<?>) call(cvm, "backupPolicy")).orElseThrow();
    assertThat(call(backup, "schedule")).isEqualTo("0 3 * * *");
    assertThat(call(backup, "retentionDays")).isEqualTo(OptionalInt.empty());
    assertThat(call(backup, "path")).isEqualTo("$[0].backup_policy");
    assertThat(call(cvm, "validate")).asList().isEmpty();
  }

  @Test
  void absentAndNullFollowTheContract() throws Exception {
    JsonObject json = cvmJson.deepCopy();
    json.remove("restart_count");
    json.add("maintenance_note", JsonNull.INSTANCE);
    json.remove("backup_policy");
    Object cvm = view("Cvm", json);

    assertThat(call(cvm, "maintenanceNote")).isEqualTo(Optional.empty());
    assertThat(call(cvm, "restartCount")).isEqualTo(0);
    assertThat(call(cvm, "backupPolicy")).isEqualTo(Optional.empty());
  }

  @Test
  void theNewPropertiesAreCheckedByValidate() throws Exception {
    JsonObject json = cvmJson.deepCopy();
    json.addProperty("restart_count", "three");
    json.getAsJsonObject("backup_policy").remove("schedule");

    assertThat(call(view("Cvm", json), "validate"))
        .asList()
        .anySatisfy(problem -> assertThat(problem.toString()).contains("$[0].restart_count"))
        .anySatisfy(
            problem -> assertThat(problem.toString()).contains("$[0].backup_policy.schedule"));
  }

  @Test
  void theNewPropertiesAreNoLongerUnknownFields() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> unknown = (Map<String, Object>) call(view("Cvm", cvmJson), "unknownFields");
    assertThat(unknown).containsOnlyKeys("carbon_grams");
    // The same JSON through today's view: all four are unknown fields.
    Cvm today = CvmList.parse("[" + cvmJson + "]").get(0);
    assertThat(today.unknownFields())
        .containsOnlyKeys("maintenance_note", "restart_count", "backup_policy", "carbon_grams");
  }

  @Test
  void theSpecDescriptionsAreTheJavadoc() throws IOException {
    String cvm = Files.readString(generated.resolve("com/phala/cloud/cvm/Cvm.java"));
    assertThat(cvm)
        .containsPattern(
            "/\\*\\* Why the CVM is held for maintenance, as the operator wrote it\\. \\*/\\s+"
                + "public Optional<String> maintenanceNote\\(\\)")
        .containsPattern(
            "/\\*\\* How many times the CVM was restarted by the platform\\. "
                + "Default when absent: \\{@code 0\\}\\. \\*/\\s+public int restartCount\\(\\)")
        .containsPattern(
            "/\\*\\* How the CVM is backed up; null when it is not\\. \\*/\\s+"
                + "public Optional<BackupPolicy> backupPolicy\\(\\)");
    String backup = Files.readString(generated.resolve("com/phala/cloud/cvm/BackupPolicy.java"));
    assertThat(backup)
        .contains("When a CVM is backed up and how long its backups are kept.")
        .containsPattern("/\\*\\* A cron expression, in UTC\\. Required\\. \\*/\\s+public String");
  }

  @Test
  void aStricterIdPatternInTheContractIsTheRuleOfParseAndOfTheViews() throws Exception {
    Class<?> projectId = views.loadClass(PACKAGE + ".ProjectId");
    Method isValid = projectId.getMethod("isValid", String.class);

    assertThat(projectId.getField("PATTERN").get(null)).isEqualTo("^prj_[A-Za-z0-9]{10}$");
    assertThat(isValid.invoke(null, "prj_7Kd2mQ9xR4")).isEqualTo(true);
    assertThat(isValid.invoke(null, "prj_abc-def")).isEqualTo(false);
    assertThat(isValid.invoke(null, "prj_0123abcd")).isEqualTo(false);
    assertThat(call(view("Cvm", cvmJson), "projectId").toString()).contains("prj_7Kd2mQ9xR4");
    JsonObject json = cvmJson.deepCopy();
    json.addProperty("project_id", "prj_abc-def");
    assertThat(call(view("Cvm", json), "validate"))
        .asList()
        .singleElement()
        .asString()
        .contains("$[0].project_id", "^prj_[A-Za-z0-9]{10}$", "projectIdRaw()");
  }

  @Test
  void theBuiltViewsDoNotHaveThem() {
    assertThatThrownBy(() -> Cvm.class.getMethod("maintenanceNote"))
        .isInstanceOf(NoSuchMethodException.class);
    assertThatThrownBy(() -> Class.forName(PACKAGE + ".BackupPolicy"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  // ---- The edited contract ----------------------------------------------------------------------

  static Path openapiDir(Path module) {
    String configured = System.getProperty("phala.openapi.dir");
    return configured != null ? Path.of(configured) : module.resolveSibling("openapi");
  }

  /** A copy of the contract with the new properties and schema, next to it (for its $refs). */
  private static Path editedSpec(Path original) throws IOException {
    String yaml = Files.readString(original);
    int hostedCvm = yaml.indexOf("\n    HostedCvm:\n");
    assertThat(hostedCvm).as("HostedCvm in %s", original).isPositive();
    String properties = "\n      properties:\n";
    int propertiesAt = yaml.indexOf(properties, hostedCvm);
    assertThat(propertiesAt).as("HostedCvm's properties").isPositive();
    int insertAt = propertiesAt + properties.length();
    String edited =
        yaml.substring(0, hostedCvm + 1)
            + NEW_SCHEMA
            + yaml.substring(hostedCvm + 1, insertAt)
            + NEW_PROPERTIES
            + yaml.substring(insertAt);
    assertThat(edited).contains(PROJECT_ID_PATTERN);
    edited = edited.replace(PROJECT_ID_PATTERN, STRICTER_PROJECT_ID_PATTERN);
    Path copy = work.resolve("openapi/phala-cloud.yaml");
    Files.createDirectories(copy.getParent());
    return Files.writeString(copy, edited);
  }

  // ---- The generator, as the pom runs it --------------------------------------------------------

  /** Runs the generator on {@code spec} with the pom's settings for the {@code cvm-views} run. */
  static void generate(Path module, Path spec, Path output) throws Exception {
    Map<String, String> settings = cvmViewsSettings(module.resolve("pom.xml"));
    String configurationFile = settings.get("configurationFile");
    CodegenConfigurator configurator =
        (configurationFile == null
                ? new CodegenConfigurator()
                : CodegenConfigurator.fromFile(
                    configurationFile.replace("${project.basedir}", module.toString())))
            .setInputSpec(spec.toString())
            .setOutputDir(output.toString())
            .setValidateSpec(true);
    DefaultGenerator generator = new DefaultGenerator();
    generator.setGeneratorPropertyDefault(CodegenConstants.MODELS, "true");
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String value = setting.getValue().replace("${project.basedir}", module.toString());
      String name = setting.getKey();
      if (name.startsWith("configOptions.")) {
        configurator.addAdditionalProperty(name.substring("configOptions.".length()), value);
        continue;
      }
      switch (name) {
        case "inputSpec", "output", "cleanupOutput", "configurationFile" -> {} // applied above
        case "supportingFilesToGenerate" ->
            GlobalSettings.setProperty(CodegenConstants.SUPPORTING_FILES, value);
        case "generatorName" -> configurator.setGeneratorName(value);
        case "templateDirectory" -> configurator.setTemplateDir(value);
        case "modelPackage" -> configurator.setModelPackage(value);
        case "generateApis" -> generator.setGeneratorPropertyDefault(CodegenConstants.APIS, value);
        case "generateSupportingFiles" ->
            generator.setGeneratorPropertyDefault(CodegenConstants.SUPPORTING_FILES, value);
        case "generateModelTests" ->
            generator.setGeneratorPropertyDefault(CodegenConstants.MODEL_TESTS, value);
        case "generateModelDocumentation" ->
            generator.setGeneratorPropertyDefault(CodegenConstants.MODEL_DOCS, value);
        case "reservedWordsMappings" ->
            pairs(value).forEach(configurator::addAdditionalReservedWordMapping);
        case "modelNameMappings" -> pairs(value).forEach(configurator::addModelNameMapping);
        case "openapiGeneratorIgnoreList" ->
            List.of(value.split(","))
                .forEach(p -> configurator.addOpenapiGeneratorIgnoreList(p.trim()));
        default ->
            throw new AssertionError(
                "The pom's cvm-views run sets <" + name + ">, which this test does not apply yet");
      }
    }
    try {
      generator.opts(configurator.toClientOptInput()).generate();
    } finally {
      GlobalSettings.reset();
    }
  }

  /**
   * The openapi-generator plugin's configuration in {@code pom}, with the {@code cvm-views}
   * execution's over it, flattened: {@code configOptions.x} for each config option.
   */
  private static Map<String, String> cvmViewsSettings(Path pom) throws Exception {
    Element project =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(pom.toFile())
            .getDocumentElement();
    Element plugin =
        children(child(child(project, "build"), "plugins"), "plugin")
            .filter(p -> text(child(p, "artifactId")).equals("openapi-generator-maven-plugin"))
            .findFirst()
            .orElseThrow();
    Element execution =
        children(child(plugin, "executions"), "execution")
            .filter(e -> text(child(e, "id")).equals("cvm-views"))
            .findFirst()
            .orElseThrow();
    Map<String, String> settings = new LinkedHashMap<>();
    for (Element configuration :
        List.of(child(plugin, "configuration"), child(execution, "configuration"))) {
      children(configuration, null)
          .forEach(
              setting -> {
                if (setting.getTagName().equals("configOptions")) {
                  children(setting, null)
                      .forEach(o -> settings.put("configOptions." + o.getTagName(), text(o)));
                } else {
                  settings.put(setting.getTagName(), text(setting));
                }
              });
    }
    return settings;
  }

  private static Map<String, String> pairs(String csv) {
    return Stream.of(csv.split(","))
        .map(pair -> pair.trim().split("=", 2))
        .collect(
            Collectors.toMap(pair -> pair[0], pair -> pair[1], (a, b) -> b, LinkedHashMap::new));
  }

  private static Stream<Element> children(Element parent, String tag) {
    List<Element> elements = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && (tag == null || element.getTagName().equals(tag))) {
        elements.add(element);
      }
    }
    return elements.stream();
  }

  private static Element child(Element parent, String tag) {
    return children(parent, tag)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no <" + tag + ">"));
  }

  private static String text(Element element) {
    return element.getTextContent().trim();
  }

  // ---- Compiling and loading -------------------------------------------------------------------

  private static void compile(Path sources, Path classes) throws IOException {
    List<Path> files = javaFiles(sources);
    assertThat(files).anyMatch(f -> f.endsWith("BackupPolicy.java"));
    String errors = javac(files, classes);
    assertThat(errors).as("the generated views compile:%n%s", errors).isNull();
  }

  /** The Java sources under {@code root}. */
  static List<Path> javaFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(f -> f.toString().endsWith(".java")).toList();
    }
  }

  /**
   * Compiles {@code files} into {@code classes} against the test class path (sources given here win
   * over its classes); returns the compiler's errors, or {@code null} when it compiled.
   */
  static String javac(List<Path> files, Path classes) throws IOException {
    // Surefire may start the JVM on a manifest-only jar; it gives the real class path here.
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of("-classpath", classPath, "-d", classes.toString(), "-proc:none");
      boolean compiled =
          javac
              .getTask(
                  errors,
                  fileManager,
                  null,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromPaths(files))
              .call();
      return compiled ? null : errors.toString();
    }
  }

  /**
   * Loads the classes of {@code com.phala.cloud.cvm} and the views' runtime itself, generated
   * first, then hand-written; everything else from its parent.
   */
  private static final class PackageFirstLoader extends URLClassLoader {
    PackageFirstLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PACKAGE + ".") && !name.startsWith("com.phala.cloud.internal.view.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }

  /** A generated view of {@code json}, built as the library builds it (package-private). */
  private static Object view(String name, JsonObject json) throws Exception {
    Constructor<?> constructor =
        views
            .loadClass(PACKAGE + "." + name)
            .getDeclaredConstructor(JsonMembers.class, String.class);
    constructor.setAccessible(true);
    return constructor.newInstance(TestTrees.object(json.toString()), "$[0]");
  }

  private static Object call(Object view, String accessor) throws Exception {
    return view.getClass().getMethod(accessor).invoke(view);
  }

  private static String returnType(Class<?> view, String accessor) throws NoSuchMethodException {
    return view.getMethod(accessor).getGenericReturnType().getTypeName();
  }

  private static String optionalOf(Class<?> type) {
    return Optional.class.getName() + "<" + type.getName() + ">";
  }
}
