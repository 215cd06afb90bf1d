package com.phala.cloud.generated;

import static com.phala.cloud.generated.Contract.JSON_MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.phala.cloud.generated.invoker.JSON;
import com.phala.cloud.generated.model.AppComposeV2;
import com.phala.cloud.generated.model.BillingPeriod;
import com.phala.cloud.generated.model.CVMInfo;
import com.phala.cloud.generated.model.HostedCvm;
import com.phala.cloud.generated.model.KmsType;
import com.phala.cloud.generated.model.NodeRef;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated models are only useful if they keep everything the API sends. This class decodes
 * every example with the generated Gson and encodes it back: the tree must come back unchanged, so
 * no field is dropped, renamed or altered. A few typed checks pin down conversions that could
 * silently go wrong (int64 timestamps, large int32 values, enums, nulls, date-times, decimals).
 * Both shapes of the response are covered: {@code HostedCvm} and {@code CVMInfo}.
 *
 * <p>Gson leaves out members whose value is null when it encodes (serializeNulls is off), so the
 * re-encoded tree is compared with the source tree minus its null-valued members. One change is
 * allowed, and checked: a property the spec declares as a string of {@code format: decimal} (a
 * price, {@code "0.0580"}) decodes to an exact {@code BigDecimal}, which Gson writes back as a JSON
 * number of the same value.
 */
class ExamplesRoundTripThroughModelsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("fullExamples")
  void fullExampleReencodesToTheSameTree(Contract.Example full) {
    JsonNode source = withoutNullMembers(full.tree());
    JsonNode reencoded = reencode(full);

    alignWithSpec(source, reencoded, full.shape().arraySchema(), false);

    assertThat(reencoded).isEqualTo(source);
  }

  static Stream<Contract.Example> fullExamples() {
    return Stream.of(Contract.Shape.values()).map(shape -> Contract.example(shape.example("full")));
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

    alignWithSpec(source, reencoded, example.shape().arraySchema(), true);

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

  @Test
  void createdAtDecodesAsAnOffsetDateTime() {
    assertThat(fullCvmInfo("gpu-trainer").getCreatedAt())
        .isEqualTo(OffsetDateTime.of(2025, 11, 3, 17, 45, 0, 123_456_000, ZoneOffset.UTC));
    assertThat(fullCvmInfo("chain-indexer").getProgress().getStartedAt())
        .isEqualTo(OffsetDateTime.of(2026, 3, 2, 10, 16, 2, 500_000_000, ZoneOffset.UTC));
  }

  @Test
  void computeBillingPriceDecodesAsAnExactDecimal() {
    assertThat(fullCvmInfo("inference-gateway").getResource().getComputeBillingPrice())
        .isEqualTo(new BigDecimal("0.0580"));
  }

  @Test
  void fractionalMemoryInGbDecodesExactly() {
    assertThat(fullCvmInfo("chain-indexer").getResource().getMemoryInGb())
        .isEqualTo(new BigDecimal("8.5"));
    assertThat(fullCvmInfo("inference-gateway").getResource().getMemoryInGb())
        .isEqualTo(new BigDecimal("4.0"));
  }

  @Test
  void closedEnumsOfTheCvmInfoTreeDecodeToTheirConstants() {
    CVMInfo cvm = fullCvmInfo("inference-gateway");

    assertThat(cvm.getKmsType()).isEqualTo(KmsType.BASE);
    assertThat(cvm.getResource().getBillingPeriod()).isEqualTo(BillingPeriod.HOURLY);
    assertThat(cvm.getNodeInfo().getStatus()).isEqualTo(NodeRef.StatusEnum.ONLINE);
  }

  @Test
  void nodeAndChainIdsDecodeAsInt64() {
    CVMInfo cvm = fullCvmInfo("inference-gateway");

    assertThat(cvm.getNodeInfo().getId()).isEqualTo(12L);
    assertThat(cvm.getKmsInfo().getChainId()).isEqualTo(8453L);
  }

  @Test
  void nullKmsInfoOfACvmInfoDecodesAsNull() {
    assertThat(fullCvmInfo("gpu-trainer").getKmsInfo()).isNull();
  }

  private static CVMInfo fullCvmInfo(String name) {
    return Contract.example(Contract.Shape.CVM_INFO.example("full")).decode().stream()
        .map(CVMInfo.class::cast)
        .filter(cvm -> name.equals(cvm.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the CVMInfo full example has no CVM " + name));
  }

  private static HostedCvm fullCvm(String name) {
    return Contract.example("full").decode().stream()
        .map(HostedCvm.class::cast)
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
   * Walks {@code reencoded} along {@code schema}. Where the spec declares a string of {@code
   * format: decimal} and the source has that string, a re-encoded number of the same decimal value
   * is put back as the source's string. When {@code dropDefaults}, each member that {@code source}
   * does not have and whose value equals the spec's {@code default} for that property is removed.
   * Defaults and formats are read from the spec, never from the models.
   */
  private static void alignWithSpec(
      JsonNode source, JsonNode reencoded, JsonNode schema, boolean dropDefaults) {
    JsonNode type = Contract.nonNull(schema);
    if (reencoded.isArray() && source.isArray()) {
      for (int i = 0; i < Math.min(source.size(), reencoded.size()); i++) {
        alignWithSpec(source.get(i), reencoded.get(i), type.path("items"), dropDefaults);
      }
    } else if (reencoded instanceof ObjectNode object && source.isObject()) {
      List<String> defaulted = new ArrayList<>();
      List<String> decimals = new ArrayList<>();
      object
          .properties()
          .forEach(
              member -> {
                String name = member.getKey();
                JsonNode property = type.path("properties").path(name);
                if (source.has(name)) {
                  if (isDecimalString(property)
                      && source.get(name).isTextual()
                      && member.getValue().isNumber()) {
                    assertThat(member.getValue().decimalValue())
                        .as(name)
                        .isEqualByComparingTo(new BigDecimal(source.get(name).asText()));
                    decimals.add(name);
                  } else {
                    alignWithSpec(source.get(name), member.getValue(), property, dropDefaults);
                  }
                } else if (dropDefaults && member.getValue().equals(specDefault(property))) {
                  defaulted.add(name);
                }
              });
      object.remove(defaulted);
      decimals.forEach(name -> object.set(name, TextNode.valueOf(source.get(name).asText())));
    }
  }

  /** A property the spec declares as a string of {@code format: decimal}. */
  private static boolean isDecimalString(JsonNode property) {
    JsonNode type = Contract.nonNull(property);
    return "decimal".equals(type.path("format").asText())
        && type.path("type").toString().contains("\"string\"");
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
