package com.phala.cloud.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.NotFoundException;
import com.phala.cloud.errors.PermissionDeniedException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.PhalaTimeoutException;
import com.phala.cloud.errors.RateLimitException;
import com.phala.cloud.errors.UnauthorizedException;
import com.phala.cloud.errors.UnprocessableEntityException;
import com.phala.cloud.testing.internal.Examples;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each scenario answers as the real API does: the status, headers and body of the contract's
 * response examples (openapi/phala-cloud.yaml) and the reference facts.
 */
class ScenariosTest {
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
  void noViolations() {
    fake.assertNoViolations();
    fake.reset();
  }

  private static void assertJson(String actual, String expected) {
    assertThat(JsonParser.parseString(actual)).isEqualTo(JsonParser.parseString(expected));
  }

  @Test
  void servesTheContractsExamplesByVersion() throws Exception {
    HttpResponse<String> none = Http.list(fake);
    HttpResponse<String> legacy = Http.list(fake, "X-Phala-Version", "2025-10-28");
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(none.headers().firstValue("X-Request-ID"))
        .hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    assertJson(none.body(), Examples.text("cvms-full.json"));
    assertJson(legacy.body(), Examples.text("cvms-full.json"));
    for (String version : new String[] {"2026-01-21", "2026-05-22", "2026-06-23"}) {
      assertJson(
          Http.list(fake, "X-Phala-Version", version).body(), Examples.text("cvminfos-full.json"));
    }
    assertThat(fake.client().cvms().list(CvmShape.LEGACY)).hasSize(3);
    assertThat(fake.client().cvms().list()).hasSize(3);
  }

