package com.phala.cloud.cvm;

import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.json.JsonArrayNode;
import com.phala.cloud.internal.json.JsonNumber;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A read-only view of one JSON object the API sent, kept exactly as received. Subclasses add typed
 * accessors; this class gives what every object has: the fields the contract does not know ({@link
 * #unknownFields()}), any field by name ({@link #field(String)}), the exact JSON ({@link
 * #toJson()}) and a check of the whole object against the contract ({@link #validate()}).
 *
 * <p>Policy for data that breaks the contract: nothing fails when the list is read. An accessor
 * whose field is required but missing, or of the wrong type, throws {@link
 * PhalaInvalidDataException} naming the field's path (such as {@code $[1].hosted.name}); {@link
 * #validate()} lists every such problem without throwing. Absent or null optional fields are {@code
 * Optional.empty()}, an empty list, or the contract's default.
 */
public abstract class ApiObject {
  final JsonObjectNode json;
  private final String path;
  private final Set<String> known;

  ApiObject(JsonObjectNode json, String path, Set<String> known) {
    this.json = json;
    this.path = path;
    this.known = known;
  }

  /** Where this object is in the response, as a JSON path such as {@code $[1].hosted}. */
  public final String path() {
    return path;
  }

  /**
   * The members the contract does not declare, in the order received, as plain Java values ({@code
   * String}, {@code Boolean}, {@code Number}, {@code List}, {@code Map} or {@code null}). A field
   * the server adds is readable here the day it ships.
   */
  public final Map<String, Object> unknownFields() {
    Map<String, Object> unknown = new LinkedHashMap<>();
    for (int i = 0; i < json.size(); i++) {
      if (!known.contains(json.keyAt(i))) {
        unknown.put(json.keyAt(i), json.valueAt(i));
      }
    }
    return Collections.unmodifiableMap(unknown);
  }

  /**
   * Any member by its JSON name, known or not, as a plain Java value; empty when absent or null.
   */
  public final Optional<Object> field(String name) {
    return Optional.ofNullable(json.get(name));
  }

  /** Every member as received, as an unmodifiable map of plain Java values. */
  public final Map<String, Object> fields() {
    return Collections.unmodifiableMap(json);
  }

  /** This object as compact JSON: every member it came with, numbers exactly as received. */
  public final String toJson() {
    return json.toString();
  }

  /**
   * Every way this object (and the objects inside it) breaks the contract, one message per problem
   * naming its path; empty when it is valid.
   */
  public final List<String> validate() {
    List<String> problems = new ArrayList<>();
    collectProblems(problems);
    return Collections.unmodifiableList(problems);
  }

  /** Adds this object's problems to {@code problems}, by calling every accessor. */
  abstract void collectProblems(List<String> problems);

  /** Runs {@code accessor}, recording the problem it reports instead of throwing. */
  static void check(List<String> problems, Runnable accessor) {
    try {
      accessor.run();
    } catch (PhalaInvalidDataException problem) {
      problems.add(problem.getMessage());
    }
  }

  /** {@code problems} of each view in {@code views}. */
  static void checkAll(
      List<String> problems, Runnable listAccessor, List<? extends ApiObject> views) {
    check(problems, listAccessor);
    for (ApiObject view : views) {
      view.collectProblems(problems);
    }
  }

  /**
   * The views {@code list} returns, or none if it reports a problem (already recorded by {@link
   * #check}).
   */
  static <T extends ApiObject> List<T> safe(Supplier<List<T>> list) {
    try {
      return list.get();
    } catch (PhalaInvalidDataException recordedElsewhere) {
      return List.of();
    }
  }

  final String pathOf(String name) {
    return path + "." + name;
  }

  final PhalaInvalidDataException invalid(String name, String problem) {
    String where = pathOf(name);
    return new PhalaInvalidDataException(
        where + " " + problem + ".", where, snippet(json.get(name)), null);
  }

  private static String snippet(Object value) {
    if (value == null) {
      return "";
    }
    String text = value instanceof String ? "\"" + value + "\"" : value.toString();
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }

  private static String typeOf(Object value) {
    if (value instanceof String) {
      return "a string";
    } else if (value instanceof JsonNumber) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof JsonObjectNode) {
      return "an object";
    } else if (value instanceof JsonArrayNode) {
      return "an array";
    }
    return "null";
  }

  private Object present(String name) {
    Object value = json.get(name);
    if (value == null) {
      throw invalid(
          name,
          json.containsKey(name)
              ? "is null but the contract requires it"
              : "is missing but the contract requires it");
    }
    return value;
  }

  /**
   * {@code raw} as a hashed id, or a problem naming the field, the accepted form and the accessor
   * that returns the id as sent (servers and SDK mocks do send malformed ids).
   */
  final <T extends HashedId> T hashedId(
      String name,
      String raw,
      String prefix,
      String what,
      String rawAccessor,
      Function<String, T> parse) {
    if (!HashedId.isWellFormed(raw, prefix)) {
      throw invalid(
          name,
          "is not a valid "
              + what
              + " ("
              + prefix
              + " and letters and digits): "
              + HashedId.describe(raw)
              + "; "
              + rawAccessor
              + "() returns it as sent");
    }
    return parse.apply(raw);
  }

  final String requiredString(String name) {
    Object value = present(name);
    if (!(value instanceof String)) {
      throw invalid(name, "should be a string but is " + typeOf(value));
    }
    return (String) value;
  }

  final Optional<String> optionalString(String name) {
    Object value = json.get(name);
    if (value != null && !(value instanceof String)) {
      throw invalid(name, "should be a string but is " + typeOf(value));
    }
    return Optional.ofNullable((String) value);
  }

  /**
   * Like {@link #optionalString} but the empty string (the VM manager's "nothing") is empty too.
   */
  final Optional<String> optionalText(String name) {
    return optionalString(name).filter(text -> !text.isEmpty());
  }

  final String stringOrDefault(String name, String fallback) {
    return optionalString(name).orElse(fallback);
  }

  private long whole(String name, Object value, long min, long max) {
    long number;
    try {
      if (value instanceof JsonNumber) {
        number = ((JsonNumber) value).longValueExact();
      } else {
        throw invalid(name, "should be an integer but is " + typeOf(value));
      }
    } catch (ArithmeticException | NumberFormatException notWhole) {
      throw invalid(name, "should be an integer but is " + value);
    }
    if (number < min || number > max) {
      throw invalid(name, "is out of range: " + number);
    }
    return number;
  }

  final int requiredInt(String name) {
    return (int) whole(name, present(name), Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  final long requiredLong(String name) {
    return whole(name, present(name), Long.MIN_VALUE, Long.MAX_VALUE);
  }

  final OptionalInt optionalInt(String name) {
    Object value = json.get(name);
    return value == null
        ? OptionalInt.empty()
        : OptionalInt.of((int) whole(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE));
  }

  final OptionalLong optionalLong(String name) {
    Object value = json.get(name);
    return value == null
        ? OptionalLong.empty()
        : OptionalLong.of(whole(name, value, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /** A required integer id that some SDK mocks send as a numeric string: both are accepted. */
  final long requiredLenientLong(String name) {
    Object value = present(name);
    if (value instanceof String) {
      try {
        return Long.parseLong(((String) value).trim());
      } catch (NumberFormatException notNumeric) {
        throw invalid(name, "should be an integer but is \"" + value + "\"");
      }
    }
    return whole(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  final boolean bool(String name, boolean fallback) {
    Object value = json.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Boolean)) {
      throw invalid(name, "should be a boolean but is " + typeOf(value));
    }
    return (Boolean) value;
  }

  final List<String> strings(String name, List<String> fallback) {
    Object value = json.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof JsonArrayNode)) {
      throw invalid(name, "should be an array but is " + typeOf(value));
    }
    List<String> strings = new ArrayList<>();
    JsonArrayNode array = (JsonArrayNode) value;
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof String)) {
        throw invalid(name + "[" + i + "]", "should be a string but is " + typeOf(array.get(i)));
      }
      strings.add((String) array.get(i));
    }
    return Collections.unmodifiableList(strings);
  }

  final <T> T requiredObject(String name, BiFunction<JsonObjectNode, String, T> view) {
    Object value = present(name);
    if (!(value instanceof JsonObjectNode)) {
      throw invalid(name, "should be an object but is " + typeOf(value));
    }
    return view.apply((JsonObjectNode) value, pathOf(name));
  }

  final <T> Optional<T> optionalObject(String name, BiFunction<JsonObjectNode, String, T> view) {
    return json.get(name) == null ? Optional.empty() : Optional.of(requiredObject(name, view));
  }

  /** A list of objects; absent or null is the empty list. */
  final <T> List<T> objects(String name, BiFunction<JsonObjectNode, String, T> view) {
    Object value = json.get(name);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArrayNode)) {
      throw invalid(name, "should be an array but is " + typeOf(value));
    }
    JsonArrayNode array = (JsonArrayNode) value;
    List<T> views = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object item = array.get(i);
      if (!(item instanceof JsonObjectNode)) {
        throw invalid(name + "[" + i + "]", "should be an object but is " + typeOf(item));
      }
      views.add(view.apply((JsonObjectNode) item, pathOf(name) + "[" + i + "]"));
    }
    return Collections.unmodifiableList(views);
  }

  /** A list of objects that the contract requires: missing or null is a problem. */
  final <T> List<T> requiredObjects(String name, BiFunction<JsonObjectNode, String, T> view) {
    present(name);
    return objects(name, view);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + toJson();
  }
}
