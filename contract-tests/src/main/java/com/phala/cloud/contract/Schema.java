package com.phala.cloud.contract;

import static com.phala.cloud.contract.ContractComparison.list;
import static com.phala.cloud.contract.ContractComparison.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A schema as the comparison sees it, whichever way a document spells it: {@code $ref}s followed,
 * and nullability read from {@code type: [x, "null"]}, {@code anyOf: [x, {type: "null"}]} or
 * OpenAPI 3.0's {@code nullable: true} alike.
 *
 * @param name the name of the schema it refers to, or null when it is written in place
 * @param node its members, without {@code x-deviation}
 * @param types its JSON types other than {@code null}
 * @param nullable whether {@code null} is allowed
 * @param branches its alternatives when it has more than one that is not {@code null}
 * @param targetMarks the {@code x-deviation} of the schema it refers to (its own marks travel with
 *     the node that holds it)
 */
record Schema(
    String name,
    Map<String, Object> node,
    Set<String> types,
    boolean nullable,
    List<Object> branches,
    Object targetMarks) {

  static Schema of(Map<String, Object> document, Map<String, Object> raw) {
    String name = Refs.name(raw);
    Object targetMarks = null;
    Map<String, Object> node = new LinkedHashMap<>(raw);
    if (name != null) {
      Map<String, Object> holder = new LinkedHashMap<>(raw);
      holder.remove("x-deviation");
      node = Refs.resolveKeepingMarks(document, holder);
      targetMarks = node.get("x-deviation");
    }
    node.remove("x-deviation");
    boolean nullable = Boolean.TRUE.equals(node.get("nullable"));
    Set<String> types = new TreeSet<>();
    Object type = node.get("type");
    for (Object each :
        type instanceof List ? list(type) : type == null ? List.of() : List.of(type)) {
      if ("null".equals(each)) {
        nullable = true;
      } else {
        types.add(String.valueOf(each));
      }
    }
    List<Object> branches = new ArrayList<>();
    for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
      for (Object branch : list(node.get(combinator))) {
        if ("null".equals(map(branch).get("type")) && map(branch).size() == 1) {
          nullable = true;
        } else {
          branches.add(branch);
        }
      }
    }
    if (branches.size() == 1) {
      // One real alternative: compare it, with what is written beside the anyOf (a default).
      Map<String, Object> outer = new LinkedHashMap<>(node);
      for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
        outer.remove(combinator);
      }
      Schema inner = of(document, map(branches.get(0)));
      Map<String, Object> merged = new LinkedHashMap<>(inner.node());
      merged.putAll(outer);
      Set<String> innerTypes = new TreeSet<>(inner.types());
      innerTypes.addAll(types);
      return new Schema(
          name != null ? name : inner.name(),
          merged,
          innerTypes,
          nullable || inner.nullable(),
          inner.branches(),
          targetMarks != null ? targetMarks : inner.targetMarks());
    }
    return new Schema(
        name, node, types, nullable, branches.size() > 1 ? branches : List.of(), targetMarks);
  }
}
