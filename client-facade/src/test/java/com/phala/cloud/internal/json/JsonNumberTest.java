package com.phala.cloud.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JSON number kept as its text: exact conversions when asked, and never a hang on hostile
 * literals.
 */
class JsonNumberTest {

  @Test
  void convertsAnEpochMillisecondValueExactly() {
    JsonNumber number = new JsonNumber("1769815500123");

    assertThat(number.longValueExact()).isEqualTo(1769815500123L);
    assertThat(number.longValue()).isEqualTo(1769815500123L);
  }

  @Test
  void aWholeNumberWrittenWithAFractionOrExponentIsWhole() {
    assertThat(new JsonNumber("4.0").intValueExact()).isEqualTo(4);
    assertThat(new JsonNumber("1E+2").longValueExact()).isEqualTo(100L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4.5", "1e400", "123456789012345678901234567890", "1e-400"})
  void longValueExactRefusesWhatIsNotAWholeLong(String literal) {
    assertThatThrownBy(() -> new JsonNumber(literal).longValueExact())
        .isInstanceOf(ArithmeticException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2147483648", "4.5"})
  void intValueExactRefusesWhatIsNotAWholeInt(String literal) {
    assertThatThrownBy(() -> new JsonNumber(literal).intValueExact())
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void keepsBigValuesExactly() {
    JsonNumber number = new JsonNumber("123456789012345678901234567890");

    assertThat(number.bigIntegerValueExact())
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(new JsonNumber("1.50").bigDecimalValue()).isEqualTo(new BigDecimal("1.50"));
  }

  @Test
  void numbersAreEqualWhenWrittenAlike() {
    assertThat(new JsonNumber("1.50"))
        .isEqualTo(new JsonNumber("1.50"))
        .hasSameHashCodeAs(new JsonNumber("1.50"))
        .isNotEqualTo(new JsonNumber("1.5"));
  }

  @Test
  void narrowingDropsTheFraction() {
    assertThat(new JsonNumber("-12.75").longValue()).isEqualTo(-12L);
    assertThat(new JsonNumber("12.75").intValue()).isEqualTo(12);
    assertThat(new JsonNumber("1.50").doubleValue()).isEqualTo(1.5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999999999", "-1e999999999", "1e-999999999", "9e2147483647"})
  void narrowingAHugeOrTinyExponentAnswersAtOnce(String literal) {
    JsonNumber number = new JsonNumber(literal);

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          number.longValue();
          number.intValue();
        });
  }

  @Test
  void aNumberTooLongToBeAWholeNumberInRangeIsRefusedAtOnce() {
    // A hostile body's 200,000-digit number: BigDecimal would take seconds; this must not.
    JsonNumber huge = new JsonNumber("9".repeat(200_000));
    long started = System.nanoTime();
    org.assertj.core.api.Assertions.assertThatThrownBy(huge::longValueExact)
        .isInstanceOf(ArithmeticException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(huge::intValueExact)
        .isInstanceOf(ArithmeticException.class);
    org.assertj.core.api.Assertions.assertThat(
            java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofMillis(100));
  }

  @Test
  void aLongButReasonableSpellingOfAWholeNumberStillConverts() {
    org.assertj.core.api.Assertions.assertThat(
            new JsonNumber("1" + ".0".repeat(1) + "e3").longValueExact())
        .isEqualTo(1000L);
  }
}
