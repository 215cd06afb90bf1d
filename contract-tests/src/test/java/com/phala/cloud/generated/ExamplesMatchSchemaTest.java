package com.phala.cloud.generated;

import static com.phala.cloud.generated.Contract.JSON_MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples are the contract in concrete form: the sandbox serves them and the other tests
 * decode them, so they must obey the contract's own schemas. This class validates every example
 * against the {@code listCvms} 200 response schema (an {@code anyOf} of an array of {@code
 * HostedCvm} and an array of {@code CVMInfo}) as JSON Schema 2020-12, once as written and once
 * "closed" (every object schema with {@code additionalProperties: false}) so an example can only
 * use fields the spec declares; and against its own shape's branch alone, which the other shape's
 * branch must reject (the two shapes can be told apart). The negative tests prove the validator
 * bites on broken copies of the full examples and reports where the problem is.
 */
class ExamplesMatchSchemaTest {

  private static final String COMPONENTS_PREFIX = "#/components/schemas/";
  private static final JsonNode RESPONSE = Contract.operation(Contract.LIST_CVMS).okSchema();
  private static final JsonSchema OPEN = compile(RESPONSE, false);
  private static final JsonSchema CLOSED = compile(RESPONSE, true);
  private static final Map<Contract.Shape, JsonSchema> SHAPE_OPEN = shapes(false);
  private static final Map<Contract.Shape, JsonSchema> SHAPE_CLOSED = shapes(true);

