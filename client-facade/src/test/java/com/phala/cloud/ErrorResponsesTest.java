package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phala.cloud.errors.BadRequestException;
import com.phala.cloud.errors.ConflictException;
import com.phala.cloud.errors.ErrorBody;
import com.phala.cloud.errors.FieldError;
import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.NotFoundException;
import com.phala.cloud.errors.PermissionDeniedException;
import com.phala.cloud.errors.PhalaServiceException;
import com.phala.cloud.errors.RateLimitException;
import com.phala.cloud.errors.UnauthorizedException;
import com.phala.cloud.errors.UnexpectedStatusCodeException;
import com.phala.cloud.errors.UnprocessableEntityException;
import com.phala.cloud.errors.ValidationIssue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an error response becomes: the exception class of its status family, carrying the status,
 * headers, request id and parsed body in each of the forms the API uses (FastAPI {@code detail} as
 * a string, an object or a 422 list; the structured {@code error_code} form; not JSON at all), with
 * a message that names status, API message, error code and request id and stays bounded whatever
 * the server sends. Retries are off so that each test sees one response.
 */
class ErrorResponsesTest {
  @RegisterExtension static final StubApi api = new StubApi();

  /** The exception a listing fails with when the API answers {@code status} with {@code body}. */
  private static <T extends PhalaServiceException> T failure(
      Class<T> type, int status, String body, String... headers) {
    var response = StubApi.json(status, body);
    for (int i = 0; i < headers.length; i += 2) {
      response.withHeader(headers[i], headers[i + 1]);
    }
    api.listingReturns(response);
    PhalaCloud client = api.track(api.builder().maxRetries(0).build());
    T thrown = catchThrowableOfType(type, () -> client.cvms().list(CvmShape.LEGACY));
    assertThat(thrown).as("the listing fails with " + type.getSimpleName()).isNotNull();
    assertThat(thrown.statusCode()).isEqualTo(status);
    return thrown;
  }

  @Test
  void status400IsABadRequestExceptionWithTheFastApiDetailString() {
    BadRequestException e =
        failure(
            BadRequestException.class,
            400,
            "{\"detail\":\"Invalid filter combination\"}",
            "X-Request-ID",
            "req_400");

    assertThat(e.body().detail()).contains("Invalid filter combination");
    assertThat(e.getMessage())
        .contains("HTTP 400")
        .contains("Invalid filter combination")
        .contains("req_400");
  }

  @Test
  void status401IsAnUnauthorizedExceptionThatSaysWhichCredentialToCheck() {
    UnauthorizedException e =
        failure(UnauthorizedException.class, 401, "", "X-Request-ID", "req_401");

    assertThat(e.body().isJson()).isFalse();
    assertThat(e.getMessage())
        .contains("HTTP 401")
        .contains("PHALA_CLOUD_API_KEY")
        .contains("req_401");
  }

  @Test
  void status403IsAPermissionDeniedExceptionWithTheDetailObject() {
    PermissionDeniedException e =
        failure(
            PermissionDeniedException.class,
            403,
            "{\"detail\":{\"message\":\"Admin only\",\"error_code\":\"ERR-01-003\"}}");

    assertThat(e.body().detail()).containsInstanceOf(Map.class);
    assertThat(e.body().message()).contains("Admin only");
    assertThat(e.body().errorCode()).contains("ERR-01-003");
    assertThat(e.getMessage()).contains("HTTP 403").contains("Admin only").contains("ERR-01-003");
  }

  @Test
  void status404IsANotFoundException() {
    NotFoundException e = failure(NotFoundException.class, 404, "{\"detail\":\"Not Found\"}");

    assertThat(e.getMessage()).contains("HTTP 404").contains("Not Found");
    assertThat(e.requestId()).isEmpty();
  }

  @Test
  void status409IsAConflictException() {
    ConflictException e =
        failure(ConflictException.class, 409, "{\"detail\":\"CVM is being updated\"}");

    assertThat(e.getMessage()).contains("HTTP 409").contains("CVM is being updated");
  }

