package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phala.cloud.errors.PhalaInvalidDataException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The policy for data that breaks the contract, on one list: item [1] has no hosted, item [2] a
 * null hosted.name, item [3] a vcpu of "four", items [0] and [4] are fine. The list reads whole;
 * each item's validate() names exactly its problem; the accessors throw naming the path. Only a
 * body that is not an array of objects fails the parse.
 */
class LenientListPolicyTest {
  private final CvmList list =
      Examples.listOf(
          Examples.cvm(FULL, 0),
          Examples.remove(Examples.cvm(FULL, 0), "hosted"),
          Examples.set(Examples.cvm(FULL, 0), "hosted.name", null),
          Examples.set(Examples.cvm(FULL, 0), "vcpu", "four"),
          Examples.cvm(FULL, 1));

  @Test
  void theListReadsAllFiveItems() {
    assertThat(list).hasSize(5);
    assertThat(list)
        .extracting(Cvm::name)
        .containsExactly(
            "inference-gateway",
            "inference-gateway",
            "inference-gateway",
            "inference-gateway",
            "gpu-trainer");
  }

  @Test
  void validateListsExactlyEachItemsProblem() {
    assertThat(list.get(0).validate()).isEmpty();
    assertThat(list.get(1).validate())
        .singleElement()
        .asString()
        .startsWith("$[1].hosted is missing");
    assertThat(list.get(2).validate())
        .singleElement()
        .asString()
        .startsWith("$[2].hosted.name is null");
    assertThat(list.get(3).validate())
        .singleElement()
        .asString()
        .startsWith("$[3].vcpu should be an integer");
    assertThat(list.get(4).validate()).isEmpty();
  }

  @Test
  void aMissingHostedThrowsNamingItsPath() {
    assertInvalidAt("$[1].hosted", () -> list.get(1).hosted());
  }

  @Test
  void aNullHostedNameThrowsNamingItsPath() {
    assertInvalidAt("$[2].hosted.name", () -> list.get(2).hosted().name());
  }

  @Test
  void aWrongTypedVcpuThrowsNamingItsPath() {
    assertInvalidAt("$[3].vcpu", () -> list.get(3).vcpu());
  }

  @Test
  void theBrokenItemsOtherFieldsStayReadable() {
    assertThat(list.get(1).status().known()).contains(CvmStatus.Known.RUNNING);
    assertThat(list.get(2).hosted().uptimeRaw()).isEqualTo("1day 3h 4m 2s");
    assertThat(list.get(3).memoryMb()).hasValue(8192);
  }

  @Test
  void noAccessorOfAnyItemThrowsAnythingButPhalaInvalidDataException() {
    for (Cvm cvm : list) {
      assertThat(Accessors.failures(cvm).values())
          .as(cvm.path())
          .allSatisfy(thrown -> assertThat(thrown).isInstanceOf(PhalaInvalidDataException.class));
    }
  }

  @Test
  void anItemThatIsNotAnObjectFailsTheParseNamingItsIndex() {
    String json = "[" + Examples.cvm(FULL, 0) + ",42]";

    PhalaInvalidDataException thrown =
        catchThrowableOfType(PhalaInvalidDataException.class, () -> CvmList.parse(json));

    assertThat(thrown).isNotNull();
    assertThat(thrown.where()).isEqualTo("$[1]");
    assertThat(thrown).hasMessageContaining("a number").hasMessageContaining("$[1]");
  }

  @Test
  void aBodyThatIsNotAnArrayFailsTheParseAtTheRoot() {
    PhalaInvalidDataException thrown =
        catchThrowableOfType(
            PhalaInvalidDataException.class,
            () -> CvmList.parse("{\"detail\":\"Not authenticated\"}"));

    assertThat(thrown).isNotNull();
    assertThat(thrown.where()).isEqualTo("$");
    assertThat(thrown.snippet()).contains("Not authenticated");
  }

  @Test
  void theListHelpersWorkOnTheBrokenList() {
    assertThatCode(
            () -> {
              list.findByName("gpu-trainer");
              list.findByAppId("7a1c9e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c");
              list.groupByProject();
              list.groupByNode();
              list.running();
              list.inProject(ProjectId.parse("prj_Zx81vNc3Lq"));
            })
        .doesNotThrowAnyException();
  }

  private static void assertInvalidAt(String path, ThrowingCallable accessor) {
    PhalaInvalidDataException thrown =
        catchThrowableOfType(PhalaInvalidDataException.class, accessor);

    assertThat(thrown).as("PhalaInvalidDataException from the accessor").isNotNull();
    assertThat(thrown.where()).isEqualTo(path);
    assertThat(thrown).hasMessageStartingWith(path + " ");
  }
}