  @Test
  void unauthorizedIsFastApisDetail() throws Exception {
    fake.enqueue(Scenario.unauthorized());
    HttpResponse<String> response = Http.list(fake);
    assertThat(response.statusCode()).isEqualTo(401);
    assertJson(response.body(), "{\"detail\":\"Not authenticated\"}");

    fake.enqueue(Scenario.unauthorized());
    assertThatThrownBy(() -> fake.client().cvms().list(CvmShape.LEGACY))
        .isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void forbiddenIsTheContractsStructuredExample() throws Exception {
    fake.enqueue(Scenario.forbidden());
    HttpResponse<String> response = Http.list(fake);
    String id = response.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(response.statusCode()).isEqualTo(403);
    assertJson(
        response.body(),
        "{\"error_code\":\"ERR-01-003\",\"message\":\"Admin privileges are required to filter by"
            + " user_id.\",\"request_id\":\""
            + id
            + "\",\"details\":[],\"suggestions\":[\"Remove the user_id filter, or use an admin"
            + " account.\"],\"links\":[{\"url\":\"https://docs.phala.com/phala-cloud/references/cloud-api\","
            + "\"label\":\"API reference\"}]}");

    fake.enqueue(Scenario.forbidden());
    assertThatThrownBy(() -> fake.client().cvms().list(CvmShape.LEGACY))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void notFoundIsStructured() throws Exception {
    fake.enqueue(Scenario.notFound());
    HttpResponse<String> response = Http.list(fake);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(
            JsonParser.parseString(response.body())
                .getAsJsonObject()
                .get("error_code")
                .getAsString())
        .isEqualTo("ERR-03-001");
    assertThat(
            JsonParser.parseString(response.body())
                .getAsJsonObject()
                .get("request_id")
                .getAsString())
        .isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());

    fake.enqueue(Scenario.notFound());
    assertThatThrownBy(() -> fake.client().cvms().list(CvmShape.LEGACY))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void validationFailedIsFastApisList() throws Exception {
    fake.enqueue(Scenario.validationFailed());
    HttpResponse<String> response = Http.list(fake);
    assertThat(response.statusCode()).isEqualTo(422);
    assertJson(
        response.body(),
        "{\"detail\":[{\"type\":\"int_parsing\",\"loc\":[\"query\",\"teepod_id\"],"
            + "\"msg\":\"Input should be a valid integer, unable to parse string as an integer\","
            + "\"input\":\"abc\"}]}");

    fake.enqueue(Scenario.validationFailed());
    assertThatThrownBy(() -> fake.client().cvms().list(CvmShape.LEGACY))
        .isInstanceOf(UnprocessableEntityException.class);
  }

  @Test
  void rateLimitedSaysWhenToRetry() throws Exception {
    fake.enqueue(Scenario.rateLimited(Duration.ofSeconds(30)));
    HttpResponse<String> response = Http.list(fake);
    String id = response.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    assertJson(
        response.body(),
        "{\"error_code\":\"ERR-05-002\",\"message\":\"Rate limit exceeded. Try again in 30"
            + " seconds.\",\"request_id\":\""
            + id
            + "\"}");

    fake.always(Scenario.rateLimited(Duration.ZERO));
    assertThatThrownBy(() -> fake.client().cvms().list(CvmShape.LEGACY))
        .isInstanceOf(RateLimitException.class);
    assertThat(fake.requestCount()).isEqualTo(1 + 1 + PhalaCloud.DEFAULT_MAX_RETRIES);
  }

  @Test
  void serviceUnavailableSaysWhenToRetry() throws Exception {
    fake.enqueue(Scenario.serviceUnavailable(Duration.ofSeconds(5)));
    HttpResponse<String> response = Http.list(fake);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertJson(response.body(), "{\"detail\":\"Service Unavailable\"}");
  }

  @Test
  void serverErrorCarriesTheRequestIdInBodyAndHeader() throws Exception {
    fake.enqueue(Scenario.serverError());
    HttpResponse<String> response = Http.list(fake);
    String id = response.headers().firstValue("X-Request-ID").orElseThrow();
    assertThat(response.statusCode()).isEqualTo(500);
    assertJson(
        response.body(), "{\"detail\":\"Internal Server Error\",\"request_id\":\"" + id + "\"}");

    fake.always(Scenario.serverError());
    assertThatThrownBy(() -> fake.client().cvms().list(CvmShape.LEGACY))
        .isInstanceOfSatisfying(
            InternalServerException.class,
            e ->
                assertThat(e.requestId())
                    .hasValueSatisfying(rid -> assertThat(rid).startsWith("req_fake")));
  }

  @Test
  void failTwiceThenSucceedIsARetriedSuccess() {
    fake.enqueue(Scenario.serviceUnavailable(Duration.ZERO), Scenario.rateLimited(Duration.ZERO));
    assertThat(fake.client().cvms().list(CvmShape.LEGACY)).hasSize(3);
    assertThat(fake.requestCount()).isEqualTo(3);
  }

  @Test
  void aDelayBeforeTheHeadersTimesOutAShortReadTimeout() {
    fake.always(Scenario.list().withDelay(Duration.ofMillis(800)));
    try (PhalaCloud impatient =
        fake.clientBuilder().readTimeout(Duration.ofMillis(200)).maxRetries(0).build()) {
      assertThatThrownBy(() -> impatient.cvms().list(CvmShape.LEGACY))
          .isInstanceOf(PhalaTimeoutException.class);
    }
  }

  @Test
  void aSlowBodyArrivesWholeButLate() {
    fake.always(Scenario.list().withSlowBody(Duration.ofMillis(50)));
    long start = System.nanoTime();
    assertThat(fake.client().cvms().list(CvmShape.LEGACY)).hasSize(3);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(300));
  }

  @Test
  void aDisconnectIsAnIoFailure() {
    fake.always(Scenario.disconnect());
    assertThatThrownBy(() -> Http.list(fake)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> fake.client().cvms().list(CvmShape.LEGACY))
        .isInstanceOf(PhalaIoException.class);

    // Once, then the list: the library's retry gets the list.
    fake.always(null).enqueue(Scenario.disconnect());
    int before = fake.requestCount();
    assertThat(fake.client().cvms().list(CvmShape.LEGACY)).hasSize(3);
    assertThat(fake.requestCount() - before).isEqualTo(2);
  }

  @Test
  void aTruncatedBodyIsAnIoFailure() {
    fake.enqueue(Scenario.truncatedBody());
    assertThatThrownBy(() -> Http.list(fake)).isInstanceOf(IOException.class);
  }

  @Test
  void brokenBodiesBreakTheContractInBothShapes() throws Exception {
    fake.enqueue(Scenario.missingRequiredField(), Scenario.missingRequiredField());
    assertThat(CvmList.parse(Http.list(fake).body()).get(0).validate())
        .anySatisfy(problem -> assertThat(problem).contains("name"));
    assertThat(
            CvmInfoList.parse(Http.list(fake, "X-Phala-Version", "2026-06-23").body())
                .get(0)
                .validate())
        .anySatisfy(problem -> assertThat(problem).contains("name"));

    fake.enqueue(Scenario.wrongType());
    assertThat(CvmList.parse(Http.list(fake).body()).get(0).validate())
        .anySatisfy(problem -> assertThat(problem).contains("name"));

    fake.enqueue(Scenario.unknownFields());
    assertThat(CvmList.parse(Http.list(fake).body()).get(0).unknownFields())
        .containsKeys("carbon_footprint", "billing_extra");

    fake.enqueue(Scenario.wrongType());
    assertThatThrownBy(() -> fake.client().cvms().list(CvmShape.LEGACY).get(0).name())
        .isInstanceOf(PhalaInvalidDataException.class);
  }

  @Test
  void anyStatusAndBody() throws Exception {
    fake.enqueue(
        Scenario.json(409, "{\"detail\":\"Conflict\"}").withHeader("X-Request-ID", "mine"));
    HttpResponse<String> response = Http.list(fake);
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.headers().firstValue("X-Request-ID")).hasValue("mine");
    assertJson(response.body(), "{\"detail\":\"Conflict\"}");
  }
}
