package com.phala.cloud.codegen;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.utils.ModelUtils;

/**
 * One typed method per API version for an operation whose answer's shape depends on a version
 * header: the 2xx JSON response is an {@code anyOf} of arrays, each marked with {@value #SINCE}
 * (the first version that answers with it), and one header parameter has an enum schema (the
 * versions). Every value of that enum answers with the branch of the latest {@value #SINCE} not
 * after it (versions are ISO dates, so they compare as text): a version added to the enum gets its
 * method with no other edit.
 *
 * <p>The result is in the operation's vendor extensions: {@value #VERSIONED} (true), {@value
 * #VERSIONS} (one map per version: {@code version}, {@code methodSuffix}, {@code itemModel}, {@code
 * sinceVersion}, {@code isDefaultVersion}), {@value #HEADER} (the header's name) and {@value
 * #PARAMS} (the other parameters, which each method keeps).
 */
final class VersionedResponses {
  /** On an {@code anyOf} branch of a 2xx response: the first version that answers with it. */
  static final String SINCE = "x-since-version";

  static final String VERSIONED = "x-versioned";
  static final String VERSIONS = "x-versions";
  static final String HEADER = "x-version-header";
  static final String PARAMS = "x-version-params";

  private final OpenAPI openAPI;
  private final UnaryOperator<String> modelName;

  VersionedResponses(OpenAPI openAPI, UnaryOperator<String> modelName) {
    this.openAPI = openAPI;
    this.modelName = modelName;
  }

  /** Adds the versioned methods to {@code operation}; returns the item models they use. */
  Set<String> apply(CodegenOperation operation) {
    String id = Objects.requireNonNullElse(operation.operationIdOriginal, operation.operationId);
    List<Shape> shapes = shapes(id);
    if (shapes.isEmpty()) {
      return Set.of();
    }
    CodegenParameter header = versionHeader(operation, id);
    List<Map<String, Object>> versions = new ArrayList<>();
    Set<String> models = new LinkedHashSet<>();
    for (Object value : (List<?>) header.allowableValues.get("values")) {
      // The spec's values only: enumVars also holds the generator's "unknown value" constant.
      String version = String.valueOf(value);
      Shape shape =
          shapes.stream()
              .filter(s -> s.since.compareTo(version) <= 0)
              .max(Comparator.comparing(s -> s.since))
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          id
                              + ": version "
                              + version
                              + " is older than every "
                              + SINCE
                              + " of the response's anyOf; give the oldest shape that version"));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("version", version);
      entry.put("methodSuffix", constantName(header, version).replace("_", ""));
      entry.put("itemModel", shape.model);
      entry.put("sinceVersion", shape.since);
      entry.put("isDefaultVersion", version.equals(unquote(header.defaultValue)));
      versions.add(entry);
      models.add(shape.model);
    }
    List<CodegenParameter> others = new ArrayList<>(operation.allParams);
    others.remove(header);
    operation.vendorExtensions.put(VERSIONED, true);
    operation.vendorExtensions.put(VERSIONS, versions);
    operation.vendorExtensions.put(HEADER, header.baseName);
    operation.vendorExtensions.put(PARAMS, others);
    return models;
  }

  private record Shape(String since, String model) {}

  /** The marked {@code anyOf} branches of the operation's 2xx JSON response. */
  private List<Shape> shapes(String id) {
    List<Shape> shapes = new ArrayList<>();
    Optional<Schema<?>> response = okSchema(id);
    if (response.isEmpty() || response.get().getAnyOf() == null) {
      return shapes;
    }
    for (Schema<?> branch : response.get().getAnyOf()) {
      Object since = branch.getExtensions() == null ? null : branch.getExtensions().get(SINCE);
      if (since == null) {
        continue;
      }
      Schema<?> items = branch.getItems();
      if (items == null || items.get$ref() == null) {
        throw new IllegalStateException(
            id + ": an anyOf branch with " + SINCE + " must be an array of a $ref'd schema");
      }
      shapes.add(
          new Shape(
              String.valueOf(since), modelName.apply(ModelUtils.getSimpleRef(items.get$ref()))));
    }
    return shapes;
  }

  private Optional<Schema<?>> okSchema(String id) {
    if (openAPI.getPaths() == null) {
      return Optional.empty();
    }
    for (var path : openAPI.getPaths().values()) {
      for (Operation operation : path.readOperations()) {
        if (!id.equals(operation.getOperationId()) || operation.getResponses() == null) {
          continue;
        }
        for (var response : operation.getResponses().entrySet()) {
          if (!response.getKey().startsWith("2")) {
            continue;
          }
          ApiResponse resolved = ModelUtils.getReferencedApiResponse(openAPI, response.getValue());
          MediaType json =
              resolved.getContent() == null ? null : resolved.getContent().get("application/json");
          if (json != null && json.getSchema() != null) {
            return Optional.of(ModelUtils.getReferencedSchema(openAPI, json.getSchema()));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The one header parameter whose schema is an enum: the version header. */
  private static CodegenParameter versionHeader(CodegenOperation operation, String id) {
    List<CodegenParameter> headers =
        operation.headerParams.stream().filter(p -> !enumVars(p).isEmpty()).toList();
    if (headers.size() != 1) {
      throw new IllegalStateException(
          id
              + ": a response marked "
              + SINCE
              + " needs exactly one header parameter with an enum of versions, found "
              + headers.size());
    }
    return headers.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> enumVars(CodegenParameter parameter) {
    Object vars =
        parameter.allowableValues == null ? null : parameter.allowableValues.get("enumVars");
    return vars instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  /** The name of the enum constant of {@code version} ({@code x-enum-varnames}), as generated. */
  private static String constantName(CodegenParameter header, String version) {
    return enumVars(header).stream()
        .filter(constant -> version.equals(unquote(String.valueOf(constant.get("value")))))
        .map(constant -> String.valueOf(constant.get("name")))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no enum constant for " + version));
  }

  private static String unquote(String value) {
    return value != null && value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
