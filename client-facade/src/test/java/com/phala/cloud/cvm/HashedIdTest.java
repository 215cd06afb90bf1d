package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.errors.PhalaInvalidInputException;
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void acceptsABodyOfExactlySixtyFourCharacters(
      String prefix, Function<String, HashedId> parse, Predicate<String> valid) {
    String longest = prefix + "a".repeat(HashedId.MAX_BODY_LENGTH);

    assertThat(valid.test(longest)).isTrue();
    assertThat(parse.apply(longest)).hasToString(longest);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void rejectsABodyOfSixtyFiveCharacters(
      String prefix, Function<String, HashedId> parse, Predicate<String> valid) {
    String tooLong = prefix + "a".repeat(HashedId.MAX_BODY_LENGTH + 1);

    assertThat(valid.test(tooLong)).isFalse();
    assertThatThrownBy(() -> parse.apply(tooLong)).isInstanceOf(PhalaInvalidInputException.class);
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
      strings = {
        "project-123",
        "prj_",
        "prj_a-b",
        "prj_a_b",
        "prj_a.b",
        "PRJ_abc",
        "prj abc",
        " prj_abc",
        "prj_abc ",
        "prj_\u00e9t\u00e9",
        "prj_\u0661\u0662",
        "prj_abc\n",
        "",
        "0123abcd"
      })
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
    String huge = "prj_" + "x".repeat(100_000) + "-";

    assertThatThrownBy(() -> ProjectId.parse(huge))
        .isInstanceOf(PhalaInvalidInputException.class)
        .satisfies(thrown -> assertThat(thrown.getMessage()).hasSizeLessThan(400).contains("..."));
  }

  @Test
  void theErrorMessageDoesNotCarryControlCharacters() {
    assertThatThrownBy(() -> ProjectId.parse("prj_a\r\nX-Injected: 1"))
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
        .hasMessageStartingWith("The user_id filter must be 'usr_'")
        .hasMessageContaining("'alice'");
  }
}
