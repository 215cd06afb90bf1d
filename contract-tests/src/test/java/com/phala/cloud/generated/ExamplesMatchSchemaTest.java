package com.phala.cloud.generated;

import static com.phala.cloud.generated.Contract.JSON_MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples are the contract in concrete form: the sandbox serves them and the other tests
 * decode them, so they must obey the contract's own schemas. This class validates every example
 * against the {@code listCvms} 200 response schema as JSON Schema 2020-12, once as written and once
 * "closed" (every object schema with {@code additionalProperties: false}) so an example can only
 * use fields the spec declares. The negative tests prove the validator bites on broken copies of
 * the full example and reports where the problem is.
 */
class ExamplesMatchSchemaTest {

  private static final String COMPONENTS_PREFIX = "#/components/schemas/";
  private static final JsonSchema OPEN = compile(false);
  private static final JsonSchema CLOSED = compile(true);

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

  @Test
  void closedSchemaRejectsAPropertyTheSpecDoesNotDeclare() {
    JsonNode cvms = brokenFullExample("/0/hosted", hosted -> hosted.put("uptme", "2h"));

    assertThat(OPEN.validate(cvms)).as("the open schema allows unknown fields").isEmpty();
    assertRejected(CLOSED, cvms, "$[0].hosted", "additionalProperties", "uptme");
  }

  @Test
  void projectIdNotMatchingItsPatternIsRejected() {
    JsonNode cvms = brokenFullExample("/0", cvm -> cvm.put("project_id", "project-123"));

    assertRejected(OPEN, cvms, "$[0].project_id", "pattern", null);
  }

  @Test
  void vcpuThatIsNotAnIntegerIsRejected() {
    JsonNode cvms = brokenFullExample("/0", cvm -> cvm.put("vcpu", "four"));

    assertRejected(OPEN, cvms, "$[0].vcpu", "type", null);
  }

  @Test
  void hostedWithoutItsRequiredNameIsRejected() {
    JsonNode cvms = brokenFullExample("/0/hosted", hosted -> hosted.remove("name"));

    assertRejected(OPEN, cvms, "$[0].hosted", "required", "name");
  }

  @Test
  void storageFsOutsideItsEnumIsRejected() {
    JsonNode cvms =
        brokenFullExample(
            "/0/hosted/configuration/compose_file", compose -> compose.put("storage_fs", "btrfs"));

    assertRejected(OPEN, cvms, "$[0].hosted.configuration.compose_file.storage_fs", "enum", null);
  }

  /** The full example with one object (at a JSON pointer) changed. */
  private static JsonNode brokenFullExample(String pointer, Consumer<ObjectNode> change) {
    JsonNode cvms = Contract.example("full").tree();
    change.accept((ObjectNode) cvms.at(pointer));
    return cvms;
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

  /**
   * A JSON Schema 2020-12 document: the 200 response schema as root, components.schemas under
   * {@code $defs} and every {@code #/components/schemas/X} reference rewritten to {@code
   * #/$defs/X}.
   */
  private static JsonSchema compile(boolean closed) {
    ObjectNode root = JSON_MAPPER.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.setAll((ObjectNode) Contract.operation(Contract.LIST_CVMS).okSchema().deepCopy());
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
