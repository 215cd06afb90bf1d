package com.phala.cloud.errors;

import com.phala.cloud.internal.json.JsonObjectNode;
import com.phala.cloud.internal.json.JsonTreeReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An error response's body, in whichever form the API sent it: FastAPI's {@code {"detail": ...}} (a
 * string, an object, or for 422 a list of {@link ValidationIssue}s), or the structured form ({@code
 * error_code}, {@code message}, {@code request_id}, {@code details}, {@code suggestions}, {@code
 * links}). A body that is not JSON (an HTML page from a proxy) keeps only {@link #raw()}.
 */
public final class ErrorBody {
  /**
   * How much of a body {@link #raw()} keeps; error pages can be large and are never needed whole.
   */
  public static final int MAX_RAW_CHARS = 500;

  private static final ErrorBody EMPTY = new ErrorBody("", JsonObjectNode.empty(), false);

  private final String raw;
  private final Map<String, Object> json;
  private final boolean isJson;

  private ErrorBody(String raw, Map<String, Object> json, boolean isJson) {
    this.raw = raw;
    this.json = json;
    this.isJson = isJson;
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
      Object value = JsonTreeReader.readValue(JsonTreeReader.strictReader(new StringReader(text)));
      if (value instanceof JsonObjectNode) {
        return new ErrorBody(raw, (JsonObjectNode) value, true);
      }
    } catch (Exception notJson) {
      // An HTML page, plain text or broken JSON: only the raw snippet is useful.
    }
    return new ErrorBody(raw, JsonObjectNode.empty(), false);
  }

  /** Whether the body was a JSON object. */
  public boolean isJson() {
    return isJson;
  }

  /** The start of the body as received, at most {@value #MAX_RAW_CHARS} characters. */
  public String raw() {
    return raw;
  }

  /**
   * The error's message for a person: the structured {@code message}, else a string {@code detail},
   * else the {@code message} or {@code msg} inside an object {@code detail}, else the first
   * validation issue's message.
   */
  public Optional<String> message() {
    String message = string(json, "message");
    if (message != null) {
      return Optional.of(message);
    }
    Object detail = json.get("detail");
    if (detail instanceof String) {
      return Optional.of((String) detail);
    }
    if (detail instanceof Map) {
      Map<?, ?> object = (Map<?, ?>) detail;
      String inner = string(object, "message");
      return Optional.ofNullable(inner != null ? inner : string(object, "msg"));
    }
    List<ValidationIssue> issues = validationErrors();
    return issues.isEmpty() ? Optional.empty() : Optional.of(issues.get(0).msg());
  }

  /**
   * The stable error code, such as {@code ERR-05-002} (structured form, or inside an object {@code
   * detail}).
   */
  public Optional<String> errorCode() {
    String code = string(json, "error_code");
    if (code == null && json.get("detail") instanceof Map) {
      code = string((Map<?, ?>) json.get("detail"), "error_code");
    }
    return Optional.ofNullable(code);
  }

  /** The request id in the body ({@code request_id}), if any. */
  public Optional<String> requestId() {
    return Optional.ofNullable(string(json, "request_id"));
  }

  /** FastAPI's {@code detail} as sent: a {@code String}, a {@code Map} or a {@code List}. */
  public Optional<Object> detail() {
    return Optional.ofNullable(json.get("detail"));
  }

  /**
   * The 422 validation issues ({@code detail} as a list of {@code loc}/{@code msg}/{@code type}).
   */
  public List<ValidationIssue> validationErrors() {
    List<ValidationIssue> issues = new ArrayList<>();
    for (Map<?, ?> item : objects(json.get("detail"))) {
      issues.add(new ValidationIssue(item));
    }
    return Collections.unmodifiableList(issues);
  }

  /** The structured form's field-level {@code details}. */
  public List<FieldError> details() {
    List<FieldError> details = new ArrayList<>();
    for (Map<?, ?> item : objects(json.get("details"))) {
      details.add(new FieldError(item));
    }
    return Collections.unmodifiableList(details);
  }

  /** The structured form's {@code suggestions}: what to try next. */
  public List<String> suggestions() {
    List<String> suggestions = new ArrayList<>();
    if (json.get("suggestions") instanceof List) {
      for (Object item : (List<?>) json.get("suggestions")) {
        if (item instanceof String) {
          suggestions.add((String) item);
        }
      }
    }
    return Collections.unmodifiableList(suggestions);
  }

  /** The structured form's {@code links}: pages about the error. */
  public List<ErrorLink> links() {
    List<ErrorLink> links = new ArrayList<>();
    for (Map<?, ?> item : objects(json.get("links"))) {
      links.add(new ErrorLink(item));
    }
    return Collections.unmodifiableList(links);
  }

  /** Every member of the body, as plain Java values (for fields this class does not name). */
  public Map<String, Object> fields() {
    return Collections.unmodifiableMap(json);
  }

  @Override
  public String toString() {
    return isJson ? json.toString() : raw;
  }

  static String string(Map<?, ?> object, String name) {
    Object value = object.get(name);
    return value instanceof String ? (String) value : null;
  }

  private static List<Map<?, ?>> objects(Object value) {
    List<Map<?, ?>> objects = new ArrayList<>();
    if (value instanceof List) {
      for (Object item : (List<?>) value) {
        if (item instanceof Map) {
          objects.add((Map<?, ?>) item);
        }
      }
    }
    return objects;
  }
}
