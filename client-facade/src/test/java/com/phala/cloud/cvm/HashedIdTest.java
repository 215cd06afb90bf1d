package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hashed ids (project, user, KMS) as values: what parses, what does not, equality and the wire
 * form.
 */
class HashedIdTest {

  /** Each id type: its prefix, its parser and its check. */
  static Stream<Arguments> idTypes() {
    return Stream.of(
        Arguments.of(
            "prj_",
            (Function<String, HashedId>) ProjectId::parse,
            (Predicate<String>) ProjectId::isValid),
        Arguments.of(
            "usr_",
            (Function<String, HashedId>) UserId::parse,
            (Predicate<String>) UserId::isValid),
        Arguments.of(
            "kms_", (Function<String, HashedId>) KmsId::parse, (Predicate<String>) KmsId::isValid));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void parsesThePrefixAndLettersAndDigits(
      String prefix, Function<String, HashedId> parse, Predicate<String> valid) {
    assertThat(valid.test(prefix + "0123abcdXYZ")).isTrue();
    assertThat(parse.apply(prefix + "0123abcdXYZ")).hasToString(prefix + "0123abcdXYZ");
  }

  /** The contract says {@code ^prj_.+}: what it allows is an id, however the hash looks. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void acceptsWhatTheContractsPatternAccepts(
      String prefix, Function<String, HashedId> parse, Predicate<String> valid) {
    for (String body : List.of("abc-def", "a_b.c", "a".repeat(65), "\u00e9t\u00e9", "x y")) {
      assertThat(valid.test(prefix + body)).as(prefix + body).isTrue();
      assertThat(parse.apply(prefix + body)).hasToString(prefix + body);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void thePatternIsTheContracts(
      String prefix, Function<String, HashedId> parse, Predicate<String> valid) throws Exception {
    Class<?> type = parse.apply(prefix + "0123abcd").getClass();

    assertThat(type.getField("PATTERN").get(null)).isEqualTo("^" + prefix + ".+");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void rejectsAnotherTypesPrefix(
      String prefix, Function<String, HashedId> parse, Predicate<String> valid) {
    String other = prefix.equals("prj_") ? "usr_0123abcd" : "prj_0123abcd";

    assertThat(valid.test(other)).isFalse();
    assertThatThrownBy(() -> parse.apply(other)).isInstanceOf(PhalaInvalidInputException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"project-123", "prj_", "prj_\n", "PRJ_abc", "prj abc", " prj_abc", "", "0123abcd"})
  void rejectsMalformedProjectIds(String malformed) {
    assertThat(ProjectId.isValid(malformed)).isFalse();
    assertThatThrownBy(() -> ProjectId.parse(malformed))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("prj_");
  }

  @Test
  void rejectsNull() {
    assertThat(ProjectId.isValid(null)).isFalse();
    assertThatThrownBy(() -> ProjectId.parse(null)).isInstanceOf(PhalaInvalidInputException.class);
  }

  @Test
  void theErrorMessageShowsAHugeIdShortened() {
    String huge = "x".repeat(100_000);

    assertThatThrownBy(() -> ProjectId.parse(huge))
        .isInstanceOf(PhalaInvalidInputException.class)
        .satisfies(thrown -> assertThat(thrown.getMessage()).hasSizeLessThan(400).contains("..."));
  }

  @Test
  void theErrorMessageDoesNotCarryControlCharacters() {
    assertThatThrownBy(() -> ProjectId.parse("a\r\nX-Injected: 1"))
        .satisfies(thrown -> assertThat(thrown.getMessage()).doesNotContain("\r", "\n"));
  }

  @Test
  void idsWithTheSameValueAreEqualAndHashAlike() {
    ProjectId one = ProjectId.parse("prj_7Kd2mQ9xR4");
    ProjectId same = ProjectId.parse("prj_7Kd2mQ9xR4");

    assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
  }

  @Test
  void idsDifferingOnlyInCaseAreDifferent() {
    assertThat(ProjectId.parse("prj_abc")).isNotEqualTo(ProjectId.parse("prj_ABC"));
  }

  @Test
  void anIdIsNotEqualToItsString() {
    assertThat(ProjectId.parse("prj_abc")).isNotEqualTo("prj_abc");
  }

  @Test
  void toStringIsTheWireValue() {
    assertThat(KmsId.parse("kms_4nT8pL2wQz")).hasToString("kms_4nT8pL2wQz");
    assertThat(UserId.parse("usr_0123abcd")).hasToString("usr_0123abcd");
  }

  @Test
  void userIdParsingNamesWhatTheCallerPassed() {
    assertThatThrownBy(() -> UserId.parse("alice", "The user_id filter"))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageStartingWith("The user_id filter must match the contract's pattern ^usr_.+")
        .hasMessageContaining("'alice'");
  }
}
