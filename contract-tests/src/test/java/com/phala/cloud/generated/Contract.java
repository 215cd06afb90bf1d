package com.phala.cloud.generated;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.reflect.TypeToken;
import com.phala.cloud.generated.invoker.JSON;
import com.phala.cloud.generated.model.CVMInfo;
import com.phala.cloud.generated.model.HostedCvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The contract exactly as the jar ships it: the OpenAPI document and the examples that the {@code
 * listCvms} 200 response names, read from the classpath ({@value #BASE}) so the tests check the
 * same files consumers and the sandbox get. The examples are discovered from the spec's {@code
 * externalValue} entries, so a new example file is tested as soon as the spec names it.
 *
 * <p>The spec tree is shared and read-only: copy it ({@code deepCopy()}) before changing anything.
 */
final class Contract {

  static final String BASE = "META-INF/phala-cloud/openapi/";
  static final String SPEC_RESOURCE = BASE + "phala-cloud.yaml";
  static final String LIST_CVMS = "listCvms";

  /** For {@code @MethodSource}: every example of the {@code listCvms} 200 response. */
  static final String EXAMPLES = "com.phala.cloud.generated.Contract#examples";

  static final ObjectMapper JSON_MAPPER = new ObjectMapper();
  private static final JsonNode SPEC = parse(new YAMLMapper(), read(SPEC_RESOURCE));

  private Contract() {}

  /**
   * The two shapes of the {@code listCvms} 200 response ({@code anyOf} two arrays): the item schema
   * of each, its generated model, and the prefix of the names of its examples in the spec ({@code
   * full} is a {@code HostedCvm} example, {@code cvminfo-full} a {@code CVMInfo} one).
   */
  enum Shape {
    HOSTED_CVM("HostedCvm", HostedCvm.class, ""),
    CVM_INFO("CVMInfo", CVMInfo.class, "cvminfo-");

    final String itemSchema;
    final Class<?> model;
    final String examplePrefix;

    Shape(String itemSchema, Class<?> model, String examplePrefix) {
      this.itemSchema = itemSchema;
      this.model = model;
      this.examplePrefix = examplePrefix;
    }

    /** The shape of the example named {@code name}, by its prefix. */
    static Shape ofExample(String name) {
      return name.startsWith(CVM_INFO.examplePrefix) ? CVM_INFO : HOSTED_CVM;
    }

    /** The name of this shape's example of the given kind ({@code full}, {@code minimal}). */
    String example(String kind) {
      return examplePrefix + kind;
    }

    /** The branch of the 200 response's {@code anyOf} that is an array of this shape's items. */
    JsonNode arraySchema() {
      for (JsonNode branch : nonNullBranches(operation(LIST_CVMS).okSchema())) {
        if ("array".equals(branch.path("type").asText())
            && itemSchema.equals(refName(branch.path("items")))) {
          return branch;
        }
      }
      throw new IllegalStateException("the 200 response has no array of " + itemSchema);
    }

    /** Decodes a body of this shape with the generated Gson, as a list of the generated model. */
    List<?> decode(String json) {
      Type type = TypeToken.getParameterized(List.class, model).getType();
      return new JSON().getGson().fromJson(json, type);
    }
  }

  /** One example payload of the {@code listCvms} 200 response. */
  record Example(String name, String resource, byte[] bytes) {

    Shape shape() {
      return Shape.ofExample(name);
    }

    /** A fresh tree on every call, so a test may change it. */
    JsonNode tree() {
      return parse(JSON_MAPPER, bytes);
    }

    String text() {
      return new String(bytes, UTF_8);
    }

    /** The example decoded through the generated models of its shape and their Gson. */
    List<?> decode() {
      return shape().decode(text());
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** An operation of the spec, with the path it is declared under and its HTTP method. */
  record Operation(String path, String method, JsonNode pathItem, JsonNode node) {

    /** Path-level and operation-level parameters, {@code $ref}s resolved. */
    List<JsonNode> parameters() {
      List<JsonNode> parameters = new ArrayList<>();
      pathItem.path("parameters").forEach(p -> parameters.add(resolve(p)));
      node.path("parameters").forEach(p -> parameters.add(resolve(p)));
      return parameters;
    }

    List<JsonNode> parameters(String in) {
      return parameters().stream().filter(p -> in.equals(p.path("in").asText())).toList();
    }

    JsonNode okJson() {
      return resolve(node.at("/responses/200")).at("/content/application~1json");
    }

    JsonNode okSchema() {
      return okJson().path("schema");
    }
  }

  static JsonNode schemas() {
    return SPEC.at("/components/schemas");
  }

  static JsonNode schema(String name) {
    JsonNode schema = schemas().path(name);
    if (schema.isMissingNode()) {
      throw new IllegalArgumentException("no schema " + name + " in components.schemas");
    }
    return schema;
  }

  static Operation operation(String operationId) {
    for (Map.Entry<String, JsonNode> path : SPEC.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
        if (operationId.equals(method.getValue().path("operationId").asText())) {
          return new Operation(path.getKey(), method.getKey(), path.getValue(), method.getValue());
        }
      }
    }
    throw new IllegalArgumentException("no operation " + operationId + " in the spec");
  }

  /**
   * Every example the {@code listCvms} 200 response names, loaded from its {@code externalValue}.
   */
  static List<Example> examples() {
    List<Example> examples = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry :
        operation(LIST_CVMS).okJson().path("examples").properties()) {
      JsonNode externalValue = entry.getValue().path("externalValue");
      if (!externalValue.isTextual()) {
        throw new IllegalStateException("example " + entry.getKey() + " has no externalValue");
      }
      String resource = URI.create(SPEC_RESOURCE).resolve(externalValue.asText()).toString();
      examples.add(new Example(entry.getKey(), resource, read(resource)));
    }
    if (examples.isEmpty()) {
      throw new IllegalStateException("the listCvms 200 response names no examples");
    }
    return examples;
  }

  static Example example(String name) {
    return examples().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no example " + name));
  }

  /** Follows a local {@code $ref} ({@code #/...}); any other node is returned as it is. */
  static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.path("$ref");
    if (!ref.isTextual()) {
      return node;
    }
    JsonNode target = SPEC.at(ref.asText().substring(1));
    if (target.isMissingNode()) {
      throw new IllegalArgumentException("dangling $ref " + ref.asText());
    }
    return resolve(target);
  }

  /** The name of the schema a {@code $ref} points to ({@code #/components/schemas/X} gives X). */
  static String refName(JsonNode schema) {
    String ref = schema.path("$ref").asText();
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** The branches of an {@code anyOf} that are not {@code {type: "null"}}. */
  static List<JsonNode> nonNullBranches(JsonNode schema) {
    return StreamSupport.stream(schema.path("anyOf").spliterator(), false)
        .filter(branch -> !"null".equals(branch.path("type").asText()))
        .toList();
  }

  /**
   * The schema that describes a non-null value: {@code $ref} resolved, {@code anyOf [X, null]}
   * unwrapped.
   */
  static JsonNode nonNull(JsonNode schema) {
    List<JsonNode> branches = nonNullBranches(schema);
    return resolve(branches.size() == 1 ? branches.get(0) : schema);
  }

  /** A schema that generates a model class: an object with properties. */
  static boolean isModel(JsonNode schema) {
    return "object".equals(schema.path("type").asText()) && schema.path("properties").isObject();
  }

  /** A schema that generates an enum class: a string with listed values. */
  static boolean isEnum(JsonNode schema) {
    return "string".equals(schema.path("type").asText()) && schema.path("enum").isArray();
  }

  /** Names of the components.schemas that generate an enum class. */
  static List<String> enumSchemaNames() {
    List<String> names = new ArrayList<>();
    schemas()
        .properties()
        .forEach(
            e -> {
              if (isEnum(e.getValue())) {
                names.add(e.getKey());
              }
            });
    return names;
  }

  /** Names of the components.schemas that generate a model class. */
  static List<String> modelSchemaNames() {
    List<String> names = new ArrayList<>();
    schemas()
        .properties()
        .forEach(
            e -> {
              if (isModel(e.getValue())) {
                names.add(e.getKey());
              }
            });
    return names;
  }

  private static byte[] read(String resource) {
    try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(ObjectMapper mapper, byte[] bytes) {
    try {
      return mapper.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