  @Test
  void status422IsAnUnprocessableEntityExceptionWithTheValidationErrors() {
    UnprocessableEntityException e =
        failure(
            UnprocessableEntityException.class,
            422,
            "{\"detail\":[{\"loc\":"
                + "[\"query\",\"teepod_id\"],\"msg\":\"Input should be a valid integer\",\"type\":\"int_parsing\","
                + "\"input\":\"abc\"},{\"loc\":[\"query\",\"user_id\"],\"msg\":\"bad id\",\"type\":\"value_error\"}]}");

    List<ValidationIssue> issues = e.body().validationErrors();
    assertThat(issues).hasSize(2);
    ValidationIssue first = issues.get(0);
    assertThat(first.loc()).containsExactly("query", "teepod_id");
    assertThat(first.msg()).isEqualTo("Input should be a valid integer");
    assertThat(first.type()).isEqualTo("int_parsing");
    assertThat(first.input()).contains("abc");
    assertThat(issues.get(1).input()).isEmpty();
    assertThat(e.getMessage())
        .contains("HTTP 422")
        .contains("query.teepod_id: Input should be a valid integer")
        .contains("query.user_id: bad id");
  }

  @Test
  void a422IssueOfAnotherShapeIsShownAsJsonNotAsJavasMapText() {
    UnprocessableEntityException e =
        failure(
            UnprocessableEntityException.class,
            422,
            "{\"detail\":[{\"loc\":[\"body\",{\"field\":\"x\"},2],"
                + "\"msg\":{\"en\":\"too big\"},\"type\":\"odd\"}]}");

    assertThat(e.getMessage())
        .contains("body.{\"field\":\"x\"}.2: {\"en\":\"too big\"}")
        .doesNotContain("{field=x}", "{en=too big}");
  }