  @ParameterizedTest(name = "{0}")
  @MethodSource(Contract.EXAMPLES)
  void exampleValidatesAgainstTheSpecSchemas(Contract.Example example) {
    assertThat(OPEN.validate(example.tree())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(Contract.EXAMPLES)
  void exampleUsesOnlyPropertiesTheSpecDeclares(Contract.Example example) {
    assertThat(CLOSED.validate(example.tree())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource(Contract.EXAMPLES)
  void exampleIsOfItsOwnShapeOnly(Contract.Example example) {
    SHAPE_CLOSED.forEach(
        (shape, schema) -> {
          if (shape == example.shape()) {
            assertThat(schema.validate(example.tree())).as(shape.itemSchema).isEmpty();
          } else {
            assertThat(SHAPE_OPEN.get(shape).validate(example.tree()))
                .as("%s must not pass as %s", example, shape.itemSchema)
                .isNotEmpty();
          }
        });
  }

  @Test
  void closedSchemaRejectsAPropertyTheSpecDoesNotDeclare() {
    JsonNode cvms = broken(Contract.Shape.HOSTED_CVM, "/0/hosted", h -> h.put("uptme", "2h"));

    assertThat(OPEN.validate(cvms)).as("the open schema allows unknown fields").isEmpty();
    assertRejected(CLOSED, cvms, "$[0].hosted", "additionalProperties", "uptme");
  }

  @Test
  void closedSchemaRejectsAPropertyTheSpecDoesNotDeclareInACvmInfo() {
    JsonNode cvms = broken(Contract.Shape.CVM_INFO, "/0/resource", r -> r.put("memory_gb", 4));

    assertThat(OPEN.validate(cvms)).as("the open schema allows unknown fields").isEmpty();
    assertThat(CLOSED.validate(cvms)).isNotEmpty();
    assertRejected(
        SHAPE_CLOSED.get(Contract.Shape.CVM_INFO),
        cvms,
        "$[0].resource",
        "additionalProperties",
        "memory_gb");
  }

  @Test
  void projectIdNotMatchingItsPatternIsRejected() {
    JsonNode cvms =
        broken(Contract.Shape.HOSTED_CVM, "/0", cvm -> cvm.put("project_id", "project-123"));

    assertRejected(Contract.Shape.HOSTED_CVM, cvms, "$[0].project_id", "pattern", null);
  }

  @Test
  void vcpuThatIsNotAnIntegerIsRejected() {
    JsonNode cvms = broken(Contract.Shape.HOSTED_CVM, "/0", cvm -> cvm.put("vcpu", "four"));

    assertRejected(Contract.Shape.HOSTED_CVM, cvms, "$[0].vcpu", "type", null);
  }

  @Test
  void hostedWithoutItsRequiredNameIsRejected() {
    JsonNode cvms = broken(Contract.Shape.HOSTED_CVM, "/0/hosted", hosted -> hosted.remove("name"));

    assertRejected(Contract.Shape.HOSTED_CVM, cvms, "$[0].hosted", "required", "name");
  }

  @Test
  void storageFsOutsideItsEnumIsRejected() {
    JsonNode cvms =
        broken(
            Contract.Shape.HOSTED_CVM,
            "/0/hosted/configuration/compose_file",
            compose -> compose.put("storage_fs", "btrfs"));

    assertRejected(
        Contract.Shape.HOSTED_CVM,
        cvms,
        "$[0].hosted.configuration.compose_file.storage_fs",
        "enum",
        null);
  }

  @Test
  void cvmIdNotMatchingItsPatternIsRejected() {
    JsonNode cvms = broken(Contract.Shape.CVM_INFO, "/0", cvm -> cvm.put("id", "4470d47f-ebde"));

    assertRejected(Contract.Shape.CVM_INFO, cvms, "$[0].id", "pattern", null);
  }

  @Test
  void workspaceAndUserIdsNotMatchingTheirPatternsAreRejected() {
    JsonNode cvms = broken(Contract.Shape.CVM_INFO, "/0/workspace", w -> w.put("id", "acme-ai"));
    ((ObjectNode) cvms.at("/0/creator")).put("id", 42);

    assertRejected(Contract.Shape.CVM_INFO, cvms, "$[0].workspace.id", "pattern", null);
    assertRejected(Contract.Shape.CVM_INFO, cvms, "$[0].creator.id", "type", null);
  }

  @Test
  void memoryInGbThatIsNotANumberIsRejected() {
    JsonNode cvms =
        broken(Contract.Shape.CVM_INFO, "/0/resource", r -> r.put("memory_in_gb", "4 GB"));

    assertRejected(Contract.Shape.CVM_INFO, cvms, "$[0].resource.memory_in_gb", "type", null);
  }

  @Test
  void cvmInfoWithoutItsRequiredResourceIsRejected() {
    JsonNode cvms = broken(Contract.Shape.CVM_INFO, "/0", cvm -> cvm.remove("resource"));

    assertRejected(Contract.Shape.CVM_INFO, cvms, "$[0]", "required", "resource");
  }

  @Test
  void workspaceWithoutItsRequiredNameIsRejected() {
    JsonNode cvms = broken(Contract.Shape.CVM_INFO, "/0/workspace", w -> w.remove("name"));

    assertRejected(Contract.Shape.CVM_INFO, cvms, "$[0].workspace", "required", "name");
  }

  @Test
  void closedEnumsOfTheCvmInfoTreeRejectOtherValues() {
    JsonNode cvms =
        broken(Contract.Shape.CVM_INFO, "/0/resource", r -> r.put("billing_period", "yearly"));
    ((ObjectNode) cvms.at("/0")).put("kms_type", "solana");
    ((ObjectNode) cvms.at("/0/node_info")).put("status", "online");

    assertRejected(Contract.Shape.CVM_INFO, cvms, "$[0].resource.billing_period", "enum", null);
    assertRejected(Contract.Shape.CVM_INFO, cvms, "$[0].kms_type", "enum", null);
    assertRejected(Contract.Shape.CVM_INFO, cvms, "$[0].node_info.status", "enum", null);
  }

  @Test
  void aCvmInfoWithABrokenFieldFailsTheWholeResponseSchemaToo() {
    JsonNode cvms = broken(Contract.Shape.CVM_INFO, "/0", cvm -> cvm.put("in_progress", "no"));

    assertThat(OPEN.validate(cvms)).isNotEmpty();
  }

  /** The full example of a shape with one object (at a JSON pointer) changed. */
  private static JsonNode broken(
      Contract.Shape shape, String pointer, Consumer<ObjectNode> change) {
    JsonNode cvms = Contract.example(shape.example("full")).tree();
    change.accept((ObjectNode) cvms.at(pointer));
    return cvms;
  }

  private static void assertRejected(
      Contract.Shape shape, JsonNode cvms, String location, String keyword, String property) {
    assertThat(OPEN.validate(cvms)).as("the whole response schema rejects it").isNotEmpty();
    assertRejected(SHAPE_OPEN.get(shape), cvms, location, keyword, property);
  }

  /**
   * Some error is about {@code location}, from {@code keyword}, and (when given) names {@code
   * property}.
   */
  private static void assertRejected(
      JsonSchema schema, JsonNode cvms, String location, String keyword, String property) {
    assertThat(schema.validate(cvms))
        .anySatisfy(
            error -> {
              assertThat(error.getInstanceLocation()).hasToString(location);
              assertThat(error.getType()).isEqualTo(keyword);
              if (property != null) {
                assertThat(error.getProperty()).isEqualTo(property);
              }
            });
  }

  private static Map<Contract.Shape, JsonSchema> shapes(boolean closed) {
    Map<Contract.Shape, JsonSchema> schemas = new EnumMap<>(Contract.Shape.class);
    for (Contract.Shape shape : Contract.Shape.values()) {
      schemas.put(shape, compile(shape.arraySchema(), closed));
    }
    return schemas;
  }

  /**
   * A JSON Schema 2020-12 document: {@code rootSchema} as root, components.schemas under {@code
   * $defs} and every {@code #/components/schemas/X} reference rewritten to {@code #/$defs/X}.
   */
  private static JsonSchema compile(JsonNode rootSchema, boolean closed) {
    ObjectNode root = JSON_MAPPER.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.setAll((ObjectNode) rootSchema.deepCopy());
    root.set("$defs", Contract.schemas().deepCopy());
    rewrite(root, closed);
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
  }

  private static void rewrite(JsonNode node, boolean closed) {
    if (node instanceof ObjectNode object) {
      JsonNode ref = object.path("$ref");
      if (ref.isTextual() && ref.asText().startsWith(COMPONENTS_PREFIX)) {
        object.put("$ref", "#/$defs/" + ref.asText().substring(COMPONENTS_PREFIX.length()));
      }
      if (closed && Contract.isModel(object) && !object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
    }
    node.forEach(child -> rewrite(child, closed));
  }
}
