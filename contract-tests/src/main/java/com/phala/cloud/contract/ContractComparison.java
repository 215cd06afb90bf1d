package com.phala.cloud.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the list operation ({@code GET .../cvms}) of our contract with Phala's published OpenAPI
 * document: its parameters, its responses, and every schema reachable from them, walked side by
 * side. Schemas are paired by where they are used, not by name, so a schema the two documents name
 * differently (our {@code CVMInfo}, the published {@code teehouse__..._CVMInfo}) is still compared
 * property by property.
 *
 * <p>A node of our contract documents a deliberate difference with {@code x-deviation: {kinds:
 * [...], source: KEY}}, where {@code KEY} names an entry of {@code info.x-sources}. A mark whose
 * kind no longer differs is reported as {@code stale}, so the contract's notes stay true.
 */
public final class ContractComparison {
  /** The kinds of difference this comparison reports, and {@code x-deviation} may name. */
  public static final Set<String> KINDS =
      Set.of(
          "added",
          "missing",
          "type",
          "nullable",
          "required",
          "default",
          "enum",
          "pattern",
          "deprecated");

  private final Map<String, Object> ours;
  private final Map<String, Object> published;
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> stale = new ArrayList<>();
  private final Set<String> visited = new HashSet<>();

  private ContractComparison(Map<String, Object> ours, Map<String, Object> published) {
    this.ours = ours;
    this.published = published;
  }

  /** The result of one comparison. */
  public record Result(List<Finding> findings, List<String> staleMarks) {
    /** The differences our contract does not document. */
    public List<Finding> undocumented() {
      return findings.stream().filter(finding -> !finding.deliberate()).toList();
    }
  }

  /**
   * Compares the operation at {@code path} (method {@code get}) of {@code ours} with the same
   * operation of {@code published}: the same path, else the one path of the published document that
   * ends like it.
   *
   * @throws IllegalArgumentException if either document has no such operation
   */
  public static Result compare(
      Map<String, Object> ours, Map<String, Object> published, String path) {
    ContractComparison comparison = new ContractComparison(ours, published);
    Map<String, Object> ourOperation = operation(ours, path, "our contract");
    Map<String, Object> theirOperation = operation(published, path, "the published document");
    comparison.parameters(ourOperation, theirOperation);
    comparison.responses(ourOperation, theirOperation);
    return new Result(List.copyOf(comparison.findings), List.copyOf(comparison.stale));
  }

  private static Map<String, Object> operation(
      Map<String, Object> document, String path, String which) {
    Map<String, Object> paths = map(document.get("paths"));
    Object item = paths.get(path);
    if (item == null) {
      List<String> alike =
          paths.keySet().stream()
              .filter(p -> p.endsWith(path.substring(path.lastIndexOf('/'))))
              .toList();
      if (alike.size() == 1) {
        item = paths.get(alike.get(0));
      }
    }
    Map<String, Object> get = map(map(item).get("get"));
    if (get.isEmpty()) {
      throw new IllegalArgumentException(which + " has no operation GET " + path + ".");
    }
    return get;
  }

  private void parameters(Map<String, Object> ourOperation, Map<String, Object> theirOperation) {
    Map<String, Map<String, Object>> mine = parametersOf(ours, ourOperation);
    Map<String, Map<String, Object>> theirs = parametersOf(published, theirOperation);
    for (String key : union(mine.keySet(), theirs.keySet())) {
      String where = "parameter " + key;
      Map<String, Object> our = mine.get(key);
      Map<String, Object> their = theirs.get(key);
      Marks marks = our == null ? Marks.NONE : Marks.of(our);
      if (their == null) {
        report(marks, "added", where, "declared", "-");
      } else if (our == null) {
        report(Marks.NONE, "missing", where, "-", "declared");
      } else {
        differ(marks, "required", where, bool(our.get("required")), bool(their.get("required")));
        differ(
            marks, "deprecated", where, bool(our.get("deprecated")), bool(their.get("deprecated")));
        schema(marks, where, our.get("schema"), their.get("schema"));
      }
      marks.checkUsed(where, stale);
    }
  }

