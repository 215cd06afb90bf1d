package com.phala.cloud.cvm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.phala.cloud.errors.ContractProblem;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.HumanDuration;
import com.phala.cloud.internal.JsonEquality;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
import java.util.function.Predicate;
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
 * <p>Not meant to be extended outside this library: its protected members are the runtime the
 * generated views call.
 */
public abstract class ApiObject {
  private final JsonObject json;
  private final String path;

  /** A view of {@code json}, found at {@code path} in the response. */
  protected ApiObject(JsonObject json, String path) {
    this.json = json;
    this.path = path;
  }

  /** Where this object is in the response, as a JSON path such as {@code $[1].hosted}. */
  public final String path() {
    return path;
  }

  /**
   * The members the contract does not declare, in the order received, as plain Java values ({@code
   * String}, {@code Boolean}, {@code Number} whose {@code toString()} is the exact text received,
   * {@code List}, {@code Map} or {@code null}). A field the server adds is readable here the day it
   * ships.
   */
  public final Map<String, Object> unknownFields() {
    Map<String, Object> unknown = new LinkedHashMap<>();
    Set<String> known = knownFields();
    for (Map.Entry<String, JsonElement> member : json.entrySet()) {
      if (!known.contains(member.getKey())) {
        unknown.put(member.getKey(), plain(member.getValue()));
      }
    }
    return Collections.unmodifiableMap(unknown);
  }

  /**
   * Any member by its JSON name, known or not, as a plain Java value; empty when absent or null.
   */
  public final Optional<Object> field(String name) {
    return Optional.ofNullable(plain(json.get(name)));
  }

  /** Every member as received, as an unmodifiable map of plain Java values. */
  public final Map<String, Object> fields() {
    return Collections.unmodifiableMap(plainObject(json));
  }

  /** This object as compact JSON: every member it came with, numbers exactly as received. */
  public final String toJson() {
    return json.toString();
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
    Findings findings = new Findings();
    walk(findings);
    return Collections.unmodifiableList(findings.problems);
  }

  /**
   * The members the contract does not declare, in this object and in every object inside it that
   * the contract describes, by their full path (such as {@code $[0].hosted.machine_info}) in the
   * order met, each as a plain Java value (see {@link #unknownFields()}). Inside a member the
   * contract does not declare, or a free-form one, nothing more is listed: the contract says
   * nothing there.
   */
  public final Map<String, Object> unknownFieldPaths() {
    Findings findings = new Findings();
    walk(findings);
    return Collections.unmodifiableMap(findings.unknown);
  }

  /** The JSON member names the contract declares for this object. */
  protected abstract Set<String> knownFields();

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

  /** A member of a generated view's {@code MEMBERS}; {@code nested} is null for a plain value. */
  protected static Member member(String name, boolean list, Supplier<List<Member>> nested) {
    return new Member(name, list, nested);
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
   * objects inside it).
   */
  protected abstract void collectProblems(Findings problems);

  /**
   * What a walk over a view and the views inside it found: problems and unknown fields. The runtime
   * the generated views call; not meant for other use.
   */
  protected static final class Findings {
    private final List<ContractProblem> problems = new ArrayList<>();
    private final Map<String, Object> unknown = new LinkedHashMap<>();

    Findings() {}

    private void add(PhalaInvalidDataException problem) {
      problems.add(
          new ContractProblem(
              problem.where(),
              problem.kind().orElse(ContractProblem.Kind.INVALID_VALUE),
              problem.getMessage()));
    }
  }

  /** Records this object's unknown members, then its problems and those of the objects inside. */
  private void walk(Findings findings) {
    unknownFields().forEach((name, value) -> findings.unknown.put(pathOf(name), value));
    collectProblems(findings);
  }

  /** The JSON this view reads, for the library's own helpers. */
  final JsonObject json() {
    return json;
  }

  // ---- Checks, for generated validate() --------------------------------------------------------

