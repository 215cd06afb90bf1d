package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static com.phala.cloud.cvm.Examples.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.generated.invoker.JSON;
import com.phala.cloud.generated.model.HostedCvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** generated(): a CVM bound to the generated model, for what the view does not cover. */
class GeneratedModelTest {

  @Test
  void bindsTheRunningCvmsValues() {
    HostedCvm cvm = Examples.list(FULL).get(0).generated();

    assertThat(cvm.getName()).isEqualTo("inference-gateway");
    assertThat(cvm.getStatus()).isEqualTo("running");
    assertThat(cvm.getProjectId()).isEqualTo("prj_7Kd2mQ9xR4");
    assertThat(cvm.getVcpu()).isEqualTo(4);
    assertThat(cvm.getHosted().getUptime()).isEqualTo("1day 3h 4m 2s");
    assertThat(cvm.getHosted().getConfiguration().getMemory()).isEqualTo(8192);
    assertThat(cvm.getHosted().getConfiguration().getComposeFile().getStorageFs())
        .hasToString("zfs");
    assertThat(cvm.getHosted().getEvents().get(0).getTimestamp()).isEqualTo(1769815500123L);
    assertThat(cvm.getKmsInfo().getChainId()).isEqualTo(8453L);
    assertThat(cvm.getManagedUser().getId()).isEqualTo(1042L);
  }

  @ParameterizedTest
  @ValueSource(strings = {FULL, MINIMAL})
  void equalsWhatTheGeneratedGsonDecodesFromTheExample(String example) {
    HostedCvm[] decoded = new JSON().getGson().fromJson(Examples.text(example), HostedCvm[].class);

    assertThat(Examples.list(example)).extracting(Cvm::generated).containsExactly(decoded);
  }

  @Test
  void ignoresMembersTheModelDoesNotKnow() {
    Cvm cvm = Examples.one(Examples.set(Examples.cvm(FULL, 0), "hourly_rate", 1.5));

    assertThat(cvm.generated().getName()).isEqualTo("inference-gateway");
  }

  /**
   * Bound from the tree, not from its text read again: Gson's reader stops at 255 levels, which the
   * response limits allow past, and binds a tree's numbers as it always has.
   */
  @Test
  void bindsWhatTheViewsReadNestingPastGsonsReaderLimitAndNumbersAsGsonsTreeDoes() {
    JsonObject cvm = Examples.cvm(FULL, 0);
    JsonObject deep = new JsonObject();
    JsonObject inner = deep;
    for (int i = 0; i < 300; i++) {
      JsonObject next = new JsonObject();
      inner.add("n", next);
      inner = next;
    }
    cvm.add("future_nested", deep);

    assertThat(Examples.one(Examples.set(cvm, "vcpu", 1.5)).generated().getVcpu()).isEqualTo(1);
  }

  @Test
  void aWrongTypedMemberThrowsPhalaInvalidDataExceptionNamingTheCvm() {
    Cvm cvm =
        Examples.listOf(Examples.cvm(FULL, 1), Examples.set(Examples.cvm(FULL, 0), "vcpu", "four"))
            .get(1);

    PhalaInvalidDataException thrown =
        catchThrowableOfType(PhalaInvalidDataException.class, cvm::generated);

    assertThat(thrown).isNotNull();
    assertThat(thrown.where()).isEqualTo("$[1]");
    assertThat(thrown).hasMessageStartingWith("$[1] ");
  }

  @Test
  void aWrongTypedNestedMemberThrowsPhalaInvalidDataException() {
    Cvm cvm =
        Examples.one(
            Examples.set(Examples.cvm(FULL, 0), "hosted.configuration.ports", "18080:8080"));

    assertThat(catchThrowableOfType(PhalaInvalidDataException.class, cvm::generated)).isNotNull();
  }
}
