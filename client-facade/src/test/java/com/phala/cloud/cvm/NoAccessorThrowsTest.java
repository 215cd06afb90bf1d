package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static com.phala.cloud.cvm.Examples.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On data that keeps the contract, whatever optional members are null, no public accessor of any
 * view throws anything (no NullPointerException, nothing else) and validate() finds nothing.
 * Accessors are found by reflection, so new ones are covered without editing this test.
 */
class NoAccessorThrowsTest {

  static Stream<Arguments> wellFormedCvms() {
    return Stream.of(
        Arguments.of("full[0]", Examples.cvm(FULL, 0)),
        Arguments.of("full[1]", Examples.cvm(FULL, 1)),
        Arguments.of("full[2]", Examples.cvm(FULL, 2)),
        Arguments.of("minimal[0]", Examples.cvm(MINIMAL, 0)),
        Arguments.of(
            "full[0], optional members of every object null",
            Examples.withOptionalMembersNull(Examples.cvm(FULL, 0), true)),
        Arguments.of(
            "full[1], optional members of every object null",
            Examples.withOptionalMembersNull(Examples.cvm(FULL, 1), true)),
        Arguments.of(
            "full[0], every optional member null, objects too",
            Examples.withOptionalMembersNull(Examples.cvm(FULL, 0), false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormedCvms")
  void noPublicAccessorOfAnyViewThrows(String name, JsonObject cvm) {
    assertThat(Accessors.failures(Examples.one(cvm))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormedCvms")
  void validateFindsNoProblem(String name, JsonObject cvm) {
    assertThat(Examples.one(cvm).validate()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormedCvms")
  void theWalkReachesEveryObjectOfTheCvm(String name, JsonObject cvm) {
    // Guards the two tests above: they prove something only if the walk reaches every view.
    long objects = countObjects(cvm);

    assertThat(Accessors.views(Examples.one(cvm))).hasSize((int) objects);
  }

  /** The JSON objects in {@code json}, itself included; the defaulted GpuConfig is not one. */
  private static long countObjects(com.google.gson.JsonElement json) {
    if (json.isJsonObject()) {
      return 1
          + json.getAsJsonObject().entrySet().stream()
              .mapToLong(member -> countObjects(member.getValue()))
              .sum();
    }
    if (json.isJsonArray()) {
      long count = 0;
      for (com.google.gson.JsonElement item : json.getAsJsonArray()) {
        count += countObjects(item);
      }
      return count;
    }
    return 0;
  }
}