  @Test
  void status429IsARateLimitExceptionWithTheRequestedWait() {
    RateLimitException e =
        failure(
            RateLimitException.class,
            429,
            "{\"error_code\":\"ERR-05-002\",\"message\":\"Too many requests\"}",
            "Retry-After",
            "30");

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(e.getMessage())
        .contains("HTTP 429")
        .contains("Too many requests")
        .contains("ERR-05-002")
        .contains("Retry after 30 s");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 599})
  void status5xxIsAnInternalServerException(int status) {
    InternalServerException e =
        failure(InternalServerException.class, status, "{\"detail\":\"Internal error\"}");

    assertThat(e.getMessage()).contains("HTTP " + status).contains("Internal error");
  }

  @ParameterizedTest
  @ValueSource(ints = {402, 405, 418})
  void anyOtherErrorStatusIsAnUnexpectedStatusCodeException(int status) {
    UnexpectedStatusCodeException e =
        failure(UnexpectedStatusCodeException.class, status, "{\"detail\":\"Not for you\"}");

    assertThat(e.getMessage()).contains("HTTP " + status).contains("Not for you");
  }

  @ParameterizedTest
  @ValueSource(ints = {600, 999})
  void aStatusPastTheFiveHundredsIsNotCalledAServerFailure(int status) {
    UnexpectedStatusCodeException e =
        failure(UnexpectedStatusCodeException.class, status, "{\"detail\":\"odd\"}");

    assertThat(e.getMessage()).startsWith("Unexpected response").contains("HTTP " + status);
  }

  @Test
  void bidiOverridesAndLineSeparatorsInTheServersTextAreNotPassedOn() {
    UnexpectedStatusCodeException e =
        failure(
            UnexpectedStatusCodeException.class,
            418,
            "{\"detail\":\"pay \u202eyalp\u2028now\u200b\"}");

    assertThat(e.getMessage()).contains("pay  yalp now").doesNotContain("\u202e", "\u2028");
  }

  @Test
  void theStructuredFormIsParsedWhole() {
    NotFoundException e =
        failure(
            NotFoundException.class,
            404,
            "{\"error_code\":\"ERR-03-001\","
                + "\"message\":\"CVM not found\",\"request_id\":\"req_body\",\"details\":[{\"field\":\"id\","
                + "\"value\":42,\"message\":\"no such CVM\"}],\"suggestions\":[\"List your CVMs first\"],"
                + "\"links\":[{\"url\":\"https://docs.phala.com/cvms\",\"label\":\"Docs\"}]}");

    ErrorBody body = e.body();
    assertThat(body.errorCode()).contains("ERR-03-001");
    assertThat(body.message()).contains("CVM not found");
    FieldError detail = body.details().get(0);
    assertThat(detail.field()).contains("id");
    assertThat(detail.message()).contains("no such CVM");
    assertThat(detail.value()).isPresent();
    assertThat(body.suggestions()).containsExactly("List your CVMs first");
    assertThat(body.links())
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.url()).contains("https://docs.phala.com/cvms");
              assertThat(link.label()).contains("Docs");
            });
  }

  @Test
  void theMessageNamesStatusApiMessageErrorCodeAndRequestId() {
    NotFoundException e =
        failure(
            NotFoundException.class,
            404,
            "{\"error_code\":\"ERR-03-001\",\"message\":\"CVM not found\",\"request_id\":\"req_7f3a\"}");

    assertThat(e.getMessage())
        .contains("HTTP 404")
        .contains("CVM not found")
        .contains("ERR-03-001")
        .contains("req_7f3a");
  }

  @Test
  void theBodysRequestIdWinsOverTheHeader() {
    ConflictException e =
        failure(
            ConflictException.class,
            409,
            "{\"message\":\"busy\",\"request_id\":\"req_body\"}",
            "X-Request-ID",
            "req_header");

    assertThat(e.requestId()).contains("req_body");
    assertThat(e.response().header("x-request-id")).contains("req_header");
  }

  @Test
  void theRequestIdHeaderIsUsedWhenTheBodyHasNone() {
    BadRequestException e =
        failure(
            BadRequestException.class, 400, "{\"detail\":\"bad\"}", "X-Request-ID", "req_header");

    assertThat(e.requestId()).contains("req_header");
  }

  @Test
  void theResponseHeadersAreKept() {
    BadRequestException e =
        failure(
            BadRequestException.class, 400, "{\"detail\":\"bad\"}", "X-Custom-Trace", "abc-123");

    assertThat(e.response().statusCode()).isEqualTo(400);
    assertThat(e.response().headers()).containsKey("x-custom-trace");
    assertThat(e.response().header("X-CUSTOM-TRACE")).contains("abc-123");
    assertThat(e.response().header("Content-Type")).contains("application/json");
  }

  @Test
  void aNonJsonErrorBodyAppearsInTheMessageAsABoundedSnippet() {
    String page =
        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
            + "<p>nginx</p>"
            + "<!-- padding -->".repeat(200)
            + "</body></html>";
    api.listingReturns(
        aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(page));

    InternalServerException e =
        catchThrowableOfType(
            InternalServerException.class,
            () -> api.track(api.builder().maxRetries(0).build()).cvms().list(CvmShape.LEGACY));

    assertThat(e.body().isJson()).isFalse();
    assertThat(e.getMessage())
        .contains("HTTP 502")
        .contains("not JSON")
        .contains("<title>502 Bad Gateway</title>");
    assertThat(e.getMessage()).hasSizeLessThan(500).doesNotContain("</html>");
  }

  @Test
  void aHugeErrorBodyGivesABoundedMessageAndBody() {
    String message = "x".repeat(2_000_000);
    PhalaServiceException e =
        failure(BadRequestException.class, 400, "{\"detail\":\"" + message + "\"}");

    assertThat(e.getMessage()).hasSizeLessThan(1_000);
    assertThat(e.body().raw()).hasSizeLessThanOrEqualTo(ErrorBody.MAX_RAW_CHARS + 3);
  }

  @Test
  void aJsonErrorBodyTooLargeToReadWholeIsNotCalledNotJson() {
    PhalaServiceException e =
        failure(InternalServerException.class, 503, "{\"detail\":\"" + "y".repeat(100_000) + "\"}");

    assertThat(e.getMessage())
        .contains("HTTP 503")
        .contains("larger than 64 KiB and not read whole")
        .doesNotContain("not JSON")
        .hasSizeLessThan(1_000);
  }

  @Test
  void anErrorBodyOfExactlyTheBytesReadIsReadWhole() {
    String body = "{\"detail\":\"" + "z".repeat(64 * 1024 - 13) + "\"}";
    assertThat(body).hasSize(64 * 1024);
    PhalaServiceException e = failure(BadRequestException.class, 400, body);

    assertThat(e.body().isJson()).isTrue();
    assertThat(e.body().message()).hasValueSatisfying(text -> assertThat(text).startsWith("zzz"));
  }

  @Test
  void aLongApiMessageIsShortenedInTheExceptionMessage() {
    PhalaServiceException e =
        failure(
            BadRequestException.class, 400, "{\"detail\":\"" + "too long ".repeat(1_000) + "\"}");

    assertThat(e.body().message())
        .hasValueSatisfying(text -> assertThat(text).hasSizeGreaterThan(5_000));
    assertThat(e.getMessage()).hasSizeLessThan(1_000).contains("too long");
  }

  @Test
  void controlCharactersFromTheServerDoNotReachTheMessage() {
    PhalaServiceException e =
        failure(
            BadRequestException.class, 400, "{\"detail\":\"line one\\r\\nline two\\u001b[31m\"}");

    assertThat(e.getMessage())
        .contains("line one")
        .contains("line two")
        .doesNotContain("\r", "\n", "\u001b");
  }
}
