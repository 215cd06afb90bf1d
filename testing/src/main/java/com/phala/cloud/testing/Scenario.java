package com.phala.cloud.testing;

import com.phala.cloud.testing.internal.BrokenBodies;
import com.phala.cloud.testing.internal.ErrorBodies;
import com.phala.cloud.testing.internal.Planned;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One answer of the fake API: the list, one of the API's error answers with its real body, a fault,
 * or a body that breaks the contract; optionally late or slow. Immutable. Give them to {@link
 * FakePhalaCloud#enqueue(Scenario...)} (the next requests, in order: "fail twice, then succeed") or
 * {@link FakePhalaCloud#always(Scenario)}.
 *
 * <p>Every answer carries an {@code X-Request-ID} header; the bodies that hold a request id hold
 * the same one.
 */
public final class Scenario {
  private final String name;
  private final BiFunction<String, String, Planned> plan;

  private Scenario(String name, BiFunction<String, String, Planned> plan) {
    this.name = name;
    this.plan = plan;
  }

  /** 200 with the served list, in the shape the request's {@code X-Phala-Version} asks for. */
  public static Scenario list() {
    return new Scenario("list", (list, id) -> Planned.json(200, list));
  }

  /** Any answer: {@code status} with the JSON {@code body}. */
  public static Scenario json(int status, String body) {
    Objects.requireNonNull(body, "body");
    return new Scenario("json " + status, (list, id) -> Planned.json(status, body));
  }

  /** 401 {@code {"detail":"Not authenticated"}}: no or a wrong credential. */
  public static Scenario unauthorized() {
    return new Scenario("401", (list, id) -> Planned.json(401, ErrorBodies.notAuthenticated()));
  }

  /**
   * 403, structured: {@code {"error_code":"ERR-01-003","message":"Admin privileges are required to
   * filter by user_id.","request_id":...}}, the contract's example.
   */
  public static Scenario forbidden() {
    return new Scenario("403", (list, id) -> Planned.json(403, ErrorBodies.forbidden(id)));
  }

  /** 404, structured: {@code {"error_code":"ERR-03-001","message":"CVM not found.",...}}. */
  public static Scenario notFound() {
    return new Scenario("404", (list, id) -> Planned.json(404, ErrorBodies.notFound(id)));
  }

  /**
   * 422, FastAPI's list: {@code {"detail":[{"type":"int_parsing","loc":["query","teepod_id"],
   * "msg":...,"input":"abc"}]}}, the contract's example.
   */
  public static Scenario validationFailed() {
    return new Scenario("422", (list, id) -> Planned.json(422, ErrorBodies.validationExample()));
  }

  /** 429 with {@code Retry-After: 1} (one second, to keep retry tests quick). */
  public static Scenario rateLimited() {
    return rateLimited(Duration.ofSeconds(1));
  }

  /**
   * 429 with {@code Retry-After} in whole seconds and the structured body {@code
   * {"error_code":"ERR-05-002","message":"Rate limit exceeded. Try again in N seconds.",...}}.
   */
  public static Scenario rateLimited(Duration retryAfter) {
    long seconds = seconds(retryAfter);
    return new Scenario(
        "429",
        (list, id) ->
            Planned.json(429, ErrorBodies.rateLimited(id, seconds))
                .withHeader("Retry-After", Long.toString(seconds)));
  }

  /** 503 with {@code Retry-After: 1} and {@code {"detail":"Service Unavailable"}}. */
  public static Scenario serviceUnavailable() {
    return serviceUnavailable(Duration.ofSeconds(1));
  }

  /** 503 with {@code Retry-After} in whole seconds and {@code {"detail":"Service Unavailable"}}. */
  public static Scenario serviceUnavailable(Duration retryAfter) {
    long seconds = seconds(retryAfter);
    return new Scenario(
        "503",
        (list, id) ->
            Planned.json(503, ErrorBodies.unavailable())
                .withHeader("Retry-After", Long.toString(seconds)));
  }

  /**
   * 500 {@code {"detail":"Internal Server Error","request_id":...}}, the same id as the {@code
   * X-Request-ID} header.
   */
  public static Scenario serverError() {
    return new Scenario("500", (list, id) -> Planned.json(500, ErrorBodies.serverError(id)));
  }

  /** Closes the connection without answering (the client reads an unexpected end of stream). */
  public static Scenario disconnect() {
    return new Scenario(
        "disconnect", (list, id) -> Planned.json(200, list).withFault(Planned.Fault.DISCONNECT));
  }

  /** 200 whose body stops halfway through what {@code Content-Length} promised. */
  public static Scenario truncatedBody() {
    return new Scenario(
        "truncated body", (list, id) -> Planned.json(200, list).withFault(Planned.Fault.TRUNCATE));
  }

  /** 200 with the list, its first CVM without the required {@code name}. */
  public static Scenario missingRequiredField() {
    return new Scenario(
        "missing required field",
        (list, id) -> Planned.json(200, BrokenBodies.missingRequiredField(list)));
  }

  /** 200 with the list, its first CVM's {@code name} a number instead of a string. */
  public static Scenario wrongType() {
    return new Scenario(
        "wrong type", (list, id) -> Planned.json(200, BrokenBodies.wrongType(list)));
  }

  /** 200 with the list, its first CVM carrying fields the contract does not declare. */
  public static Scenario unknownFields() {
    return new Scenario(
        "unknown fields", (list, id) -> Planned.json(200, BrokenBodies.unknownFields(list)));
  }

  /** This answer, sent after {@code delay} without a byte (a slow server, a read timeout). */
  public Scenario withDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    return new Scenario(
        name + " after " + delay, (list, id) -> plan.apply(list, id).withDelay(delay));
  }

  /** This answer with its body sent in eight pieces, {@code pause} apart (a slow body). */
  public Scenario withSlowBody(Duration pause) {
    Objects.requireNonNull(pause, "pause");
    return new Scenario(name + " slowly", (list, id) -> plan.apply(list, id).withChunkPause(pause));
  }

  /** This answer with one more response header. */
  public Scenario withHeader(String header, String value) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(value, "value");
    return new Scenario(name, (list, id) -> plan.apply(list, id).withHeader(header, value));
  }

  /** The answer to plan for a request whose served list is {@code list}, with id {@code id}. */
  Planned plan(String list, String id) {
    return plan.apply(list, id);
  }

  private static long seconds(Duration retryAfter) {
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("Retry-After cannot be negative: " + retryAfter);
    }
    return retryAfter.toSeconds();
  }

  /** What this scenario answers, for messages. */
  @Override
  public String toString() {
    return "Scenario[" + name + "]";
  }
}
