package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static com.phala.cloud.cvm.Examples.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Members the contract does not know, at every level, stay reachable (unknownFields(), field(name))
 * and survive toJson() with every number exactly as the server wrote it.
 */
class ForwardCompatibilityTest {
  /** A member the server might add tomorrow, with an object value so nesting is kept too. */
  private static final String ADDED =
      "{\"cooling_info\":{\"cpu\":\"EPYC\",\"rate\":1.50,\"tags\":[1,null,true]}}";

  /**
   * Every kind of object: where its unknown member goes in the example, and how to reach its view.
   */
  static Stream<Arguments> everyLevel() {
    return Stream.of(
        level("cvm", "", cvm -> cvm),
        level("hosted", "hosted.", Cvm::hosted),
        level("configuration", "hosted.configuration.", cvm -> configuration(cvm)),
        level(
            "compose_file",
            "hosted.configuration.compose_file.",
            cvm -> configuration(cvm).composeFile().orElseThrow()),
        level("port", "hosted.configuration.ports.0.", cvm -> configuration(cvm).ports().get(0)),
        level("gpus", "hosted.configuration.gpus.", cvm -> configuration(cvm).gpus().orElseThrow()),
        level(
            "gpu",
            "hosted.configuration.gpus.gpus.0.",
            cvm -> configuration(cvm).gpus().orElseThrow().gpus().get(0)),
        level("event", "hosted.events.0.", cvm -> cvm.hosted().events().get(0)),
        level("public_url", "public_urls.0.", cvm -> cvm.publicUrls().get(0)),
        level("managed_user", "managed_user.", cvm -> cvm.managedUser().orElseThrow()),
        level("node", "node.", cvm -> cvm.node().orElseThrow()),
        level("kms_info", "kms_info.", cvm -> cvm.kmsInfo().orElseThrow()));
  }

