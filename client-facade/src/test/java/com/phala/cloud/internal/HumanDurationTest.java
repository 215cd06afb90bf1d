package com.phala.cloud.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The humantime durations the VM manager writes for uptime and exited_at, and what is not one. */
class HumanDurationTest {

  @ParameterizedTest(name = "\"{0}\" = {1}")
  @CsvSource({
    "2h 30m 5s, PT2H30M5S",
    "1day 3h 4m 2s, PT27H4M2S",
    "3days 4h, PT76H",
    "3days 4h 1m 9s, PT76H1M9S",
    "24h, PT24H",
    "2h30m, PT2H30M",
    "0s, PT0S",
    "1d, PT24H",
    "1w, PT168H",
    "2weeks, PT336H",
    "1week 1day, PT192H",
    "1hour 2minutes 3seconds, PT1H2M3S",
    "1hr 2min 3sec, PT1H2M3S",
    "2hours 1minute 1second, PT2H1M1S",
    "1s 500ms, PT1.5S",
    "15ms, PT0.015S",
    "2msec 3usec 4nsec, PT0.002003004S",
    "5us, PT0.000005S",
    "7ns, PT0.000000007S",
    "1s 2ms 3us 4ns, PT1.002003004S",
    "'  2h 30m  ', PT2H30M",
  })
  void readsADuration(String text, String iso) {
    assertThat(HumanDuration.parse(text)).contains(Duration.parse(iso));
  }

  @ParameterizedTest(name = "\"{0}\" = {1} s")
  @CsvSource({
    "1month, 2630016",
    "1M, 2630016",
    "2months, 5260032",
    "1year, 31557600",
    "1y, 31557600",
    "2years 1month, 65745216",
  })
  void readsMonthsAndYearsAsHumantimeCountsThem(String text, long seconds) {
    assertThat(HumanDuration.parse(text)).contains(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"never", "Never", " never "})
  void neverIsNoDuration(String never) {
    assertThat(HumanDuration.parse(never)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "5",
        "5 parsecs",
        "5parsecs",
        "",
        "   ",
        "-5s",
        "1.5h",
        "2h 30",
        "h",
        "2h,30m",
        "1day3",
        "9999999999999s",
        "nevermore"
      })
  void rejectsWhatIsNotADuration(String garbage) {
    assertThatThrownBy(() -> HumanDuration.parse(garbage))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999999999years", "200000000000y 200000000000y"})
  void rejectsADurationTooLongForJava(String huge) {
    assertThatThrownBy(() -> HumanDuration.parse(huge)).isInstanceOf(ArithmeticException.class);
  }
}