  /** Runs {@code accessor}, recording the problem it reports instead of throwing. */
  protected static void check(Findings problems, Runnable accessor) {
    try {
      accessor.run();
    } catch (PhalaInvalidDataException problem) {
      problems.add(problem);
    }
  }

  /** Records the problems of the view {@code accessor} returns (a view or an optional view). */
  protected static void checkView(Findings problems, Supplier<?> accessor) {
    try {
      Object view = accessor.get();
      if (view instanceof Optional) {
        view = ((Optional<?>) view).orElse(null);
      }
      if (view instanceof ApiObject) {
        ((ApiObject) view).walk(problems);
      }
    } catch (PhalaInvalidDataException problem) {
      problems.add(problem);
    }
  }

  /** Records the problems of {@code list} and of each view in it. */
  protected static void checkAll(
      Findings problems, Supplier<? extends List<? extends ApiObject>> list) {
    try {
      for (ApiObject view : list.get()) {
        view.walk(problems);
      }
    } catch (PhalaInvalidDataException problem) {
      problems.add(problem);
    }
  }

  /** Records a problem if the string {@code name} is present but not one of {@code allowed}. */
  protected final void checkEnum(Findings problems, String name, Set<String> allowed) {
    JsonElement value = value(name);
    boolean string =
        value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    // A value of the wrong type is the accessor's problem, already recorded once.
    if (string && !allowed.contains(value.getAsString())) {
      problems.add(
          invalid(
              ContractProblem.Kind.NOT_IN_ENUM,
              name,
              "is not one of the contract's values " + allowed));
    }
  }

