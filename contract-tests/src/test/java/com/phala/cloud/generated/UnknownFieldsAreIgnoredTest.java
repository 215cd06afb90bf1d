package com.phala.cloud.generated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phala.cloud.generated.model.HostedCvm;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server adds fields over time, and the spec tells clients to ignore the ones they do not know.
 * This class proves the generated models do: the full example, with unknown members of every JSON
 * kind added to every object at every level, still decodes, and to exactly what the plain example
 * decodes to.
 */
class UnknownFieldsAreIgnoredTest {

  /** JSON pointers (into the full example) of one object of each kind the response nests. */
  private static final List<String> OBJECT_LEVELS =
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
          "/0/kms_info");

  @Test
  void unknownMembersAtEveryObjectLevelDoNotChangeWhatDecodes() {
    Contract.Example full = Contract.example("full");
    JsonNode payload = full.tree();
    addUnknownMembers(payload);
    assertThat(OBJECT_LEVELS)
        .as("the payload carries unknown members at every object level")
        .allSatisfy(
            level -> assertThat(payload.at(level).has("x_future_field")).as(level).isTrue());

    List<HostedCvm> decoded = Contract.decodeCvms(payload.toString());

    assertThat(decoded).isEqualTo(full.decode());
  }

  /** Adds to every object, however deep, members the spec does not declare, of every JSON kind. */
  private static void addUnknownMembers(JsonNode node) {
    node.forEach(UnknownFieldsAreIgnoredTest::addUnknownMembers);
    if (node instanceof ObjectNode object) {
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
}
