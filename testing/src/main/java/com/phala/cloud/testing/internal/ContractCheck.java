package com.phala.cloud.testing.internal;

import com.phala.cloud.cvm.ApiVersion;
import com.phala.cloud.testing.internal.ErrorBodies.Issue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a request against the contract of {@code GET /api/v1/cvms}: path and method, a credential
 * in a header the API reads, a known {@code X-Phala-Version}, a non-empty {@code
 * X-Phala-Workspace}, and valid query parameters. Each problem is a sentence for the failing test's
 * message; the first decides the answer (404, 405, 401 or FastAPI's 422).
 */
public final class ContractCheck {
  /** The one operation of the contract. */
  public static final String PATH = "/api/v1/cvms";

  private static final Pattern USER_ID = Pattern.compile("^(0|usr_.+)$");
  private static final Set<String> PARAMETERS = Set.of("user_id", "teepod_id");

  private ContractCheck() {}

  /**
   * What is wrong with a request.
   *
   * @param violations one sentence per problem; empty when the request keeps the contract
   * @param rejection the answer the API gives such a request, or empty to answer normally
   */
  public record Verdict(List<String> violations, Optional<Planned> rejection) {}

  /** Checks {@code request}. */
  public static Verdict check(Incoming request) {
    List<String> violations = new ArrayList<>();
    String what = request.method() + " " + request.path();
    if (!PATH.equals(request.path()) && !(PATH + "/").equals(request.path())) {
      violations.add(
          what + " is not an operation of the contract: the only one is GET " + PATH + ".");
      return new Verdict(
          violations, Optional.of(Planned.json(404, ErrorBodies.detail("Not Found"))));
    }
    if (!request.method().equals("GET")) {
      violations.add(what + ": the contract has only GET " + PATH + ".");
      return new Verdict(
          violations,
          Optional.of(
              Planned.json(405, ErrorBodies.detail("Method Not Allowed"))
                  .withHeader("Allow", "GET")));
    }
    Optional<Planned> rejection = credential(request, violations);
    List<Issue> issues = new ArrayList<>();
    version(request, violations, issues);
    workspace(request, violations, issues);
    query(request, violations, issues);
    if (rejection.isEmpty() && !issues.isEmpty()) {
      rejection = Optional.of(Planned.json(422, ErrorBodies.validation(issues)));
    }
    return new Verdict(violations, rejection);
  }

  private static Optional<Planned> credential(Incoming request, List<String> violations) {
    Optional<String> apiKey = request.header("X-API-Key");
    Optional<String> authorization = request.header("Authorization");
    Planned unauthorized = Planned.json(401, ErrorBodies.notAuthenticated());
    if (apiKey.isPresent()) {
      if (apiKey.get().isBlank()) {
        violations.add("X-API-Key is empty: send the API key (phak_...) in it.");
        return Optional.of(unauthorized);
      }
      return Optional.empty();
    }
    if (authorization.isEmpty()) {
      violations.add(
          "No credential: send an API key in X-API-Key, or an access token as"
              + " Authorization: Bearer <token>.");
      return Optional.of(unauthorized);
    }
    String value = authorization.get().trim();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    String token = space < 0 ? "" : value.substring(space + 1).trim();
    if (!scheme.equalsIgnoreCase("Bearer")) {
      violations.add(
          "Authorization is not a bearer token (scheme '"
              + scheme
              + "'): the API reads API keys from X-API-Key and access tokens from"
              + " Authorization: Bearer <token>.");
      return Optional.of(unauthorized);
    }
    if (token.isEmpty()) {
      violations.add("Authorization: Bearer carries no token.");
      return Optional.of(unauthorized);
    }
    if (token.startsWith("phak_")) {
      violations.add(
          "An API key (phak_...) was sent as a bearer token: the API reads API keys from"
              + " X-API-Key.");
    }
    return Optional.empty();
  }

  private static void version(Incoming request, List<String> violations, List<Issue> issues) {
    Optional<String> version = request.header("X-Phala-Version");
    if (version.isEmpty() || ApiVersion.of(version.get()).isPresent()) {
      return;
    }
    String known =
        Arrays.stream(ApiVersion.values())
            .map(value -> "'" + value.value() + "'")
            .collect(Collectors.joining(", "));
    violations.add(
        "X-Phala-Version '" + version.get() + "' is not a version of the contract: " + known + ".");
    issues.add(
        new Issue(
            "enum",
            List.of("header", "x-phala-version"),
            "Input should be " + known,
            version.get()));
  }

  private static void workspace(Incoming request, List<String> violations, List<Issue> issues) {
    Optional<String> workspace = request.header("X-Phala-Workspace");
    if (workspace.isPresent() && workspace.get().isEmpty()) {
      violations.add(
          "X-Phala-Workspace is empty: send a workspace id (wks_...) or slug, or omit it.");
      issues.add(
          new Issue(
              "string_too_short",
              List.of("header", "x-phala-workspace"),
              "String should have at least 1 character",
              ""));
    }
  }

  private static void query(Incoming request, List<String> violations, List<Issue> issues) {
    for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
      String name = parameter.getKey();
      List<String> values = parameter.getValue();
      if (!PARAMETERS.contains(name)) {
        violations.add(
            "Query parameter '"
                + name
                + "' is not in the contract (the API ignores it): only user_id and teepod_id.");
        continue;
      }
      if (values.size() > 1) {
        violations.add("Query parameter '" + name + "' is sent " + values.size() + " times.");
      }
      String value = values.get(values.size() - 1);
      if (name.equals("user_id") && !USER_ID.matcher(value).matches()) {
        violations.add("user_id '" + value + "' is neither '0' nor a hashed user id (usr_...).");
        issues.add(
            new Issue(
                "string_pattern_mismatch",
                List.of("query", "user_id"),
                "String should match pattern '" + USER_ID.pattern() + "'",
                value));
      }
      if (name.equals("teepod_id")) {
        teepod(value, violations, issues);
      }
    }
  }

  private static void teepod(String value, List<String> violations, List<Issue> issues) {
    long id;
    try {
      id = Long.parseLong(value.trim());
    } catch (NumberFormatException notANumber) {
      violations.add("teepod_id '" + value + "' is not an integer.");
      issues.add(
          new Issue(
              "int_parsing",
              List.of("query", "teepod_id"),
              "Input should be a valid integer, unable to parse string as an integer",
              value));
      return;
    }
    if (id < 1) {
      violations.add("teepod_id " + value + " is not a positive integer (a node id is 1 or more).");
      issues.add(
          new Issue(
              "greater_than_equal",
              List.of("query", "teepod_id"),
              "Input should be greater than or equal to 1",
              value));
    }
  }

  /** Whether {@code request} carries {@code credential} as X-API-Key or as a bearer token. */
  public static boolean carries(Incoming request, String credential) {
    if (request.header("X-API-Key").map(credential::equals).orElse(false)) {
      return true;
    }
    if (request.header("X-API-Key").isPresent()) {
      return false;
    }
    return request
        .header("Authorization")
        .map(value -> value.trim())
        .filter(value -> value.toLowerCase(Locale.ROOT).startsWith("bearer "))
        .map(value -> value.substring("bearer ".length()).trim().equals(credential))
        .orElse(false);
  }
}
