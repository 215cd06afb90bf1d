package com.phala.cloud.testing.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The bodies of the API's error answers, as the contract's response examples ({@code
 * openapi/phala-cloud.yaml}, {@code components.responses}) and the API's known behaviour give them:
 * FastAPI's {@code {"detail": ...}} and the structured {@code error_code} form.
 */
public final class ErrorBodies {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final String DOCS = "https://docs.phala.com/phala-cloud/references/cloud-api";

  private ErrorBodies() {}

  /** 401, the contract's example: {@code {"detail":"Not authenticated"}}. */
  public static String notAuthenticated() {
    return detail("Not authenticated");
  }

  /** FastAPI's {@code {"detail": message}}. */
  public static String detail(String message) {
    JsonObject body = new JsonObject();
    body.addProperty("detail", message);
    return GSON.toJson(body);
  }

  /** 403, the contract's example (an admin filter used without admin rights). */
  public static String forbidden(String requestId) {
    JsonObject body =
        structured("ERR-01-003", "Admin privileges are required to filter by user_id.", requestId);
    body.add("details", new JsonArray());
    body.add("suggestions", strings("Remove the user_id filter, or use an admin account."));
    body.add("links", link(DOCS, "API reference"));
    return GSON.toJson(body);
  }

  /** 404, structured: ERR-03-001, CVM not found. */
  public static String notFound(String requestId) {
    JsonObject body = structured("ERR-03-001", "CVM not found.", requestId);
    body.add("details", new JsonArray());
    body.add("suggestions", strings("Check the CVM's id, and that it is in your workspace."));
    body.add("links", link(DOCS, "API reference"));
    return GSON.toJson(body);
  }

  /** 429, the contract's example: ERR-05-002 with the wait in the message. */
  public static String rateLimited(String requestId, long seconds) {
    return GSON.toJson(
        structured(
            "ERR-05-002", "Rate limit exceeded. Try again in " + seconds + " seconds.", requestId));
  }

  /** 500: FastAPI's message, and the request's id to quote. */
  public static String serverError(String requestId) {
    JsonObject body = new JsonObject();
    body.addProperty("detail", "Internal Server Error");
    body.addProperty("request_id", requestId);
    return GSON.toJson(body);
  }

  /** 503: FastAPI's form. */
  public static String unavailable() {
    return detail("Service Unavailable");
  }

  /** 422, the contract's example: {@code teepod_id} that is not an integer. */
  public static String validationExample() {
    return validation(
        List.of(
            new Issue(
                "int_parsing",
                List.of("query", "teepod_id"),
                "Input should be a valid integer, unable to parse string as an integer",
                "abc")));
  }

  /** 422, FastAPI's list of issues. */
  public static String validation(List<Issue> issues) {
    JsonArray detail = new JsonArray();
    for (Issue issue : issues) {
      JsonObject item = new JsonObject();
      item.addProperty("type", issue.type());
      JsonArray loc = new JsonArray();
      issue.loc().forEach(loc::add);
      item.add("loc", loc);
      item.addProperty("msg", issue.msg());
      if (issue.input() != null) {
        item.addProperty("input", issue.input());
      }
      detail.add(item);
    }
    JsonObject body = new JsonObject();
    body.add("detail", detail);
    return GSON.toJson(body);
  }

  /**
   * One item of a FastAPI 422.
   *
   * @param type the error type (for example {@code int_parsing})
   * @param loc where: {@code ["query", "teepod_id"]}
   * @param msg the message
   * @param input the value received, or null
   */
  public record Issue(String type, List<String> loc, String msg, String input) {}

  private static JsonObject structured(String code, String message, String requestId) {
    JsonObject body = new JsonObject();
    body.addProperty("error_code", code);
    body.addProperty("message", message);
    body.addProperty("request_id", requestId);
    return body;
  }

  private static JsonArray strings(String... values) {
    JsonArray array = new JsonArray();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }

  private static JsonArray link(String url, String label) {
    JsonObject link = new JsonObject();
    link.addProperty("url", url);
    link.addProperty("label", label);
    JsonArray links = new JsonArray();
    links.add(link);
    return links;
  }
}
