package com.phala.cloud.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.annotations.SerializedName;
import com.phala.cloud.generated.api.CvmsApi;
import com.phala.cloud.generated.model.HostedCvm;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import retrofit2.Call;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Query;

/**
 * The models and the Retrofit interface are generated from the spec at build time; this class
 * checks that what was compiled really matches the spec on the classpath, in both directions. It
 * catches a stale generated class, a spec change the build did not pick up, and generator settings
 * that map a spec type to the wrong Java type (an int64 decoded into an Integer, for instance).
 *
 * <p>Type rules: integer with format int64 is {@code Long}, other integers {@code Integer}; boolean
 * is {@code Boolean}; number is {@code BigDecimal}; string is {@code String}, {@code
 * OffsetDateTime} with format date-time, {@code BigDecimal} with format decimal, or an enum when
 * the spec lists values (a parameter's listed values stay a {@code String}: the generator makes no
 * enum for a parameter); array is a {@code List} of its items' type; a {@code $ref} to an object or
 * enum schema is that generated class, to another schema that schema's type; no type at all (any
 * JSON) is {@code Object}, a free-form object {@code Object} or {@code Map<String, Object>}.
 * Nullable forms ({@code type: [X, "null"]}, {@code anyOf: [X, {type: "null"}]}) map as X. The 200
 * response, an inline {@code anyOf} of two arrays that no one class decodes, is the raw {@code
 * ResponseBody} in the versionless {@code listCvms} (no wrapper class is generated for it) and a
 * {@code List} of the branch's item model in each typed method (ListCvmsOverHttpTest calls them).
 */
class GeneratedCodeMatchesSpecTest {

  private static final String MODEL_PACKAGE = HostedCvm.class.getPackageName();
  private static final String UNKNOWN_ENUM_VALUE = "unknown_default_open_api";
  private static final String MODEL_SCHEMAS = "com.phala.cloud.generated.Contract#modelSchemaNames";
  private static final String ENUM_SCHEMAS = "com.phala.cloud.generated.Contract#enumSchemaNames";

