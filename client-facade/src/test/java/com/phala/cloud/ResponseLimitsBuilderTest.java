package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.errors.PhalaInvalidInputException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ResponseLimits} is made by a builder that checks each value where it is set, so a limit
 * added later breaks no caller (a record's constructor would).
 */
class ResponseLimitsBuilderTest {
  @Test
  void aBuilderStartsFromTheDefaultsAndChangesOnlyWhatItIsTold() {
    ResponseLimits limits = ResponseLimits.builder().maxStringLength(10).build();

    assertThat(limits.maxStringLength()).isEqualTo(10);
    assertThat(limits.maxNestingDepth()).isEqualTo(ResponseLimits.DEFAULTS.maxNestingDepth());
    assertThat(limits.maxListChars()).isEqualTo(ResponseLimits.DEFAULTS.maxListChars());
    assertThat(limits).isNotEqualTo(ResponseLimits.DEFAULTS);
    assertThat(ResponseLimits.builder().build())
        .isEqualTo(ResponseLimits.DEFAULTS)
        .hasSameHashCodeAs(ResponseLimits.DEFAULTS);
    assertThat(limits.toBuilder().maxCvmChars(5).build())
        .extracting(ResponseLimits::maxStringLength, ResponseLimits::maxCvmChars)
        .containsExactly(10, 5L);
    assertThat(limits.toString()).contains("maxStringLength=10");
  }

  @Test
  void aLimitBelowOneIsRefusedWhereItIsSet() {
    ResponseLimits.Builder builder = ResponseLimits.builder();

    assertThatThrownBy(() -> builder.maxNestingDepth(-5))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessage("maxNestingDepth must be at least 1, but was -5.");
    assertThatThrownBy(() -> builder.maxListChars(0))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("maxListChars");
  }

  @Test
  void theClientsBuilderSetsTheLimitsOneWay() {
    List<String> setters =
        Arrays.stream(PhalaCloud.Builder.class.getMethods())
            .map(Method::getName)
            .filter(name -> name.startsWith("max") || name.contains("Limit"))
            .toList();

    assertThat(setters)
        .containsExactlyInAnyOrder("maxRetries", "maxConcurrentCalls", "responseLimits");
  }
}
