package com.phala.cloud.generated;

import static com.phala.cloud.generated.Contract.JSON_MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.phala.cloud.generated.invoker.JSON;
import com.phala.cloud.generated.model.AppComposeV2;
import com.phala.cloud.generated.model.HostedCvm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated models are only useful if they keep everything the API sends. This class decodes
 * every example with the generated Gson and encodes it back: the tree must come back unchanged, so
 * no field is dropped, renamed or altered. A few typed checks pin down conversions that could
 * silently go wrong (int64 timestamps, large int32 values, enums, nulls).
 *
 * <p>Gson leaves out members whose value is null when it encodes (serializeNulls is off), so the
 * re-encoded tree is compared with the source tree minus its null-valued members.
 */
class ExamplesRoundTripThroughModelsTest {

  @Test
  void fullExampleReencodesToTheSameTree() {
    Contract.Example full = Contract.example("full");

    assertThat(reencode(full)).isEqualTo(withoutNullMembers(full.tree()));
  }

  /**
   * Fields an example leaves out may come back with the value the spec declares as their {@code
   * default} (the models initialise them with it); anything else must be as in the example.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource(Contract.EXAMPLES)
  void exampleReencodesToTheSameTreeExceptForSpecDefaults(Contract.Example example) {
    JsonNode source = withoutNullMembers(example.tree());
    JsonNode reencoded = reencode(example);

    removeSpecDefaultsAbsentFrom(
        source, reencoded, Contract.operation(Contract.LIST_CVMS).okSchema());

    assertThat(reencoded).isEqualTo(source);
  }

  @Test
  void eventTimestampDecodesAsInt64EpochMilliseconds() {
    Long timestamp = fullCvm("inference-gateway").getHosted().getEvents().get(0).getTimestamp();

    assertThat(timestamp).isEqualTo(1769815500123L);
  }

  @Test
  void memoryOfALargeVmDecodes() {
    HostedCvm cvm = fullCvm("gpu-trainer");

    assertThat(cvm.getMemory()).isEqualTo(196608);
    assertThat(cvm.getHosted().getConfiguration().getMemory()).isEqualTo(196608);
  }

  @Test
  void storageFsDecodesToItsEnumConstant() {
    AppComposeV2 compose = fullCvm("gpu-trainer").getHosted().getConfiguration().getComposeFile();

    assertThat(compose.getStorageFs()).isEqualTo(AppComposeV2.StorageFsEnum.EXT4);
  }

  @Test
  void nullKmsInfoDecodesAsNull() {
    assertThat(fullCvm("gpu-trainer").getKmsInfo()).isNull();
  }

  private static HostedCvm fullCvm(String name) {
    return Contract.example("full").decode().stream()
        .filter(cvm -> name.equals(cvm.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the full example has no CVM named " + name));
  }

  /** Decode with the generated Gson, encode with it again, and read the JSON back as a tree. */
  private static JsonNode reencode(Contract.Example example) {
    String json = new JSON().getGson().toJson(example.decode());
    try {
      return JSON_MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("Gson wrote JSON that does not parse: " + json, e);
    }
  }

  /**
   * Walks {@code reencoded} along {@code schema} and removes each member that {@code source} does
   * not have and whose value equals the spec's {@code default} for that property. Defaults are read
   * from the spec, never from the models.
   */
  private static void removeSpecDefaultsAbsentFrom(
      JsonNode source, JsonNode reencoded, JsonNode schema) {
    JsonNode type = Contract.nonNull(schema);
    if (reencoded.isArray() && source.isArray()) {
      for (int i = 0; i < Math.min(source.size(), reencoded.size()); i++) {
        removeSpecDefaultsAbsentFrom(source.get(i), reencoded.get(i), type.path("items"));
      }
    } else if (reencoded instanceof ObjectNode object && source.isObject()) {
      List<String> defaulted = new ArrayList<>();
      object
          .properties()
          .forEach(
              member -> {
                String name = member.getKey();
                JsonNode property = type.path("properties").path(name);
                if (source.has(name)) {
                  removeSpecDefaultsAbsentFrom(source.get(name), member.getValue(), property);
                } else if (member.getValue().equals(specDefault(property))) {
                  defaulted.add(name);
                }
              });
      object.remove(defaulted);
    }
  }

  /**
   * A copy of the tree without object members whose value is JSON null (array elements are kept).
   */
  private static JsonNode withoutNullMembers(JsonNode node) {
    JsonNode copy = node.deepCopy();
    removeNullMembers(copy);
    return copy;
  }

  private static void removeNullMembers(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().removeIf(member -> member.getValue().isNull());
    }
    node.forEach(ExamplesRoundTripThroughModelsTest::removeNullMembers);
  }

  /**
   * The property's {@code default}, on the property itself or on the schema it refers to; null if
   * none.
   */
  private static JsonNode specDefault(JsonNode property) {
    return property.has("default")
        ? property.get("default")
        : Contract.nonNull(property).get("default");
  }
}
