package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phala.cloud.errors.BadRequestException;
import com.phala.cloud.errors.ConflictException;
import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.NotFoundException;
import com.phala.cloud.errors.PermissionDeniedException;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.PhalaServiceException;
import com.phala.cloud.errors.RateLimitException;
import com.phala.cloud.errors.UnauthorizedException;
import com.phala.cloud.errors.UnexpectedStatusCodeException;
import com.phala.cloud.errors.UnprocessableEntityException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exceptions survive what Java does to exceptions: serialized and read back (as a remote call, a
 * cluster's task failure or a log store does), every accessor answers as before; and each says
 * whether trying again may help ({@link PhalaException#retryable()}).
 */
class ExceptionsSurviveSerializationTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static final String STRUCTURED =
      "{\"error_code\":\"ERR-03-001\",\"message\":\"Not here\",\"request_id\":\"req_body\","
          + "\"suggestions\":[\"Check the id\"]}";

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class, false),
        Arguments.of(401, UnauthorizedException.class, false),
        Arguments.of(403, PermissionDeniedException.class, false),
        Arguments.of(404, NotFoundException.class, false),
        Arguments.of(409, ConflictException.class, true),
        Arguments.of(422, UnprocessableEntityException.class, false),
        Arguments.of(429, RateLimitException.class, true),
        Arguments.of(500, InternalServerException.class, true),
        Arguments.of(503, InternalServerException.class, true),
        Arguments.of(501, InternalServerException.class, false),
        Arguments.of(402, UnexpectedStatusCodeException.class, false),
        Arguments.of(408, UnexpectedStatusCodeException.class, true));
  }

  private static PhalaServiceException failure(int status, String body) {
    api.listingReturns(
        StubApi.json(status, body)
            .withHeader("X-Request-ID", "req_header")
            .withHeader("Retry-After", "7"));
    PhalaCloud client = api.track(api.builder().maxRetries(0).build());
    return catchThrowableOfType(
        PhalaServiceException.class, () -> client.cvms().list(CvmShape.LEGACY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statuses")
  void aServiceExceptionKeepsStatusHeadersRequestIdAndBody(
      int status, Class<? extends PhalaServiceException> type, boolean retryable) throws Exception {
    PhalaServiceException thrown = failure(status, STRUCTURED);

    PhalaServiceException copy = roundTrip(thrown);

    assertThat(copy).isExactlyInstanceOf(type).hasMessage(thrown.getMessage());
    assertThat(copy.statusCode()).isEqualTo(status);
    assertThat(copy.requestId()).contains("req_body");
    assertThat(copy.response().header("x-request-id")).contains("req_header");
    assertThat(copy.response().headers()).isEqualTo(thrown.response().headers());
    assertThat(copy.body().message()).contains("Not here");
    assertThat(copy.body().errorCode()).contains("ERR-03-001");
    assertThat(copy.body().suggestions()).containsExactly("Check the id");
    assertThat(copy.body().raw()).isEqualTo(thrown.body().raw());
    assertThat(copy.retryable()).isEqualTo(thrown.retryable()).isEqualTo(retryable);
  }

  @Test
  void aRateLimitKeepsItsRequestedWait() throws Exception {
    RateLimitException copy = (RateLimitException) roundTrip(failure(429, STRUCTURED));

    assertThat(copy.retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void aValidationErrorKeepsItsIssues() throws Exception {
    PhalaServiceException thrown =
        failure(
            422,
            "{\"detail\":[{\"loc\":[\"query\",\"teepod_id\"],\"msg\":\"Input should be a valid"
                + " integer\",\"type\":\"int_parsing\",\"input\":\"abc\"}]}");

    PhalaServiceException copy = roundTrip(thrown);

    assertThat(copy.body().validationErrors()).hasSize(1);
    assertThat(copy.body().validationErrors().get(0).msg())
        .isEqualTo("Input should be a valid integer");
  }

  @Test
  void aBodyThatIsNotJsonKeepsItsSnippet() throws Exception {
    PhalaServiceException copy = roundTrip(failure(502, "<html>Bad gateway</html>"));

    assertThat(copy.body().isJson()).isFalse();
    assertThat(copy.body().raw()).isEqualTo("<html>Bad gateway</html>");
    assertThat(copy.retryable()).isTrue();
  }

  @Test
  void aNetworkFailureIsRetryableAndSurvives() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    PhalaCloud client =
        api.track(
            PhalaCloud.builder()
                .apiKey(StubApi.API_KEY)
                .baseUrl("http://127.0.0.1:" + closedPort + "/api/v1")
                .maxRetries(0)
                .build());

    PhalaIoException thrown =
        catchThrowableOfType(PhalaIoException.class, () -> client.cvms().list(CvmShape.LEGACY));

    assertThat(thrown.retryable()).isTrue();
    assertThat(roundTrip(thrown))
        .isInstanceOf(PhalaIoException.class)
        .hasMessage(thrown.getMessage());
  }

  @Test
  void unusableDataAndRefusedInputAreNotRetryableAndSurvive() throws Exception {
    api.listingReturns(StubApi.json(200, "{\"not\":\"a list\"}"));
    PhalaCloud client = api.track(api.builder().maxRetries(0).build());
    PhalaInvalidDataException data =
        catchThrowableOfType(
            PhalaInvalidDataException.class, () -> client.cvms().list(CvmShape.LEGACY));
    PhalaInvalidInputException input =
        catchThrowableOfType(
            PhalaInvalidInputException.class, () -> PhalaCloud.builder().apiVersion("latest"));

    assertThat(data.retryable()).isFalse();
    assertThat(input.retryable()).isFalse();
    PhalaInvalidDataException copy = roundTrip(data);
    assertThat(copy.kind()).isEqualTo(data.kind());
    assertThat(copy).hasMessage(data.getMessage());
    assertThat(roundTrip(input)).hasMessage(input.getMessage());
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T roundTrip(T thrown)
      throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(thrown);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
