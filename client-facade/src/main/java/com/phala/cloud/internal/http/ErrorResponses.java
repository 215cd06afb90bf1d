package com.phala.cloud.internal.http;

import static java.util.stream.Collectors.joining;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.errors.BadRequestException;
import com.phala.cloud.errors.ConflictException;
import com.phala.cloud.errors.ErrorBody;
import com.phala.cloud.errors.InternalServerException;
import com.phala.cloud.errors.NotFoundException;
import com.phala.cloud.errors.PermissionDeniedException;
import com.phala.cloud.errors.PhalaServiceException;
import com.phala.cloud.errors.RateLimitException;
import com.phala.cloud.errors.UnauthorizedException;
import com.phala.cloud.errors.UnexpectedStatusCodeException;
import com.phala.cloud.errors.UnprocessableEntityException;
import com.phala.cloud.errors.ValidationIssue;
import com.phala.cloud.internal.PlainText;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Turns an error response into the exception of its status family, with a message a person can act
 * on.
 */
public final class ErrorResponses {
  /** How much of an error body is read: enough for any real error, bounded against huge pages. */
  static final long MAX_ERROR_BODY_BYTES = 64 * 1024;

  private static final int MAX_SNIPPET = 200;

  private ErrorResponses() {}

  /**
   * Reads a bounded part of the body, closes the response, and builds the exception. The credential
   * is masked in everything the exception carries (message, body, headers): servers and proxies
   * sometimes echo the request's headers back.
   */
  public static PhalaServiceException toException(Response response, Credential credential) {
    String text = "";
    boolean cut = false;
    try (response) {
      if (response.body() != null) {
        // One byte more than is kept tells a body that was cut from one that ends there.
        ResponseBody peeked = response.peekBody(MAX_ERROR_BODY_BYTES + 1);
        cut = peeked.contentLength() > MAX_ERROR_BODY_BYTES;
        text = peeked.string();
      }
    } catch (IOException | RuntimeException unreadable) {
      text = "";
    }
    ErrorBody body = ErrorBody.parse(credential.redact(text));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response
        .headers()
        .toMultimap()
        .forEach(
            (name, values) ->
                headers.put(
                    name, values.stream().map(credential::redact).collect(Collectors.toList())));
    ResponseInfo info = new ResponseInfo(response.code(), headers, body.requestId().orElse(null));
    Duration retryAfter = RetryPolicy.retryAfter(response.headers()).orElse(null);
    String message = credential.redact(message(info, body, retryAfter, cut));
    int status = info.statusCode();
    return switch (status) {
      case 400 -> new BadRequestException(message, info, body);
      case 401 -> new UnauthorizedException(message, info, body);
      case 403 -> new PermissionDeniedException(message, info, body);
      case 404 -> new NotFoundException(message, info, body);
      case 409 -> new ConflictException(message, info, body);
      case 422 -> new UnprocessableEntityException(message, info, body);
      case 429 -> new RateLimitException(message, info, body, retryAfter);
      default ->
          status >= 500 && status <= 599
              ? new InternalServerException(message, info, body)
              : new UnexpectedStatusCodeException(message, info, body);
    };
  }

  /** An issue as {@code query.teepod_id: msg}, whatever shape the server gave it. */
  private static String describe(ValidationIssue issue) {
    String where =
        issue
            .field("loc")
            .filter(List.class::isInstance)
            .map(loc -> ((List<?>) loc).stream().map(ErrorResponses::text).collect(joining(".")))
            .orElse("?");
    return where + ": " + issue.field("msg").map(ErrorResponses::text).orElse("");
  }

  /** A value of an error body as text: a string or number as is, anything else as JSON. */
  private static String text(Object value) {
    return value instanceof java.util.Map || value instanceof List
        ? JSON_TEXT.toJson(value)
        : String.valueOf(value);
  }

  private static final com.google.gson.Gson JSON_TEXT =
      new com.google.gson.GsonBuilder().disableHtmlEscaping().create();

  /**
   * The exception's message; {@code cut} says the body was longer than {@link
   * #MAX_ERROR_BODY_BYTES}, so that what did not parse may be JSON that was not read whole.
   */
  static String message(ResponseInfo info, ErrorBody body, Duration retryAfter, boolean cut) {
    int status = info.statusCode();
    StringBuilder message =
        new StringBuilder(summary(status)).append(" (HTTP ").append(status).append(")");
    List<ValidationIssue> issues = body.validationErrors();
    if (!issues.isEmpty()) {
      message
          .append(": ")
          .append(
              issues.stream()
                  .limit(5)
                  .map(ErrorResponses::describe)
                  .map(ErrorResponses::printable)
                  .collect(Collectors.joining("; ")));
    } else {
      body.message().ifPresent(text -> message.append(": ").append(printable(text)));
    }
    body.errorCode().ifPresent(code -> message.append(" [").append(printable(code)).append("]"));
    info.requestId()
        .ifPresent(id -> message.append(" (request id ").append(printable(id)).append(")"));
    message.append('.');
    if (status == 401) {
      message.append(
          " Check the API key (PHALA_CLOUD_API_KEY) or bearer token (PHALA_OIDC_TOKEN).");
    } else if (status == 429 && retryAfter != null) {
      message.append(" Retry after ").append(Math.max(1, retryAfter.toSeconds())).append(" s.");
    } else if (status >= 300 && status <= 399) {
      message
          .append(" A redirect the client does not follow (")
          .append(
              info.header("Location")
                  .map(location -> "to " + printable(location))
                  .orElse("with no Location"))
          .append("): check the base URL.");
    }
    if (!body.isJson() && !body.raw().isBlank()) {
      message
          .append(
              cut
                  ? " The body was larger than "
                      + MAX_ERROR_BODY_BYTES / 1024
                      + " KiB and not read whole: "
                  : " The body was not JSON: ")
          .append(printable(body.raw()));
    }
    return message.toString();
  }

  private static String summary(int status) {
    return switch (status) {
      case 400 -> "The API refused the request as malformed";
      case 401 -> "Authentication failed";
      case 403 -> "Permission denied";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 422 -> "The API refused a parameter";
      case 429 -> "Rate limited";
      default ->
          status >= 500 && status <= 599
              ? "The Phala Cloud API failed"
              : "Unexpected response from the Phala Cloud API";
    };
  }

  /**
   * Server text made safe for one line of a message: no control, format or line-separator
   * characters, bounded length.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_SNIPPET; i++) {
      char c = text.charAt(i);
      out.append(PlainText.hidden(c) ? ' ' : c);
    }
    if (out.length() >= MAX_SNIPPET && text.length() > MAX_SNIPPET) {
      out.append("...");
    }
    return out.toString().trim();
  }
}
