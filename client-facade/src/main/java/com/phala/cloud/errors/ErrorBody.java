package com.phala.cloud.errors;

import com.phala.cloud.ResponseLimits;
import com.phala.cloud.internal.JsonMembers;
import com.phala.cloud.internal.JsonTree;
import com.phala.cloud.internal.RuntimeValue;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An error response's body, in whichever form the API sent it: FastAPI's {@code {"detail": ...}} (a
 * string, an object, or for 422 a list of {@link ValidationIssue}s), or the structured form ({@code
 * error_code}, {@code message}, {@code request_id}, {@code details}, {@code suggestions}, {@code
 * links}). Both are read through the views generated from the contract's error schemas ({@link
 * ErrorResponse}, {@link ValidationErrorBody}); this class only picks the form and never throws: a
 * part of the body that breaks the contract reads as absent. A body that is not JSON (an HTML page
 * from a proxy) keeps only {@link #raw()}.
 *
 * <p>Serializable (as its text), so the exception that carries it can be.
 */
public final class ErrorBody implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * How much of a body {@link #raw()} keeps; error pages can be large and are never needed whole.
   */
  public static final int MAX_RAW_CHARS = RuntimeValue.of(500);

  private static final ErrorBody EMPTY = new ErrorBody("", null);

  private final String raw;
  private final transient JsonMembers json;

  private ErrorBody(String raw, JsonMembers json) {
    this.raw = raw;
    this.json = json;
  }

  /** A body with nothing in it. */
  public static ErrorBody empty() {
    return EMPTY;
  }

  /**
   * Parses a body's text; never throws: what is not a JSON object is kept as {@link #raw()} only.
   */
  public static ErrorBody parse(String text) {
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    String raw = text.length() > MAX_RAW_CHARS ? text.substring(0, MAX_RAW_CHARS) + "..." : text;
    try {
      ResponseLimits limits = ResponseLimits.DEFAULTS;
      Object value = JsonTree.read(JsonTree.strictReader(new StringReader(text), limits), limits);
      return new ErrorBody(raw, value instanceof JsonMembers ? (JsonMembers) value : null);
    } catch (Exception notJson) {
      // An HTML page, plain text or broken JSON: only the raw snippet is useful.
      return new ErrorBody(raw, null);
    }
  }

  /** Serialized as its text: the tree is not serializable, and the text is all it is. */
  private Object writeReplace() {
    return new Text(raw, json == null ? null : json.toString());
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("An ErrorBody is read through its serialized text.");
  }

  /** The serialized form: the raw snippet and, for a JSON body, the whole object as JSON. */
  private static final class Text implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String raw;
    private final String json;

    Text(String raw, String json) {
      this.raw = raw;
      this.json = json;
    }

    private Object readResolve() {
      if (raw.isEmpty() && json == null) {
        return EMPTY;
      }
      return new ErrorBody(raw, json == null ? null : parse(json).json);
    }
  }

  /** Whether the body was a JSON object. */
  public boolean isJson() {
    return json != null;
  }

  /** The start of the body as received, at most {@link #MAX_RAW_CHARS} characters. */
  public String raw() {
    return raw;
  }

  /** The body as the contract's {@code ErrorResponse}; empty when it is not a JSON object. */
  public Optional<ErrorResponse> response() {
    return Optional.ofNullable(json).map(object -> new ErrorResponse(object, "$"));
  }

  /**
   * The error's message for a person: the structured {@code message}, else a string {@code detail},
   * else the {@code message} or {@code msg} inside an object {@code detail}, else the first
   * validation issue's message.
   */
  public Optional<String> message() {
    Optional<String> message = structured(ErrorResponse::message);
    if (message.isPresent()) {
      return message;
    }
    Object detail = detail().orElse(null);
    if (detail instanceof String) {
      return Optional.of((String) detail);
    }
    if (detail instanceof Map) {
      Object inner = ((Map<?, ?>) detail).get("message");
      inner = inner instanceof String ? inner : ((Map<?, ?>) detail).get("msg");
      return inner instanceof String ? Optional.of((String) inner) : Optional.empty();
    }
    List<ValidationIssue> issues = validationErrors();
    return lenient(() -> Optional.of(issues.get(0).msg()), Optional.empty());
  }

  /**
   * The stable error code, such as {@code ERR-05-002} (structured form, or inside an object {@code
   * detail}).
   */
  public Optional<String> errorCode() {
    Optional<String> code = structured(ErrorResponse::errorCode);
    Object detail = detail().orElse(null);
    if (code.isEmpty() && detail instanceof Map && ((Map<?, ?>) detail).get("error_code") != null) {
      return Optional.of(String.valueOf(((Map<?, ?>) detail).get("error_code")));
    }
    return code;
  }

  /** The request id in the body ({@code request_id}), if any. */
  public Optional<String> requestId() {
    return structured(ErrorResponse::requestId);
  }

  /** FastAPI's {@code detail} as sent: a {@code String}, a {@code Map} or a {@code List}. */
  public Optional<Object> detail() {
    return structured(ErrorResponse::detail);
  }

  /**
   * The 422 validation issues ({@code detail} as a list of {@code loc}/{@code msg}/{@code type}).
   */
  public List<ValidationIssue> validationErrors() {
    return json == null
        ? List.of()
        : lenient(() -> new ValidationErrorBody(json, "$").detail(), List.of());
  }

  /** The structured form's field-level {@code details}. */
  public List<FieldError> details() {
    return lenient(() -> response().map(ErrorResponse::details).orElse(List.of()), List.of());
  }

  /** The structured form's {@code suggestions}: what to try next. */
  public List<String> suggestions() {
    return lenient(() -> response().map(ErrorResponse::suggestions).orElse(List.of()), List.of());
  }

  /** The structured form's {@code links}: pages about the error. */
  public List<ErrorLink> links() {
    return lenient(() -> response().map(ErrorResponse::links).orElse(List.of()), List.of());
  }

  /** Every member of the body, as plain Java values (for fields this class does not name). */
  public Map<String, Object> fields() {
    return response().map(ErrorResponse::fields).orElse(Map.of());
  }

  @Override
  public String toString() {
    return json != null ? json.toString() : raw;
  }

  private <T> Optional<T> structured(java.util.function.Function<ErrorResponse, Optional<T>> get) {
    return lenient(() -> response().flatMap(get), Optional.empty());
  }

  private static <T> T lenient(Supplier<T> read, T fallback) {
    try {
      return read.get();
    } catch (PhalaInvalidDataException | IndexOutOfBoundsException breaksTheContract) {
      return fallback;
    }
  }
}