  @Nested
  class Models {

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODEL_SCHEMAS)
    void objectSchemaHasAGeneratedModelClass(String schema) {
      assertThat(modelClass(schema)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODEL_SCHEMAS)
    void serializedNamesAreExactlyTheSchemaProperties(String schema) {
      List<String> properties = fieldNames(Contract.schema(schema).path("properties"));

      assertThat(serializedFields(modelClass(schema)).keySet())
          .containsExactlyInAnyOrderElementsOf(properties);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(MODEL_SCHEMAS)
    void fieldTypesMatchTheSchemaPropertyTypes(String schema) {
      Map<String, Field> fields = serializedFields(modelClass(schema));
      SoftAssertions softly = new SoftAssertions();
      Contract.schema(schema)
          .path("properties")
          .properties()
          .forEach(
              property -> {
                Field field = fields.get(property.getKey());
                if (field != null) {
                  assertJavaType(
                      softly,
                      schema + "." + property.getKey(),
                      field.getGenericType(),
                      property.getValue());
                }
              });
      softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ENUM_SCHEMAS)
    void enumSchemaHasAGeneratedEnumOfExactlyItsValues(String schema) {
      assertThat(isEnumOf(modelClass(schema), Contract.schema(schema).path("enum")))
          .as("%s lists exactly %s", schema, Contract.schema(schema).path("enum"))
          .isTrue();
    }

    @Test
    void everyGeneratedModelClassHasAnObjectOrEnumSchema() throws IOException, URISyntaxException {
      List<String> schemas = new ArrayList<>(Contract.modelSchemaNames());
      schemas.addAll(Contract.enumSchemaNames());

      assertThat(generatedModelClassNames()).isSubsetOf(schemas);
    }
  }

  @Nested
  class ListCvmsOperation {

    private final Contract.Operation operation = Contract.operation(Contract.LIST_CVMS);

    @Test
    void cvmsApiHasOneMethodNamedAfterTheOperationId() {
      assertThat(Arrays.stream(CvmsApi.class.getMethods()).map(Method::getName))
          .containsOnlyOnce(Contract.LIST_CVMS);
    }

    @Test
    void getPathIsTheSpecPathWithoutItsLeadingSlash() {
      assertThat(operation.method()).isEqualTo("get");
      assertThat(method().getAnnotation(GET.class))
          .isNotNull()
          .extracting(GET::value)
          .isEqualTo(operation.path().substring(1));
    }

    @Test
    void queryParametersAreExactlyTheSpecQueryParameters() {
      assertParametersMatch("query", Query.class, Query::value);
    }

    @Test
    void headerParametersAreExactlyTheSpecHeaderParameters() {
      assertParametersMatch("header", Header.class, Header::value);
    }

    @Test
    void returnsACallOfTheRawBodyForTheAnyOfOfTwoArrays() {
      Type returned = method().getGenericReturnType();

      assertThat(returned).isInstanceOf(ParameterizedType.class);
      assertThat(((ParameterizedType) returned).getRawType()).isEqualTo(Call.class);
      assertThat(Contract.nonNullBranches(operation.okSchema()))
          .as("the 200 response is anyOf one array per shape")
          .hasSize(Contract.Shape.values().length);
      assertThat(((ParameterizedType) returned).getActualTypeArguments()[0])
          .isEqualTo(okhttp3.ResponseBody.class);
    }

    @Test
    void eachTypedMethodReturnsAListOfTheItemModelOfItsVersionsBranch() {
      SoftAssertions softly = new SoftAssertions();
      for (JsonNode version : Contract.resolve(versionHeader().path("schema")).path("enum")) {
        Method typed = typed(version.asText());
        Contract.Shape shape = shapeOf(version.asText());
        softly
            .assertThat(typed.getGenericReturnType().getTypeName())
            .as(typed.getName())
            .isEqualTo(Call.class.getName() + "<java.util.List<" + shape.model.getName() + ">>");
        softly
            .assertThat(typed.getAnnotation(retrofit2.http.Headers.class).value())
            .as(typed.getName())
            .containsExactly("X-Phala-Version: " + version.asText());
        softly
            .assertThat(typed.getAnnotation(GET.class).value())
            .isEqualTo(operation.path().substring(1));
      }
      softly.assertAll();
    }

    @Test
    void typedMethodsTakeEveryParameterButTheVersionHeader() {
      for (JsonNode version : Contract.resolve(versionHeader().path("schema")).path("enum")) {
        Method typed = typed(version.asText());
        List<String> names = new ArrayList<>();
        for (Parameter p : typed.getParameters()) {
          names.add(
              p.isAnnotationPresent(Header.class)
                  ? p.getAnnotation(Header.class).value()
                  : p.getAnnotation(Query.class).value());
        }
        List<String> expected = new ArrayList<>();
        operation.parameters().stream()
            .map(p -> p.path("name").asText())
            .filter(n -> !n.equals("X-Phala-Version"))
            .forEach(expected::add);
        assertThat(names).as(typed.getName()).containsExactlyElementsOf(expected);
      }
    }

    /**
     * The shape a version answers with: the {@code anyOf} branch with the latest {@code
     * x-since-version} not after it (the rule the generator applies, restated from the spec).
     */
    private Contract.Shape shapeOf(String version) {
      Contract.Shape best = null;
      String bestSince = null;
      for (Contract.Shape shape : Contract.Shape.values()) {
        String since = shape.arraySchema().path("x-since-version").asText();
        if (since.compareTo(version) <= 0
            && (bestSince == null || since.compareTo(bestSince) > 0)) {
          best = shape;
          bestSince = since;
        }
      }
      return best;
    }

    private JsonNode versionHeader() {
      return operation.parameters("header").stream()
          .filter(p -> "X-Phala-Version".equals(p.path("name").asText()))
          .findFirst()
          .orElseThrow();
    }

    private Method typed(String version) {
      String name =
          Contract.LIST_CVMS
              + com.phala.cloud.generated.model.ApiVersion.fromValue(version)
                  .name()
                  .replace("_", "");
      return Arrays.stream(CvmsApi.class.getMethods())
          .filter(m -> m.getName().equals(name))
          .findFirst()
          .orElseGet(() -> fail("CvmsApi has no typed method " + name + " for " + version));
    }

    private <A extends Annotation> void assertParametersMatch(
        String in, Class<A> annotation, Function<A, String> name) {
      Map<String, Parameter> javaParameters =
          Arrays.stream(method().getParameters())
              .filter(p -> p.isAnnotationPresent(annotation))
              .collect(Collectors.toMap(p -> name.apply(p.getAnnotation(annotation)), p -> p));
      Map<String, JsonNode> specParameters =
          operation.parameters(in).stream()
              .collect(Collectors.toMap(p -> p.path("name").asText(), p -> p.path("schema")));

      assertThat(javaParameters.keySet())
          .containsExactlyInAnyOrderElementsOf(specParameters.keySet());
      SoftAssertions softly = new SoftAssertions();
      specParameters.forEach(
          (parameter, schema) -> {
            Type actual = javaParameters.get(parameter).getParameterizedType();
            if (schema.has("enum") && "string".equals(schema.path("type").asText())) {
              softly.assertThat(actual).as("%s %s", in, parameter).isEqualTo(String.class);
            } else {
              assertJavaType(softly, in + " " + parameter, actual, schema);
            }
          });
      softly.assertAll();
    }

    private Method method() {
      return Arrays.stream(CvmsApi.class.getMethods())
          .filter(m -> m.getName().equals(Contract.LIST_CVMS))
          .findFirst()
          .orElseGet(() -> fail("CvmsApi has no method " + Contract.LIST_CVMS));
    }
  }

  private static void assertJavaType(
      SoftAssertions softly, String where, Type actual, JsonNode schema) {
    softly
        .assertThat(matches(actual, schema))
        .as("%s: Java type %s does not match the spec's %s", where, actual.getTypeName(), schema)
        .isTrue();
  }

  private static boolean matches(Type actual, JsonNode schema) {
    if (schema.has("$ref")) {
      String name = Contract.refName(schema);
      JsonNode target = Contract.resolve(schema);
      return Contract.isModel(target) || Contract.isEnum(target)
          ? actual.equals(modelClass(name))
          : matches(actual, target);
    }
    if (schema.has("anyOf")) {
      List<JsonNode> branches = Contract.nonNullBranches(schema);
      return branches.size() == 1 && matches(actual, branches.get(0));
    }
    String type = nonNullType(schema);
    if (type == null) {
      return actual.equals(Object.class);
    }
    return switch (type) {
      case "integer" ->
          actual.equals(
              "int64".equals(schema.path("format").asText()) ? Long.class : Integer.class);
      case "boolean" -> actual.equals(Boolean.class);
      case "number" -> actual.equals(BigDecimal.class);
      case "string" ->
          schema.has("enum")
              ? isEnumOf(actual, schema.path("enum"))
              : switch (schema.path("format").asText()) {
                case "date-time" -> actual.equals(OffsetDateTime.class);
                case "decimal" -> actual.equals(BigDecimal.class);
                default -> actual.equals(String.class);
              };
      case "array" ->
          actual instanceof ParameterizedType list
              && list.getRawType().equals(List.class)
              && matches(list.getActualTypeArguments()[0], schema.path("items"));
      case "object" ->
          !schema.has("properties") && (actual.equals(Object.class) || isMapOfAny(actual));
      default ->
          throw new IllegalArgumentException(
              "no Java type rule for spec type '" + type + "' (" + schema + "): extend this test");
    };
  }

  /** {@code Map<String, Object>}: how the generator types a free-form object inside an array. */
  private static boolean isMapOfAny(Type actual) {
    return actual instanceof ParameterizedType map
        && map.getRawType().equals(Map.class)
        && map.getActualTypeArguments()[0].equals(String.class)
        && map.getActualTypeArguments()[1].equals(Object.class);
  }

  /**
   * {@code type} as a string, or the one non-null entry of a {@code [X, "null"]} list; null if
   * absent.
   */
  private static String nonNullType(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (!type.isArray()) {
      return type.isTextual() ? type.asText() : null;
    }
    List<String> nonNull = new ArrayList<>();
    type.forEach(
        t -> {
          if (!"null".equals(t.asText())) {
            nonNull.add(t.asText());
          }
        });
    if (nonNull.size() != 1) {
      throw new IllegalArgumentException(
          "no Java type rule for the type list " + type + ": extend this test");
    }
    return nonNull.get(0);
  }

  /**
   * A generated enum whose values (its {@code toString()}) are the non-null values the spec lists,
   * plus the generator's catch-all for values the spec does not list yet ({@code
   * enumUnknownDefaultCase}).
   */
  private static boolean isEnumOf(Type actual, JsonNode specValues) {
    if (!(actual instanceof Class<?> type) || !type.isEnum()) {
      return false;
    }
    Set<String> values =
        Stream.of(type.getEnumConstants()).map(Object::toString).collect(Collectors.toSet());
    values.remove(UNKNOWN_ENUM_VALUE);
    Set<String> specified = new HashSet<>();
    specValues.forEach(
        value -> {
          if (!value.isNull()) {
            specified.add(value.asText());
          }
        });
    return values.equals(specified);
  }

  private static Class<?> modelClass(String schema) {
    try {
      return Class.forName(MODEL_PACKAGE + "." + schema);
    } catch (ClassNotFoundException e) {
      return fail(
          "no generated model class " + MODEL_PACKAGE + "." + schema + " for schema " + schema);
    }
  }

  /** Instance fields annotated {@code @SerializedName}, by the JSON name they carry. */
  private static Map<String, Field> serializedFields(Class<?> model) {
    return Arrays.stream(model.getDeclaredFields())
        .filter(
            f ->
                !Modifier.isStatic(f.getModifiers()) && f.isAnnotationPresent(SerializedName.class))
        .collect(
            Collectors.toMap(
                f -> f.getAnnotation(SerializedName.class).value(),
                f -> f,
                (a, b) ->
                    fail(
                        "two fields serialize as " + a.getAnnotation(SerializedName.class).value()),
                TreeMap::new));
  }

  private static List<String> fieldNames(JsonNode object) {
    return object.properties().stream().map(Map.Entry::getKey).toList();
  }

  /** Top-level classes of the model package as compiled: a directory or the module's jar. */
  private static List<String> generatedModelClassNames() throws IOException, URISyntaxException {
    Path location =
        Path.of(HostedCvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String packagePath = HostedCvm.class.getPackageName().replace('.', '/') + "/";
    try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
        Stream<Path> files =
            Files.list((jar == null ? location : jar.getPath("/")).resolve(packagePath))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(file -> file.endsWith(".class") && !file.contains("$"))
          .map(file -> file.substring(0, file.length() - ".class".length()))
          .toList();
    }
  }
}
