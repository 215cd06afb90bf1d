package com.phala.cloud.cvm;

import com.phala.cloud.errors.ContractProblem;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.JsonEquality;
import com.phala.cloud.internal.JsonMembers;
import com.phala.cloud.internal.view.Findings;
import com.phala.cloud.internal.view.ViewJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A read-only view of one JSON object the API sent, kept exactly as received. Every view class is
 * generated from the contract ({@code openapi/phala-cloud.yaml}) and adds one typed accessor per
 * property; this class gives what every object has: the fields the contract does not know ({@link
 * #unknownFields()}), any field by name ({@link #field(String)}), the exact JSON ({@link
 * #toJson()}) and a check of the whole object against the contract ({@link #validate()}).
 *
 * <p>Policy for data that breaks the contract: nothing fails when the list is read. An accessor
 * whose field is required but missing, or of the wrong type, throws {@link
 * PhalaInvalidDataException} naming the field's path (such as {@code $[1].hosted.name}); {@link
 * #validate()} lists every such problem without throwing. Absent or null optional fields are {@code
 * Optional.empty()}, an empty list, or the contract's default.
 *
 * <p>Views are values: two views are {@link #equals equal} when they are of the same class and came
 * from the same JSON: the same members (in any order) with equal values, numbers and strings
 * compared by their exact text, as received. Where they were in the response ({@link #path()}) does
 * not count. So the same body parsed twice gives equal CVMs, nested views and lists.
 *
 * <p>Closed: only this library's views extend it. Its one constructor takes the views' runtime, a
 * type of a package the library's module does not export, so code outside the library can neither
 * name it nor obtain one (and a {@code null} is refused).
 */
public abstract class ApiObject {
  static {
    ViewJson.makeMembersWith(Member::new);
  }

  private final ViewJson json;

  /** A view of the JSON {@code json} holds; for the library's views only. */
  protected ApiObject(ViewJson json) {
    this.json = Objects.requireNonNull(json, "json");
  }

  /** Where this object is in the response, as a JSON path such as {@code $[1].hosted}. */
  public final String path() {
    return json.path();
  }

  /**
   * The members the contract does not declare, in the order received, as plain Java values ({@code
   * String}, {@code Boolean}, {@code Number} whose {@code toString()} is the exact text received,
   * {@code List}, {@code Map} or {@code null}). A field the server adds is readable here the day it
   * ships.
   */
  public final Map<String, Object> unknownFields() {
    Map<String, Object> unknown = new LinkedHashMap<>();
    JsonMembers members = json();
    for (int i = 0; i < members.size(); i++) {
      if (!json.isKnown(members.name(i))) {
        unknown.put(members.name(i), ViewJson.plain(members.value(i)));
      }
    }
    return Collections.unmodifiableMap(unknown);
  }

  /**
   * Any member by its JSON name, known or not, as a plain Java value; empty when absent or null.
   */
  public final Optional<Object> field(String name) {
    return Optional.ofNullable(ViewJson.plain(json().get(name)));
  }

  /** Every member as received, as an unmodifiable map of plain Java values. */
  @SuppressWarnings("unchecked")
  public final Map<String, Object> fields() {
    return (Map<String, Object>) ViewJson.plain(json());
  }

  /** This object as compact JSON: every member it came with, numbers exactly as received. */
  public final String toJson() {
    return JsonMembers.toJson(json());
  }

  /**
   * Every way this object (and the objects inside it) breaks the contract, one message per problem
   * naming its path; empty when it is valid. The messages of {@link #problems()}, in its order.
   */
  public final List<String> validate() {
    List<String> messages = new ArrayList<>();
    for (ContractProblem problem : problems()) {
      messages.add(problem.message());
    }
    return Collections.unmodifiableList(messages);
  }

  /**
   * Every way this object (and the objects inside it) breaks the contract, each with its path and
   * {@link ContractProblem.Kind kind}; empty when it is valid. Found by calling every accessor, so
   * an accessor throws exactly when a problem is listed here for its path. Fields the contract does
   * not declare are not problems (see {@link #unknownFieldPaths()}).
   */
  public final List<ContractProblem> problems() {
    Findings findings = new Findings(ApiObject::walk);
    walk(findings);
    return Collections.unmodifiableList(findings.problems());
  }

  /**
   * The members the contract does not declare, in this object and in every object inside it that
   * the contract describes, by their full path (such as {@code $[0].hosted.machine_info}) in the
   * order met, each as a plain Java value (see {@link #unknownFields()}). Inside a member the
   * contract does not declare, or a free-form one, nothing more is listed: the contract says
   * nothing there.
   */
  public final Map<String, Object> unknownFieldPaths() {
    Findings findings = new Findings(ApiObject::walk);
    walk(findings);
    return Collections.unmodifiableMap(findings.unknown());
  }

  /**
   * One member the contract declares for a view: its JSON name, whether it holds a list, and the
   * members of the object it holds (of each item, for a list of objects); none for a plain value.
   * Every generated view lists its members in its public {@code MEMBERS}, such as {@code
   * Cvm.MEMBERS}.
   */
  public static final class Member {
    private final String name;
    private final boolean list;
    private final Supplier<List<Member>> nested;

    private Member(String name, boolean list, Supplier<List<Member>> nested) {
      this.name = name;
      this.list = list;
      this.nested = nested;
    }

    /** The member's JSON name, such as {@code hosted}. */
    public String name() {
      return name;
    }

    /** Whether the member holds a list. */
    public boolean isList() {
      return list;
    }

    /** The members of the object it holds (of each item, for a list); empty for plain values. */
    public List<Member> members() {
      return nested == null ? List.of() : nested.get();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** How deep {@link #declaredPaths} follows nested objects; the contract nests far less. */
  private static final int MAX_PATH_DEPTH = 8;

  /**
   * Every JSON path the contract declares from a view with these {@code members} (such as {@code
   * Cvm.MEMBERS}), in the contract's order: each member's name, then the paths inside the object it
   * holds, dot-separated ({@code hosted}, {@code hosted.uptime}); a list's items are {@code *}
   * ({@code public_urls.*}, {@code public_urls.*.app}).
   */
  public static List<String> declaredPaths(List<Member> members) {
    List<String> paths = new ArrayList<>();
    addPaths(paths, "", members, 0);
    return Collections.unmodifiableList(paths);
  }

  private static void addPaths(List<String> paths, String prefix, List<Member> members, int depth) {
    for (Member member : members) {
      String path = prefix + member.name();
      paths.add(path);
      if (member.isList()) {
        paths.add(path + ".*");
      }
      if (depth < MAX_PATH_DEPTH) {
        addPaths(paths, path + (member.isList() ? ".*." : "."), member.members(), depth + 1);
      }
    }
  }

  /**
   * Adds this object's problems to {@code problems}, by calling every accessor (and walks the
   * objects inside it): the generated checks. Its parameter's type is of a package the module does
   * not export, so no class outside the library can implement it: what, with the constructor, keeps
   * this class closed at compile time.
   */
  protected abstract void collectProblems(Findings problems);

  /** Records this object's unknown members, then its problems and those of the objects inside. */
  private void walk(Findings findings) {
    unknownFields().forEach((name, value) -> findings.unknown().put(json.pathOf(name), value));
    collectProblems(findings);
  }

  /** The JSON this view reads, for the library's own helpers. */
  final JsonMembers json() {
    return json.json();
  }

  /**
   * Whether {@code other} is a view of the same class over the same JSON (see the class comment):
   * members in any order, values compared by their exact text as received, the path not counted.
   */
  @Override
  public final boolean equals(Object other) {
    return other == this
        || other != null
            && other.getClass() == getClass()
            && JsonEquality.equal(json(), ((ApiObject) other).json());
  }

  /** A hash consistent with {@link #equals}. */
  @Override
  public final int hashCode() {
    return getClass().getName().hashCode() * 31 + JsonEquality.hash(json());
  }

  /**
   * A short description for logs: the class, and the members that name it, as received: its
   * required plain values and ids, never free text such as scripts or compose files, which can hold
   * the user's own secrets.
   */
  @Override
  public final String toString() {
    return json.describe(getClass().getSimpleName());
  }
}
