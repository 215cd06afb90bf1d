package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.cvm.ViewList;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The helpers the command reuses: redaction, the retry bound, status and project predicates. */
class PublicHelpersTest {
  private static final String KEY = "phak_secret-key-for-tests-1";
  private static final String TOKEN = "eyJToken.payload.signature";
  private static final String ENV_KEY = "phak_from-the-environment-2";

  @Test
  void redactMasksEveryCredentialTheBuilderAndItsEnvironmentKnow() {
    PhalaCloud.Builder builder =
        PhalaCloud.builder()
            .fromEnv(Map.of("PHALA_CLOUD_API_KEY", ENV_KEY, "PHALA_OIDC_TOKEN", TOKEN))
            .apiKey(KEY);
    String text = "a " + KEY + " b " + TOKEN + " c " + ENV_KEY + " cut " + KEY.substring(0, 12);

    String masked = builder.redact(text);
    assertThat(masked).doesNotContain(KEY, TOKEN, ENV_KEY, KEY.substring(0, 12)).contains("***");
    assertThat(builder.redact(null)).isNull();
    try (PhalaCloud client = builder.baseUrl("http://127.0.0.1:1/api/v1").build()) {
      assertThat(client.redact(text)).isEqualTo(masked);
    }
  }

  @Test
  void theRetryBoundIsPublic() {
    assertThat(PhalaCloud.MAX_RETRIES).isEqualTo(10);
    PhalaCloud.builder().maxRetries(PhalaCloud.MAX_RETRIES);
    assertThatThrownBy(() -> PhalaCloud.builder().maxRetries(PhalaCloud.MAX_RETRIES + 1))
        .isInstanceOf(PhalaInvalidInputException.class);
  }

  @Test
  void statusAndProjectPredicatesAreTheListsRules() {
    CvmList cvms =
        CvmList.parse(
            "[{\"status\":\"Running\",\"project_id\":\"prj_a1\"},{\"status\":\"stopped\"},"
                + "{\"status\":7}]");

    assertThat(cvms.stream().filter(ViewList.hasStatus(List.of("running"))).count()).isEqualTo(1);
    assertThat(cvms.filter(ViewList.hasStatus(List.of("running", "stopped"))::test))
        .isEqualTo(cvms.withStatus("running", "stopped"));
    assertThat(cvms.stream().filter(CvmList.isInProject(ProjectId.parse("prj_a1"))).count())
        .isEqualTo(1);
    assertThat(cvms.inProject(ProjectId.parse("prj_a1"))).hasSize(1);
  }
}