  private Map<String, Map<String, Object>> parametersOf(
      Map<String, Object> document, Map<String, Object> operation) {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Object parameter : list(operation.get("parameters"))) {
      Map<String, Object> resolved = Refs.resolveKeepingMarks(document, map(parameter));
      byName.put(resolved.get("in") + " " + resolved.get("name"), resolved);
    }
    return byName;
  }

  private void responses(Map<String, Object> ourOperation, Map<String, Object> theirOperation) {
    Map<String, Object> mine = map(ourOperation.get("responses"));
    Map<String, Object> theirs = map(theirOperation.get("responses"));
    for (String status : union(mine.keySet(), theirs.keySet())) {
      String where = "response " + status;
      Map<String, Object> our = Refs.resolveKeepingMarks(ours, map(mine.get(status)));
      Map<String, Object> their = Refs.resolveKeepingMarks(published, map(theirs.get(status)));
      Marks marks = Marks.of(our);
      if (!theirs.containsKey(status)) {
        report(marks, "added", where, "declared", "-");
      } else if (!mine.containsKey(status)) {
        report(Marks.NONE, "missing", where, "-", "declared");
      } else {
        schema(marks, where, jsonSchema(our), jsonSchema(their));
      }
      marks.checkUsed(where, stale);
    }
  }

  private static Object jsonSchema(Map<String, Object> response) {
    return map(map(map(response.get("content")).get("application/json"))).get("schema");
  }

  /** Compares two schemas at {@code where}; {@code marks} are those of the node that holds them. */
  private void schema(Marks outer, String where, Object ourSchema, Object theirSchema) {
    Schema our = Schema.of(ours, map(ourSchema));
    Schema their = Schema.of(published, map(theirSchema));
    Marks marks = outer.and(Marks.fromValue(our.targetMarks()));
    differ(marks, "type", where, our.types(), their.types());
    differ(marks, "nullable", where, our.nullable(), their.nullable());
    differ(marks, "default", where, our.node().get("default"), their.node().get("default"));
    differ(marks, "enum", where, enumValues(our), enumValues(their));
    differ(marks, "pattern", where, our.node().get("pattern"), their.node().get("pattern"));
    differ(
        marks,
        "deprecated",
        where,
        bool(our.node().get("deprecated")),
        bool(their.node().get("deprecated")));
    // A schema used twice (CvmNetworkUrls, UserRef) is compared once, at its first use.
    String pair = our.name() + "|" + their.name();
    if (our.name() != null && their.name() != null && !visited.add(pair)) {
      marks.checkUsed(where, stale);
      return;
    }
    if (our.branches().size() > 1 || their.branches().size() > 1) {
      if (our.branches().size() != their.branches().size()) {
        report(
            marks,
            "type",
            where,
            our.branches().size() + " alternatives",
            their.branches().size() + " alternatives");
      } else {
        for (int i = 0; i < our.branches().size(); i++) {
          schema(
              Marks.NONE,
              where + " (alternative " + (i + 1) + ")",
              our.branches().get(i),
              their.branches().get(i));
        }
      }
    }
    String name = our.name() != null ? our.name() : where;
    properties(marks, name, where, our, their);
    if (our.node().containsKey("items") || their.node().containsKey("items")) {
      schema(Marks.NONE, name + "[]", our.node().get("items"), their.node().get("items"));
    }
    marks.checkUsed(where, stale);
  }

  private void properties(Marks marks, String name, String where, Schema our, Schema their) {
    Map<String, Object> mine = map(our.node().get("properties"));
    Map<String, Object> theirs = map(their.node().get("properties"));
    Set<String> ourRequired = new HashSet<>(strings(our.node().get("required")));
    Set<String> theirRequired = new HashSet<>(strings(their.node().get("required")));
    for (String property : union(mine.keySet(), theirs.keySet())) {
      String at = name + "." + property;
      Marks own = Marks.of(map(mine.get(property)));
      if (!theirs.containsKey(property)) {
        report(own, "added", at, "declared", "-");
      } else if (!mine.containsKey(property)) {
        report(marks, "missing", at, "-", "declared");
      } else {
        differ(
            own, "required", at, ourRequired.contains(property), theirRequired.contains(property));
        schema(own, at, mine.get(property), theirs.get(property));
      }
      own.checkUsed(at, stale);
    }
  }

  private static Object enumValues(Schema schema) {
    Object values = schema.node().get("enum");
    if (values == null) {
      return null;
    }
    Set<String> set = new TreeSet<>();
    for (Object value : list(values)) {
      if (value != null) {
        set.add(String.valueOf(value));
      }
    }
    return set;
  }

  private void differ(Marks marks, String kind, String where, Object mine, Object theirs) {
    if (!Objects.equals(normal(mine), normal(theirs))) {
      report(marks, kind, where, text(mine), text(theirs));
    }
  }

  /** Numbers compare by value (a YAML {@code 0} and a JSON {@code 0.0} are one default). */
  private static Object normal(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros();
    }
    if (value instanceof List<?> items) {
      return items.stream().map(ContractComparison::normal).toList();
    }
    return value;
  }

  private void report(Marks marks, String kind, String where, String mine, String theirs) {
    findings.add(new Finding(kind, where, mine, theirs, marks.use(kind)));
  }

  private static String text(Object value) {
    return value == null ? "-" : String.valueOf(value);
  }

  private static Boolean bool(Object value) {
    return Boolean.TRUE.equals(value);
  }

  private static Set<String> union(Collection<String> a, Collection<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  static List<Object> list(Object value) {
    return value instanceof List<?> items ? new ArrayList<>(items) : List.of();
  }

  private static List<String> strings(Object value) {
    return list(value).stream().map(String::valueOf).toList();
  }
}
