package com.phala.cloud.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.phala.cloud.CvmShape;
import com.phala.cloud.ListCvmsParams;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that break the contract: each is recorded with a sentence saying what was wrong, and
 * answered as the API would (401, 422 in FastAPI's form, 404, 405), not with a confusing 404.
 */
class ContractChecksTest {
  private static FakePhalaCloud fake;

  @BeforeAll
  static void start() {
    fake = FakePhalaCloud.start();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @AfterEach
  void reset() {
    fake.reset();
  }

  @Test
  void noCredentialIs401AndAViolation() throws Exception {
    HttpResponse<String> response = Http.get(fake, "/cvms");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"detail\":\"Not authenticated\"}");
    assertThat(fake.takeViolations())
        .singleElement()
        .asString()
        .startsWith("GET /api/v1/cvms: No credential")
        .contains("X-API-Key", "Authorization: Bearer");
  }

  @Test
  void anotherSchemeOrAnApiKeyAsBearerIsAViolation() throws Exception {
    assertThat(Http.get(fake, "/cvms", "Authorization", "Basic abc").statusCode()).isEqualTo(401);
    assertThat(Http.get(fake, "/cvms", "Authorization", "Bearer phak_x").statusCode())
        .isEqualTo(200);
    assertThat(fake.takeViolations())
        .satisfiesExactly(
            basic -> assertThat(basic).contains("not a bearer token (scheme 'Basic')"),
            keyAsToken ->
                assertThat(keyAsToken).contains("API key (phak_...) was sent as a bearer"));
  }

  @Test
  void theCredentialsOfTheContractPass() throws Exception {
    assertThat(Http.get(fake, "/cvms", "X-API-Key", "phak_any").statusCode()).isEqualTo(200);
    assertThat(Http.get(fake, "/cvms", "Authorization", "Bearer eyJ.token").statusCode())
        .isEqualTo(200);
    assertThat(fake.violations()).isEmpty();
    assertThat(fake.requestCount()).isEqualTo(2);
    assertThat(fake.requests().get(1).header("authorization")).hasValue("Bearer eyJ.token");
  }

  @Test
  void anUnknownVersionIsFastApis422AndAViolation() throws Exception {
    HttpResponse<String> response = Http.list(fake, "X-Phala-Version", "2024-01-01");
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(
            JsonParser.parseString(response.body())
                .getAsJsonObject()
                .getAsJsonArray("detail")
                .get(0)
                .getAsJsonObject()
                .getAsJsonArray("loc")
                .toString())
        .isEqualTo("[\"header\",\"x-phala-version\"]");
    assertThat(response.body()).contains("'2025-10-28', '2026-01-21', '2026-05-22', '2026-06-23'");
    assertThat(fake.takeViolations())
        .singleElement()
        .asString()
        .contains("X-Phala-Version '2024-01-01' is not a version of the contract");
  }

  @Test
  void badQueryParametersAre422() throws Exception {
    HttpResponse<String> response = Http.list(fake);
    assertThat(Http.get(fake, "/cvms?user_id=alice&teepod_id=abc", "X-API-Key", "k").statusCode())
        .isEqualTo(422);
    assertThat(Http.get(fake, "/cvms?teepod_id=0", "X-API-Key", "k").body())
        .contains("greater_than_equal");
    assertThat(Http.get(fake, "/cvms?page=2", "X-API-Key", "k").statusCode()).isEqualTo(200);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fake.takeViolations())
        .satisfiesExactly(
            user -> assertThat(user).contains("user_id 'alice' is neither '0' nor"),
            teepod -> assertThat(teepod).contains("teepod_id 'abc' is not an integer"),
            zero -> assertThat(zero).contains("teepod_id 0 is not a positive integer"),
            page -> assertThat(page).contains("Query parameter 'page' is not in the contract"));
  }

  @Test
  void goodQueryParametersAreRecorded() {
    fake.client()
        .cvms()
        .list(
            CvmShape.LEGACY, ListCvmsParams.builder().userId("usr_0123abcd").teepodId(12).build());
    assertThat(fake.violations()).isEmpty();
    assertThat(fake.lastRequest().queryParameter("user_id")).hasValue("usr_0123abcd");
    assertThat(fake.lastRequest().queryParameter("teepod_id")).hasValue("12");
    assertThat(fake.lastRequest().header("X-Phala-Version")).hasValue("2025-10-28");
    assertThat(fake.lastRequest().header("X-API-Key")).hasValue(FakePhalaCloud.API_KEY);
  }

  @Test
  void anotherPathOrMethodIsNamed() throws Exception {
    assertThat(Http.get(fake, "/cvm", "X-API-Key", "k").statusCode()).isEqualTo(404);
    assertThat(fake.takeViolations())
        .singleElement()
        .asString()
        .contains("GET /api/v1/cvm is not an operation of the contract");
  }

  @Test
  void assertNoViolationsListsThemAll() throws Exception {
    Http.get(fake, "/cvms");
    Http.list(fake, "X-Phala-Version", "latest");
    assertThatThrownBy(fake::assertNoViolations)
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "The code under test called the Phala Cloud API against its contract (2 problems)")
        .hasMessageContaining("No credential")
        .hasMessageContaining("X-Phala-Version 'latest'");
    fake.takeViolations();
  }

  @Test
  void acceptOnlyAnswersAWrongKeyWith401WithoutAViolation() throws Exception {
    try (FakePhalaCloud strict =
        FakePhalaCloud.builder().acceptOnly("phak_right").requestId("fixed").start()) {
      HttpResponse<String> wrong = Http.get(strict, "/cvms", "X-API-Key", "phak_wrong");
      HttpResponse<String> right = Http.get(strict, "/cvms", "Authorization", "Bearer phak_right");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.headers().firstValue("X-Request-ID")).hasValue("fixed");
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(strict.client().cvms().list(CvmShape.LEGACY)).hasSize(3);
      assertThat(strict.violations()).singleElement().asString().contains("sent as a bearer");
    }
  }
}