  private static Arguments level(String name, String prefix, Function<Cvm, ApiObject> view) {
    return Arguments.of(name, prefix, view);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyLevel")
  void anAddedMemberIsTheOnlyUnknownField(
      String level, String prefix, Function<Cvm, ApiObject> view) {
    ApiObject object = view.apply(Examples.one(withAddedMember(prefix)));

    assertThat(object.unknownFields()).containsOnlyKeys("cooling_info");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyLevel")
  void anAddedMembersValueIsPlainJavaWithItsNestingAndExactNumbers(
      String level, String prefix, Function<Cvm, ApiObject> view) {
    Object value =
        view.apply(Examples.one(withAddedMember(prefix))).unknownFields().get("cooling_info");

    assertThat(value).isInstanceOf(Map.class);
    Map<?, ?> info = (Map<?, ?>) value;
    assertThat(info.get("cpu")).isEqualTo("EPYC");
    assertThat(info.get("rate")).isInstanceOf(Number.class).hasToString("1.50");
    assertThat(info.get("tags"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .hasSize(3)
        .containsNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyLevel")
  void fieldReadsAnAddedMember(String level, String prefix, Function<Cvm, ApiObject> view) {
    ApiObject object = view.apply(Examples.one(withAddedMember(prefix)));

    assertThat(object.field("cooling_info"))
        .hasValueSatisfying(value -> assertThat(value).isInstanceOf(Map.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyLevel")
  void toJsonKeepsAnAddedMember(String level, String prefix, Function<Cvm, ApiObject> view) {
    JsonObject cvm = withAddedMember(prefix);

    Examples.assertSameJson(
        view.apply(Examples.one(cvm)).toJson(),
        prefix.isEmpty()
            ? cvm.toString()
            : Examples.get(cvm, prefix.substring(0, prefix.length() - 1)).toString());
  }

  @Test
  void noViewOfTheExamplesHasUnknownFields() {
    List<ApiObject> views =
        Stream.concat(Examples.list(FULL).stream(), Examples.list(MINIMAL).stream())
            .flatMap(cvm -> Accessors.views(cvm).stream())
            .toList();

    assertThat(views)
        .hasSizeGreaterThan(20)
        .allSatisfy(view -> assertThat(view.unknownFields()).as(view.path()).isEmpty());
  }

  @Test
  void anUnknownMemberThatIsNullIsListedWithANullValue() {
    Cvm cvm = Examples.one(Examples.set(Examples.cvm(MINIMAL, 0), "archived_at", null));

    assertThat(cvm.unknownFields())
        .containsOnlyKeys("archived_at")
        .containsEntry("archived_at", null);
    assertThat(cvm.field("archived_at")).isEmpty();
  }

  @Test
  void fieldReadsKnownMembersAsSent() {
    Cvm cvm = Examples.list(FULL).get(0);

    assertThat(cvm.field("name")).contains("inference-gateway");
    assertThat(cvm.field("vcpu")).hasValueSatisfying(vcpu -> assertThat(vcpu).hasToString("4"));
    assertThat(cvm.field("listed")).contains(false);
    assertThat(cvm.field("no_such_member")).isEmpty();
    assertThat(Examples.list(FULL).get(1).field("kms_info")).isEmpty();
  }

  @Test
  void fieldsHasEveryMemberInTheOrderReceived() {
    JsonObject json = Examples.cvm(FULL, 0);

    assertThat(Examples.one(json).fields().keySet()).containsExactlyElementsOf(json.keySet());
  }

  @ParameterizedTest(name = "{0}[{1}]")
  @MethodSource("exampleCvms")
  void toJsonReproducesEveryMemberOfEveryExampleCvm(String example, int index) {
    Cvm cvm = Examples.list(example).get(index);

    Examples.assertSameJson(cvm.toJson(), Examples.cvm(example, index).toString());
  }

  static Stream<Arguments> exampleCvms() {
    return Stream.of(
        Arguments.of(FULL, 0),
        Arguments.of(FULL, 1),
        Arguments.of(FULL, 2),
        Arguments.of(MINIMAL, 0));
  }

  @Test
  void toJsonKeepsEveryNumberExactlyAsWritten() {
    String literals =
        "\"exact\":{\"millis\":1769815500123,\"price\":1.50,\"beyond_double\":1e400,"
            + "\"beyond_long\":123456789012345678901234567890,\"negative_zero\":-0,\"exponent\":1E+2,"
            + "\"tiny\":0.000000000000000000000000000001,\"fraction\":-12.3400}";
    String input = "[{\"name\":\"n\",\"status\":\"running\",\"public_urls\":[]," + literals + "}]";

    Cvm cvm = CvmList.parse(input).get(0);

    assertThat(cvm.toJson()).contains(literals);
    Examples.assertSameJson(
        cvm.toJson(), JsonParser.parseString(input).getAsJsonArray().get(0).toString());
  }

  @Test
  void toJsonKeepsTheExampleTimestampDigits() {
    assertThat(Examples.list(FULL).get(0).hosted().events().get(0).toJson())
        .contains("\"timestamp\":1769815500123");
  }

  @Test
  void toJsonKeepsStringsWithEscapesIntact() {
    String tricky =
        "quote \" backslash \\ newline \n tab \t html </script> & unicode \u00e9\u2028 emoji \ud83d\ude80 nul \u0000";
    JsonObject json = Examples.set(Examples.cvm(MINIMAL, 0), "note", tricky);

    Cvm cvm = Examples.one(json);

    assertThat(JsonParser.parseString(cvm.toJson()).getAsJsonObject().get("note").getAsString())
        .isEqualTo(tricky);
    assertThat(cvm.unknownFields()).containsEntry("note", tricky);
  }

  private static JsonObject withAddedMember(String prefix) {
    // The running CVM has every kind of object but a GPU; give it the GPU VM's GPUs.
    JsonObject cvm =
        Examples.set(
            Examples.cvm(FULL, 0),
            "hosted.configuration.gpus",
            Examples.get(Examples.cvm(FULL, 1), "hosted.configuration.gpus"));
    return Examples.set(
        cvm,
        prefix + "cooling_info",
        JsonParser.parseString(ADDED).getAsJsonObject().get("cooling_info"));
  }

  private static CvmConfiguration configuration(Cvm cvm) {
    return cvm.hosted().configuration().orElseThrow();
  }
}
