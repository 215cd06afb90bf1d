package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.errors.PhalaInvalidDataException;
import org.junit.jupiter.api.Test;

/**
 * A number whose exponent no {@code BigDecimal} holds ({@code 1e9999999999}) is valid JSON: it is a
 * problem of the value, named by its path, never a {@code NumberFormatException}.
 */
class NumbersPastBigDecimalTest {
  private static final String HUGE = "1e9999999999";

  @Test
  void validateReportsItWhereTheContractGivesABound() {
    String json = Examples.text(Examples.FULL).replaceFirst("\"vcpu\": *\\d+", "\"vcpu\": " + HUGE);
    Cvm cvm = CvmList.parse(json).get(0);

    assertThat(cvm.validate())
        .anySatisfy(problem -> assertThat(problem).contains("vcpu", "out of any range"));
  }

  @Test
  void aDecimalAccessorThrowsTheDocumentedException() {
    String json =
        Examples.text("cvminfos-full.json")
            .replaceFirst("\"memory_in_gb\": *[0-9.]+", "\"memory_in_gb\": " + HUGE);
    CvmResourceInfo resource = CvmInfoList.parse(json).get(0).resource();

    assertThatThrownBy(resource::memoryInGb)
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageContaining("$[0].resource.memory_in_gb");
  }
}
