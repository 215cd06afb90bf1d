package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static com.phala.cloud.cvm.Examples.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every member of the examples, one at a time, given the wrong type, and every required member
 * removed or nulled: the CVM still parses, validate() reports exactly that one problem under the
 * member's JSON path, and every accessor either works or throws PhalaInvalidDataException (never a
 * NullPointerException, a Gson exception or anything else).
 */
class ContractViolationsTest {

  /** (example, index, dotted path) for every member and array item of the full example's CVMs. */
  static Stream<Arguments> everyMember() {
    List<Arguments> members = new ArrayList<>();
    for (int index = 0; index < 2; index++) {
      collectMembers(Examples.cvm(FULL, index), "", index, members);
    }
    return members.stream();
  }

  /** (example, index, dotted path) for every required member of the examples, at every level. */
  static Stream<Arguments> everyRequiredMember() {
    List<Arguments> members = new ArrayList<>();
    for (int index = 0; index < 3; index++) {
      for (String path : Examples.requiredPaths(Examples.cvm(FULL, index))) {
        members.add(Arguments.of(FULL, index, path));
      }
    }
    for (String path : Examples.requiredPaths(Examples.cvm(MINIMAL, 0))) {
      members.add(Arguments.of(MINIMAL, 0, path));
    }
    return members.stream();
  }

  @ParameterizedTest(name = "{0}[{1}].{2}")
  @MethodSource("everyMember")
  void aWrongTypedMemberIsReportedUnderItsPathAndNothingElseBreaks(
      String example, int index, String path) {
    JsonObject cvm = Examples.cvm(example, index);
    Examples.set(cvm, path, wrongTypeFor(Examples.get(cvm, path)));

    assertReportedOnlyAt(Examples.one(cvm), path);
  }

  @ParameterizedTest(name = "{0}[{1}].{2}")
  @MethodSource("everyRequiredMember")
  void aMissingRequiredMemberIsReportedUnderItsPathAndNothingElseBreaks(
      String example, int index, String path) {
    JsonObject cvm = Examples.remove(Examples.cvm(example, index), path);

    assertReportedOnlyAt(Examples.one(cvm), path);
    assertThat(Examples.one(cvm).validate().get(0)).contains("is missing");
  }

  @ParameterizedTest(name = "{0}[{1}].{2}")
  @MethodSource("everyRequiredMember")
  void aNullRequiredMemberIsReportedUnderItsPathAndNothingElseBreaks(
      String example, int index, String path) {
    JsonObject cvm = Examples.set(Examples.cvm(example, index), path, null);

    assertReportedOnlyAt(Examples.one(cvm), path);
    assertThat(Examples.one(cvm).validate().get(0)).contains("is null");
  }

  private static void assertReportedOnlyAt(Cvm cvm, String dottedPath) {
    String jsonPath = "$[0]." + dottedPath.replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
    assertThat(cvm.validate()).singleElement().asString().startsWith(jsonPath + " ");
    Map<String, Throwable> failures = Accessors.failures(cvm);
    assertThat(failures).as("some accessor reports the problem").isNotEmpty();
    assertThat(failures.values())
        .allSatisfy(
            failure ->
                assertThat(failure)
                    .isInstanceOf(PhalaInvalidDataException.class)
                    .extracting(thrown -> ((PhalaInvalidDataException) thrown).where())
                    .asString()
                    .startsWith("$[0]"));
  }

  /**
   * A value of a type the member cannot have; for a null member, a boolean (no nullable member is
   * one).
   */
  private static Object wrongTypeFor(JsonElement value) {
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
      return 42;
    }
    if (value.isJsonNull()) {
      return true;
    }
    return "not the right type";
  }

  private static void collectMembers(
      JsonElement json, String prefix, int index, List<Arguments> members) {
    if (json.isJsonObject()) {
      for (Map.Entry<String, JsonElement> member : json.getAsJsonObject().entrySet()) {
        members.add(Arguments.of(FULL, index, prefix + member.getKey()));
        collectMembers(member.getValue(), prefix + member.getKey() + ".", index, members);
      }
    } else if (json.isJsonArray()) {
      for (int i = 0; i < json.getAsJsonArray().size(); i++) {
        members.add(Arguments.of(FULL, index, prefix + i));
        collectMembers(json.getAsJsonArray().get(i), prefix + i + ".", index, members);
      }
    }
  }
}
