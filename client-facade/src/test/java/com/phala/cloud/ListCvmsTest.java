package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.cvm.CvmList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A successful listing end to end: the contract's examples, served as they ship in the generated
 * jar, decode through {@code cvms().list(...)} (the CVM model itself is tested elsewhere), and the
 * list keeps the HTTP response it came from.
 */
class ListCvmsTest {
  @RegisterExtension static final StubApi api = new StubApi();

  @Test
  void theFullExampleDecodesToItsThreeCvms() {
    api.listingReturns(StubApi.example("cvms-full.json"));

    CvmList cvms = api.client().cvms().list(CvmShape.LEGACY);

    assertThat(cvms).hasSize(3);
    assertThat(cvms)
        .extracting(cvm -> cvm.name())
        .containsExactly("inference-gateway", "gpu-trainer", "staging-api");
  }

  @Test
  void theMinimalExampleDecodes() {
    api.listingReturns(StubApi.example("cvms-minimal.json"));

    assertThat(api.client().cvms().list(CvmShape.LEGACY))
        .extracting(cvm -> cvm.name())
        .containsExactly("hello-world");
  }

  @Test
  void anEmptyArrayIsAnEmptyList() {
    api.listingReturns(StubApi.json(200, "[]"));

    assertThat(api.client().cvms().list(CvmShape.LEGACY)).isEmpty();
  }

  @Test
  void theListKeepsStatusHeadersAndRequestIdOfItsResponse() {
    api.listingReturns(
        StubApi.example("cvms-minimal.json")
            .withHeader("X-Request-ID", "req_list_42")
            .withHeader("X-RateLimit-Remaining", "99"));

    ResponseInfo response = api.client().cvms().list(CvmShape.LEGACY).response().orElseThrow();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.requestId()).contains("req_list_42");
    assertThat(response.header("x-ratelimit-remaining")).contains("99");
    assertThat(response.headers().get("Content-Type")).containsExactly("application/json");
  }

  @Test
  void withoutARequestIdHeaderTheListHasNoRequestId() {
    api.listingReturns(StubApi.json(200, "[]"));

    assertThat(api.client().cvms().list(CvmShape.LEGACY).response().orElseThrow().requestId())
        .isEmpty();
  }
}
