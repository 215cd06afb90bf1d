package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed hashed ids sent by the server (as Phala's own SDK mocks do) never fail the list: the
 * raw accessor returns the id as sent, and the typed accessor throws naming the member's path.
 */
class MalformedIdsFromServerTest {

  static Stream<String> malformedProjectIds() {
    // Each breaks the contract's pattern, ^prj_.+ (a long hash or a dash would not).
    return Stream.of("project-123", "prj_", "PRJ_abc", " prj_abc", "x".repeat(50_000));
  }

  static Stream<String> malformedKmsIds() {
    return Stream.of("kms-123", "kms_", "KMS_abc", "kms_\n", "prj_0123abcd");
  }

  /** The contract's rule, not a stricter one of this library's: these are ids. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "prj_abc-def",
        "prj_a_b.c",
        "prj_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefXYZ"
      })
  void anIdTheContractsPatternAllowsIsReadAsAnId(String id) {
    Cvm cvm = listWithSecondProjectId(id).get(1);

    assertThat(cvm.projectId()).contains(ProjectId.parse(id));
    assertThat(cvm.validate()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("malformedProjectIds")
  void theListWithAMalformedProjectIdParsesWhole(String malformed) {
    CvmList list = listWithSecondProjectId(malformed);

    assertThat(list).hasSize(3);
    assertThat(list.get(0).projectId()).contains(ProjectId.parse("prj_7Kd2mQ9xR4"));
  }

  @ParameterizedTest
  @MethodSource("malformedProjectIds")
  void projectIdRawReturnsTheMalformedIdAsSent(String malformed) {
    assertThat(listWithSecondProjectId(malformed).get(1).projectIdRaw()).contains(malformed);
  }

  @ParameterizedTest
  @MethodSource("malformedProjectIds")
  void projectIdThrowsNamingTheMembersPath(String malformed) {
    Cvm cvm = listWithSecondProjectId(malformed).get(1);

    PhalaInvalidDataException thrown =
        catchThrowableOfType(PhalaInvalidDataException.class, cvm::projectId);

    assertThat(thrown).isNotNull();
    assertThat(thrown.where()).isEqualTo("$[1].project_id");
    assertThat(thrown)
        .hasMessageContaining("$[1].project_id")
        .hasMessageContaining("projectIdRaw()");
    assertThat(thrown.getMessage()).hasSizeLessThan(500);
  }

  @ParameterizedTest
  @MethodSource("malformedProjectIds")
  void validateReportsOnlyTheMalformedProjectId(String malformed) {
    assertThat(listWithSecondProjectId(malformed).get(1).validate())
        .singleElement()
        .asString()
        .startsWith("$[1].project_id ");
  }

  @ParameterizedTest
  @MethodSource("malformedKmsIds")
  void kmsIdRawReturnsTheMalformedIdAsSent(String malformed) {
    assertThat(listWithSecondKmsId(malformed).get(1).kmsInfo().orElseThrow().idRaw())
        .isEqualTo(malformed);
  }

  @ParameterizedTest
  @MethodSource("malformedKmsIds")
  void kmsIdThrowsNamingTheMembersPath(String malformed) {
    KmsInfo kms = listWithSecondKmsId(malformed).get(1).kmsInfo().orElseThrow();

    PhalaInvalidDataException thrown =
        catchThrowableOfType(PhalaInvalidDataException.class, kms::id);

    assertThat(thrown).isNotNull();
    assertThat(thrown.where()).isEqualTo("$[1].kms_info.id");
    assertThat(thrown).hasMessageContaining("idRaw()");
  }

  @ParameterizedTest
  @MethodSource("malformedKmsIds")
  void validateReportsOnlyTheMalformedKmsId(String malformed) {
    assertThat(listWithSecondKmsId(malformed).get(1).validate())
        .singleElement()
        .asString()
        .startsWith("$[1].kms_info.id ");
  }

  private static CvmList listWithSecondProjectId(String projectId) {
    JsonObject second = Examples.set(Examples.cvm(FULL, 0), "project_id", projectId);
    return Examples.listOf(Examples.cvm(FULL, 0), second, Examples.cvm(FULL, 2));
  }

  private static CvmList listWithSecondKmsId(String kmsId) {
    JsonObject second = Examples.set(Examples.cvm(FULL, 0), "kms_info.id", kmsId);
    return Examples.listOf(Examples.cvm(FULL, 0), second);
  }
}
