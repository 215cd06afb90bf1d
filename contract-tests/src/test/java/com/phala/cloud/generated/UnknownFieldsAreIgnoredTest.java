package com.phala.cloud.generated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server adds fields over time, and the spec tells clients to ignore the ones they do not know.
 * This class proves the generated models do, for both shapes of the response: each full example,
 * with unknown members of every JSON kind added to every object the spec models, at every level,
 * still decodes, and to exactly what the plain example decodes to. Free-form objects (a {@code
 * CVMInfo}'s {@code services}) keep whatever they hold, so they are left as they are.
 */
class UnknownFieldsAreIgnoredTest {

  /** JSON pointers (into each full example) of one object of each kind the response nests. */
  private static final Map<Contract.Shape, List<String>> OBJECT_LEVELS =
      Map.of(
          Contract.Shape.HOSTED_CVM,
          List.of(
              "/0", // the CVM
              "/0/hosted",
              "/0/hosted/configuration",
              "/0/hosted/configuration/compose_file",
              "/0/hosted/configuration/ports/0",
              "/0/hosted/configuration/gpus",
              "/1/hosted/configuration/gpus/gpus/0",
              "/0/hosted/events/0",
              "/0/public_urls/0",
              "/0/managed_user",
              "/0/node",
              "/0/kms_info"),
          Contract.Shape.CVM_INFO,
          List.of(
              "/0", // the CVM
              "/0/creator",
              "/0/workspace",
              "/0/resource",
              "/0/node_info",
              "/0/os",
              "/0/kms_info",
              "/0/gateway",
              "/0/endpoints/0",
              "/0/logs",
              "/2/progress"));

  static Stream<Contract.Shape> shapes() {
    return Stream.of(Contract.Shape.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void unknownMembersAtEveryObjectLevelDoNotChangeWhatDecodes(Contract.Shape shape) {
    Contract.Example full = Contract.example(shape.example("full"));
    JsonNode payload = full.tree();
    addUnknownMembers(payload, shape.arraySchema());
    assertThat(OBJECT_LEVELS.get(shape))
        .as("the payload carries unknown members at every object level")
        .allSatisfy(
            level -> assertThat(payload.at(level).has("x_future_field")).as(level).isTrue());

    List<?> decoded = shape.decode(payload.toString());

    assertThat(decoded).isEqualTo(full.decode());
  }

  /**
   * Adds to every object the spec models, however deep (found by walking the tree along {@code
   * schema}), members the spec does not declare, of every JSON kind.
   */
  static void addUnknownMembers(JsonNode node, JsonNode schema) {
    JsonNode type = Contract.nonNull(schema);
    if (node.isArray()) {
      node.forEach(item -> addUnknownMembers(item, type.path("items")));
    } else if (node instanceof ObjectNode object && Contract.isModel(type)) {
      object.properties().forEach(m -> addUnknownMembers(m.getValue(), property(type, m.getKey())));
      object.put("x_future_field", "a value no model knows");
      object.put("x_future_number", 1.5e300);
      object.put("x_future_big_integer", new BigInteger("123456789012345678901234567890"));
      object.put("x_future_flag", true);
      object.putNull("x_future_null");
      object.putArray("x_future_array").add(1).add("two").addNull().addObject().put("three", 3);
      ObjectNode nested = object.putObject("x_future_object");
      nested.putObject("inner").putArray("list").addArray().add(false);
      nested.putObject("shaped_like_a_cvm").put("name", "not a CVM").putArray("public_urls");
    }
  }

  private static JsonNode property(JsonNode objectSchema, String name) {
    return objectSchema.path("properties").path(name);
  }
}