  /**
   * Records a problem if the number {@code name} is present but below {@code minimum} or above
   * {@code maximum} (either may be {@code null}: no bound), compared exactly.
   */
  protected final void checkRange(Findings problems, String name, String minimum, String maximum) {
    JsonElement value = value(name);
    // A value of the wrong type is the accessor's problem, already recorded once.
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      return;
    }
    BigDecimal number;
    try {
      number = new BigDecimal(value.getAsString());
    } catch (NumberFormatException beyondBigDecimal) {
      // Such as 1e9999999999: valid JSON, but past any bound the contract can give.
      problems.add(invalid(ContractProblem.Kind.INVALID_VALUE, name, "is out of any range"));
      return;
    }
    if (minimum != null && number.compareTo(new BigDecimal(minimum)) < 0) {
      problems.add(
          invalid(
              ContractProblem.Kind.INVALID_VALUE,
              name,
              "is below the contract's minimum " + minimum));
    } else if (maximum != null && number.compareTo(new BigDecimal(maximum)) > 0) {
      problems.add(
          invalid(
              ContractProblem.Kind.INVALID_VALUE,
              name,
              "is above the contract's maximum " + maximum));
    }
  }

  /**
   * A short description for logs: the class, and the given members as received. Views name
   * themselves by their required plain values and ids, never by free text such as scripts or
   * compose files, which can hold the user's own secrets.
   */
  protected final String describe(String... names) {
    StringBuilder text = new StringBuilder(getClass().getSimpleName()).append('{');
    for (int i = 0; i < names.length; i++) {
      JsonElement value = json.get(names[i]);
      String shown = value == null ? "null" : value.isJsonPrimitive() ? value.getAsString() : "…";
      text.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(shortened(shown, 80));
    }
    return text.append('}').toString();
  }

  // ---- Accessors, for generated views ----------------------------------------------------------

  /** A required string. */
  protected final String requiredString(String name) {
    return string(name, present(name));
  }

  /** An optional string; empty when absent or null. */
  protected final Optional<String> optionalString(String name) {
    JsonElement value = value(name);
    return value == null ? Optional.empty() : Optional.of(string(name, value));
  }

  /** A nullable string with a default: the default when absent, empty when null. */
  protected final Optional<String> nullableStringOr(String name, String fallback) {
    return json.has(name) ? optionalString(name) : Optional.of(fallback);
  }

  /** A required integer of 32 bits. */
  protected final int requiredInt(String name) {
    return (int) whole(name, present(name), Integer.MIN_VALUE, Integer.MAX_VALUE, false);
  }

  /** An optional integer of 32 bits. */
  protected final OptionalInt optionalInt(String name) {
    JsonElement value = value(name);
    return value == null
        ? OptionalInt.empty()
        : OptionalInt.of((int) whole(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE, false));
  }

  /** A required integer of 64 bits; {@code alsoString} accepts a numeric string too. */
  protected final long requiredLong(String name, boolean alsoString) {
    return whole(name, present(name), Long.MIN_VALUE, Long.MAX_VALUE, alsoString);
  }

  /** An optional integer of 64 bits. */
  protected final OptionalLong optionalLong(String name) {
    JsonElement value = value(name);
    return value == null
        ? OptionalLong.empty()
        : OptionalLong.of(whole(name, value, Long.MIN_VALUE, Long.MAX_VALUE, false));
  }

  /** A required number, exactly as sent. */
  protected final BigDecimal requiredDecimal(String name) {
    return decimal(name, present(name));
  }

  /** An optional number, exactly as sent. */
  protected final Optional<BigDecimal> optionalDecimal(String name) {
    JsonElement value = value(name);
    return value == null ? Optional.empty() : Optional.of(decimal(name, value));
  }

  /** A decimal the contract sends as a string (such as a price, {@code "0.0580"}), exactly. */
  protected final BigDecimal decimalText(String name) {
    String text = requiredString(name);
    try {
      if (text.length() > 100) {
        throw new NumberFormatException("too long");
      }
      return new BigDecimal(text.trim());
    } catch (NumberFormatException notADecimal) {
      throw invalid(
          ContractProblem.Kind.INVALID_VALUE,
          name,
          "should be a decimal number such as \"0.0580\" but is not");
    }
  }

  /** A required boolean. */
  protected final boolean requiredBoolean(String name) {
    return bool(name, present(name));
  }

  /** An optional boolean with no default. */
  protected final Optional<Boolean> optionalBoolean(String name) {
    JsonElement value = value(name);
    return value == null ? Optional.empty() : Optional.of(bool(name, value));
  }

  /** A required value of any JSON type, as a plain Java value. */
  protected final Object requiredAny(String name) {
    return plain(present(name));
  }

  /** A list of strings; absent or null is {@code fallback}. */
  protected final List<String> strings(String name, List<String> fallback) {
    JsonArray array = array(name);
    if (array == null) {
      return fallback;
    }
    List<String> strings = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      strings.add(string(name + "[" + i + "]", array.get(i)));
    }
    return Collections.unmodifiableList(strings);
  }

  /** A list of values of any JSON type; absent or null is the empty list. */
  protected final List<Object> anyValues(String name) {
    JsonArray array = array(name);
    return array == null ? List.of() : Collections.unmodifiableList(plainArray(array));
  }

  /** A required nested object, as its view. */
  protected final <T> T requiredObject(String name, BiFunction<JsonObject, String, T> view) {
    JsonElement value = present(name);
    if (!value.isJsonObject()) {
      throw wrongType(name, "an object", value);
    }
    return view.apply(value.getAsJsonObject(), pathOf(name));
  }

  /** An optional nested object, as its view. */
  protected final <T> Optional<T> optionalObject(
      String name, BiFunction<JsonObject, String, T> view) {
    return value(name) == null ? Optional.empty() : Optional.of(requiredObject(name, view));
  }

  /** A list of objects, as views; absent or null is the empty list. */
  protected final <T> List<T> objects(String name, BiFunction<JsonObject, String, T> view) {
    JsonArray array = array(name);
    if (array == null) {
      return List.of();
    }
    List<T> views = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonElement item = array.get(i);
      if (!item.isJsonObject()) {
        throw wrongType(name + "[" + i + "]", "an object", item);
      }
      views.add(view.apply(item.getAsJsonObject(), pathOf(name) + "[" + i + "]"));
    }
    return Collections.unmodifiableList(views);
  }

  /**
   * A hashed id: {@code raw} checked against the contract's {@code pattern} (such as {@code
   * ^prj_.+}, the id type's {@code PATTERN}) by {@code valid}, or a problem naming the field, the
   * pattern and the accessor that returns the id as sent (servers and SDK mocks do send malformed
   * ids).
   */
  protected final <T extends HashedId> T hashedId(
      String name,
      String raw,
      String rawAccessor,
      String pattern,
      Predicate<String> valid,
      Function<String, T> parse) {
    if (!valid.test(raw)) {
      throw invalid(
          ContractProblem.Kind.MALFORMED_ID,
          name,
          "does not match the contract's pattern "
              + pattern
              + " for a hashed id: "
              + HashedId.describe(raw)
              + "; "
              + rawAccessor
              + "() returns it as sent");
    }
    return parse.apply(raw);
  }

  /** A human-readable duration such as {@code "2h 30m 5s"}; empty for {@code "never"}. */
  protected final Optional<Duration> duration(String name, String raw) {
    try {
      return HumanDuration.parse(raw);
    } catch (IllegalArgumentException | ArithmeticException notADuration) {
      throw invalid(
          name,
          "is not a duration such as \"2h 30m 5s\" or \"never\" ("
              + notADuration.getMessage()
              + ")");
    }
  }

  /** Epoch milliseconds as an instant; empty for 0, which the API sends when it does not know. */
  protected static Optional<Instant> epochMillis(long millis) {
    return millis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  /** An RFC 3339 date-time as an instant. */
  protected final Instant dateTime(String name, String raw) {
    try {
      return OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException notADate) {
      try {
        return java.time.LocalDateTime.parse(raw).toInstant(java.time.ZoneOffset.UTC);
      } catch (DateTimeParseException alsoNot) {
        throw invalid(name, "is not a date-time such as \"2026-01-21T10:15:30Z\"");
      }
    }
  }

  // ---- Plumbing ---------------------------------------------------------------------------------

  private String pathOf(String name) {
    return path + "." + name;
  }

  /**
   * A problem with member {@code name} (which may carry an index, such as {@code ports[2]}): a
   * value the contract's format refuses ({@link ContractProblem.Kind#INVALID_VALUE}).
   */
  protected final PhalaInvalidDataException invalid(String name, String problem) {
    return invalid(ContractProblem.Kind.INVALID_VALUE, name, problem);
  }

  /** A problem of {@code kind} with member {@code name} (which may carry an index). */
  protected final PhalaInvalidDataException invalid(
      ContractProblem.Kind kind, String name, String problem) {
    String where = pathOf(name);
    int bracket = name.indexOf('[');
    JsonElement value = json.get(bracket < 0 ? name : name.substring(0, bracket));
    String snippet = value == null ? "" : shortened(value.toString(), 120);
    return new PhalaInvalidDataException(where + " " + problem + ".", where, snippet, null, kind);
  }

  private PhalaInvalidDataException wrongType(String name, String expected, JsonElement value) {
    return invalid(
        value.isJsonNull() ? ContractProblem.Kind.NULL : ContractProblem.Kind.WRONG_TYPE,
        name,
        "should be " + expected + " but is " + typeOf(value));
  }

  private static String shortened(String text, int max) {
    return text.length() > max ? text.substring(0, max) + "..." : text;
  }

  /** The member, or null when absent or JSON null. */
  private JsonElement value(String name) {
    JsonElement value = json.get(name);
    return value == null || value.isJsonNull() ? null : value;
  }

  /**
   * The member {@code name}, which the contract requires.
   *
   * @throws PhalaInvalidDataException naming its path if it is missing or null
   */
  protected final JsonElement present(String name) {
    JsonElement value = value(name);
    if (value == null) {
      boolean isNull = json.has(name);
      throw invalid(
          isNull ? ContractProblem.Kind.NULL : ContractProblem.Kind.MISSING,
          name,
          isNull
              ? "is null but the contract requires it"
              : "is missing but the contract requires it");
    }
    return value;
  }

  private JsonArray array(String name) {
    JsonElement value = value(name);
    if (value != null && !value.isJsonArray()) {
      throw wrongType(name, "an array", value);
    }
    return value == null ? null : value.getAsJsonArray();
  }

  private String string(String name, JsonElement value) {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw wrongType(name, "a string", value);
    }
    return value.getAsString();
  }

  private boolean bool(String name, JsonElement value) {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
      throw wrongType(name, "a boolean", value);
    }
    return value.getAsBoolean();
  }

  private BigDecimal decimal(String name, JsonElement value) {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw wrongType(name, "a number", value);
    }
    try {
      return new BigDecimal(value.getAsString());
    } catch (NumberFormatException beyondBigDecimal) {
      throw invalid(name, "is a number too large to read (such as an exponent past 2^31)");
    }
  }

  private long whole(String name, JsonElement value, long min, long max, boolean alsoString) {
    JsonPrimitive primitive = value.isJsonPrimitive() ? value.getAsJsonPrimitive() : null;
    boolean numeric =
        primitive != null && (primitive.isNumber() || alsoString && primitive.isString());
    if (!numeric) {
      throw wrongType(name, "an integer", value);
    }
    String text = primitive.getAsString().trim();
    long number;
    try {
      // Longer text cannot be a long; refusing it first keeps a hostile number from costing time.
      number = text.length() > 40 ? fail() : new BigDecimal(text).longValueExact();
    } catch (ArithmeticException | NumberFormatException notWhole) {
      throw invalid(
          ContractProblem.Kind.WRONG_TYPE,
          name,
          "should be an integer but is " + shortened(text, 40));
    }
    if (number < min || number > max) {
      throw invalid(name, "is out of range: " + number);
    }
    return number;
  }

  private static long fail() {
    throw new ArithmeticException("too long");
  }

  private static String typeOf(JsonElement value) {
    if (value.isJsonObject()) {
      return "an object";
    } else if (value.isJsonArray()) {
      return "an array";
    } else if (value.isJsonNull()) {
      return "null";
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    return primitive.isString() ? "a string" : primitive.isNumber() ? "a number" : "a boolean";
  }

  /** {@code value} as a plain Java value: String, Boolean, Number, List, Map or null. */
  static Object plain(JsonElement value) {
    if (value == null || value.isJsonNull()) {
      return null;
    } else if (value.isJsonObject()) {
      return Collections.unmodifiableMap(plainObject(value.getAsJsonObject()));
    } else if (value.isJsonArray()) {
      return Collections.unmodifiableList(plainArray(value.getAsJsonArray()));
    }
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    return primitive.isNumber() ? primitive.getAsNumber() : primitive.getAsString();
  }

  private static Map<String, Object> plainObject(JsonObject object) {
    Map<String, Object> map = new LinkedHashMap<>();
    object.entrySet().forEach(member -> map.put(member.getKey(), plain(member.getValue())));
    return map;
  }

  private static List<Object> plainArray(JsonArray array) {
    List<Object> list = new ArrayList<>(array.size());
    array.forEach(item -> list.add(plain(item)));
    return list;
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
            && JsonEquality.equal(json, ((ApiObject) other).json);
  }

  /** A hash consistent with {@link #equals}. */
  @Override
  public final int hashCode() {
    return getClass().getName().hashCode() * 31 + JsonEquality.hash(json);
  }

  /** A short description: see {@link #describe(String...)}. */
  @Override
  public String toString() {
    return describe();
  }
}
