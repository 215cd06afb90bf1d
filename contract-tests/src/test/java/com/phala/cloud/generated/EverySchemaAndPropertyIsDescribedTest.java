package com.phala.cloud.generated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec is the reference a reader opens, and its descriptions are the Javadoc of every generated
 * model, Retrofit method and view: a schema or property without one is an accessor documented as
 * nothing. This lint fails on every schema of {@code components.schemas} and every property, at any
 * depth (inline objects, array items, {@code anyOf} branches), whose {@code description} is missing
 * or blank, naming each by its JSON pointer so the fix is one edit. A property that only {@code
 * $ref}s a schema needs its own description too: the referenced schema says what the value is, the
 * property what it means here.
 */
class EverySchemaAndPropertyIsDescribedTest {

  @Test
  void everySchemaAndEveryPropertyHasADescription() {
    List<String> undescribed = new ArrayList<>();
    for (Map.Entry<String, JsonNode> schema : Contract.schemas().properties()) {
      String pointer = "/components/schemas/" + schema.getKey();
      requireDescription(schema.getValue(), pointer, undescribed);
      walk(schema.getValue(), pointer, undescribed);
    }

    assertThat(undescribed)
        .as("schemas and properties with no description (add one in openapi/phala-cloud.yaml)")
        .isEmpty();
  }

  @Test
  void theLintSeesAPropertyWithoutADescription() {
    ObjectNode schema = Contract.schema("CvmNode").deepCopy();
    ((ObjectNode) schema.path("properties").path("name")).remove("description");
    List<String> undescribed = new ArrayList<>();

    walk(schema, "/x", undescribed);

    assertThat(undescribed).containsExactly("/x/properties/name");
  }

  /** Every property under {@code schema}, and what it nests, must be described. */
  private static void walk(JsonNode schema, String pointer, List<String> undescribed) {
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String at = pointer + "/properties/" + property.getKey();
      requireDescription(property.getValue(), at, undescribed);
      walk(property.getValue(), at, undescribed);
    }
    JsonNode items = schema.path("items");
    if (items.isObject() && !items.has("$ref")) {
      requireDescription(items, pointer + "/items", undescribed);
      walk(items, pointer + "/items", undescribed);
    }
    JsonNode anyOf = schema.path("anyOf");
    for (int i = 0; i < anyOf.size(); i++) {
      walk(anyOf.get(i), pointer + "/anyOf/" + i, undescribed);
    }
  }

  private static void requireDescription(JsonNode node, String pointer, List<String> undescribed) {
    if (node.path("description").asText().isBlank()) {
      undescribed.add(pointer);
    }
  }
}
