package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.errors.ContractProblem;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * problems() gives each contract problem with its path and kind, validate() is exactly its
 * messages, an accessor's exception carries the same kind, and unknownFieldPaths() finds the
 * members the contract does not declare at every depth.
 */
class ContractProblemsTest {
  private static final String DRIFTED =
      "[{\"hosted\":{\"id\":\"vm-1\",\"name\":\"a\",\"status\":\"running\",\"uptime\":\"1h\","
          + "\"app_id\":\"x\",\"machine_info\":{\"cpu\":4},"
          + "\"configuration\":{\"name\":\"a\",\"image\":\"i\",\"vcpu\":1,\"memory\":1,"
          + "\"disk_size\":1,\"gpus\":{\"gpus\":[],\"attach_mode\":\"some\"}}},"
          + "\"status\":\"running\",\"public_urls\":[],\"project_id\":\"prj-123\","
          + "\"vcpu\":\"four\",\"region\":\"eu\"},"
          + "{\"hosted\":{\"id\":\"vm-2\",\"name\":\"b\",\"status\":\"running\",\"uptime\":\"1h\","
          + "\"app_id\":\"y\"},\"name\":null,\"status\":\"running\",\"public_urls\":[],"
          + "\"region\":7}]";

  @Test
  void eachProblemHasItsPathAndKindAndValidateIsTheirMessages() {
    CvmList cvms = CvmList.parse(DRIFTED);

    List<ContractProblem> first = cvms.get(0).problems();
    assertThat(first)
        .extracting(ContractProblem::path, ContractProblem::kind)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("$[0].name", ContractProblem.Kind.MISSING),
            org.assertj.core.groups.Tuple.tuple("$[0].vcpu", ContractProblem.Kind.WRONG_TYPE),
            org.assertj.core.groups.Tuple.tuple(
                "$[0].project_id", ContractProblem.Kind.MALFORMED_ID),
            org.assertj.core.groups.Tuple.tuple(
                "$[0].hosted.configuration.gpus.attach_mode", ContractProblem.Kind.NOT_IN_ENUM));
    assertThat(cvms.get(0).validate())
        .containsExactlyElementsOf(first.stream().map(ContractProblem::message).toList());
    assertThat(cvms.get(1).problems())
        .extracting(ContractProblem::path, ContractProblem::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("$[1].name", ContractProblem.Kind.NULL));
    assertThat(first.get(0).message()).startsWith(first.get(0).path() + " ");
  }

  @Test
  void aNumberOutsideTheContractsRangeIsAnInvalidValue() {
    CvmList cvms =
        CvmList.parse(
            "[{\"name\":\"a\",\"status\":\"running\",\"public_urls\":[],\"vcpu\":-1,"
                + "\"memory\":0,\"disk_size\":1e400,"
                + "\"hosted\":{\"id\":\"vm\",\"name\":\"a\",\"status\":\"running\","
                + "\"uptime\":\"1h\",\"app_id\":\"x\",\"configuration\":{\"name\":\"a\","
                + "\"image\":\"i\",\"vcpu\":1,\"memory\":1,\"disk_size\":1,\"ports\":["
                + "{\"protocol\":\"tcp\",\"host_port\":65536,\"vm_port\":65535}]}}}]");

    assertThat(cvms.get(0).problems())
        .extracting(ContractProblem::path, ContractProblem::kind, ContractProblem::message)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "$[0].vcpu",
                ContractProblem.Kind.INVALID_VALUE,
                "$[0].vcpu is below the contract's minimum 0."),
            org.assertj.core.groups.Tuple.tuple(
                "$[0].hosted.configuration.ports[0].host_port",
                ContractProblem.Kind.INVALID_VALUE,
                "$[0].hosted.configuration.ports[0].host_port is above the contract's maximum"
                    + " 65535."))
        .noneMatch(problem -> problem.toList().get(0).equals("$[0].memory"))
        .noneMatch(problem -> problem.toList().get(0).toString().endsWith("vm_port"));
  }

  @Test
  void aNumberNoJavaNumberHoldsIsAProblemNotAnException() {
    // The exponent overflows even BigDecimal: validate() must still list, never throw.
    CvmList cvms =
        CvmList.parse(
            "[{\"name\":\"a\",\"status\":\"running\",\"public_urls\":[],"
                + "\"vcpu\":1e2147483648,\"memory\":-1e-2147483649,"
                + "\"hosted\":{\"id\":\"vm\",\"name\":\"a\",\"status\":\"running\","
                + "\"uptime\":\"1h\",\"app_id\":\"x\"}}]");

    assertThat(cvms.get(0).problems())
        .extracting(ContractProblem::path)
        .contains("$[0].vcpu", "$[0].memory");
  }

  @Test
  void anAccessorThrowsWithTheSameKind() {
    Cvm cvm = CvmList.parse(DRIFTED).get(0);

    assertThatThrownBy(cvm::projectId)
        .isInstanceOfSatisfying(
            PhalaInvalidDataException.class,
            e -> {
              assertThat(e.kind()).contains(ContractProblem.Kind.MALFORMED_ID);
              assertThat(e.where()).isEqualTo("$[0].project_id");
            });
    assertThatThrownBy(cvm::name)
        .isInstanceOfSatisfying(
            PhalaInvalidDataException.class,
            e -> assertThat(e.kind()).contains(ContractProblem.Kind.MISSING));
  }

  @Test
  void unknownFieldsAreListedByPathAtEveryDepth() {
    CvmList cvms = CvmList.parse(DRIFTED);

    Map<String, Object> unknown = cvms.get(0).unknownFieldPaths();
    assertThat(unknown).containsOnlyKeys("$[0].region", "$[0].hosted.machine_info");
    assertThat(unknown.get("$[0].region")).isEqualTo("eu");
    assertThat(unknown.get("$[0].hosted.machine_info")).isInstanceOf(Map.class);
    assertThat(cvms.get(1).unknownFieldPaths()).containsOnlyKeys("$[1].region");
    // Not problems: validate() says nothing of them.
    assertThat(cvms.get(1).validate()).noneMatch(message -> message.contains("region"));
  }

  @Test
  void theContractsOwnExamplesHaveNoProblemsAndNoUnknownFields() {
    for (String example : List.of(Examples.FULL, Examples.MINIMAL)) {
      for (Cvm cvm : CvmList.parse(Examples.text(example))) {
        assertThat(cvm.problems()).as(example).isEmpty();
        assertThat(cvm.unknownFieldPaths()).as(example).isEmpty();
      }
    }
  }

  @Test
  void generalPathsHideIndexes() {
    assertThat(ContractProblem.generalize("$[12].hosted.ports[0].x"))
        .isEqualTo("$[*].hosted.ports[*].x");
    assertThat(new ContractProblem("$[3].name", ContractProblem.Kind.NULL, "m").generalPath())
        .isEqualTo("$[*].name");
  }
}
