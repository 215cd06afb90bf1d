package com.phala.cloud.internal.view;

import com.phala.cloud.cvm.ApiObject;
import com.phala.cloud.cvm.HashedId;
import com.phala.cloud.errors.ContractProblem;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.HumanDuration;
import com.phala.cloud.internal.JsonMembers;
import com.phala.cloud.internal.PlainText;
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
 * The runtime of the generated views: the JSON object one {@link ApiObject} reads, where it is in
 * the response, what its contract declares, and every reading rule the generated accessors apply
 * (see {@link ApiObject} for the policy). Not API: its package is not exported, so code outside the
 * library cannot name it, and so cannot call {@link ApiObject}'s constructor, which takes it.
 */
public final class ViewJson {
  private static volatile MemberFactory members;

  private final JsonMembers json;
  private final String path;
  private final Set<String> known;
  private final String[] namedBy;

  /**
   * The JSON of a view found at {@code path} in the response, whose contract declares the members
   * {@code known}, named in logs by its members {@code namedBy}.
   */
  public ViewJson(JsonMembers json, String path, Set<String> known, String[] namedBy) {
    this.json = json;
    this.path = path;
    this.known = known;
    this.namedBy = namedBy;
  }

  /** How {@link ApiObject}, the one class that can, makes its {@code Member}s. */
  public interface MemberFactory {
    /** A member; see {@link ViewJson#member}. */
    ApiObject.Member member(String name, boolean list, Supplier<List<ApiObject.Member>> nested);
  }

  /** Set by {@link ApiObject}, initialized before any of its subclasses calls {@link #member}. */
  public static void makeMembersWith(MemberFactory factory) {
    members = factory;
  }

  /** A member of a generated view's {@code MEMBERS}; {@code nested} is null for a plain value. */
  public static ApiObject.Member member(
      String name, boolean list, Supplier<List<ApiObject.Member>> nested) {
    return members.member(name, list, nested);
  }

  /** The object as received. */
  public JsonMembers json() {
    return json;
  }

  /** Where the object is in the response, as a JSON path such as {@code $[1].hosted}. */
  public String path() {
    return path;
  }

  /** Whether {@code name} is a member the contract declares for this view. */
  public boolean isKnown(String name) {
    return known.contains(name);
  }

  /**
   * A short description for logs: {@code className}, and the members it is named by, as received.
   * Views name themselves by their required plain values and ids, never by free text such as
   * scripts or compose files, which can hold the user's own secrets.
   */
  public String describe(String className) {
    StringBuilder text = new StringBuilder(className).append('{');
    for (int i = 0; i < namedBy.length; i++) {
      String name = namedBy[i];
      Object value = json.get(name);
      // As before the compact tree: absent reads "null"; JSON null, an object or an array "…".
      String shown =
          value instanceof JsonMembers || value instanceof List || value == null && json.has(name)
              ? "…"
              : String.valueOf(value);
      text.append(i == 0 ? "" : ", ").append(name).append('=').append(shortened(shown, 80));
    }
    return text.append('}').toString();
  }

  // ---- Accessors, for generated views ----------------------------------------------------------

  /** A required string. */
  public String requiredString(String name) {
    return string(name, present(name));
  }

  /** An optional string; empty when absent or null. */
  public Optional<String> optionalString(String name) {
    Object value = value(name);
    return value == null ? Optional.empty() : Optional.of(string(name, value));
  }

  /** A nullable string with a default: the default when absent, empty when null. */
  public Optional<String> nullableStringOr(String name, String fallback) {
    return json.has(name) ? optionalString(name) : Optional.of(fallback);
  }

  /** A required integer of 32 bits. */
  public int requiredInt(String name) {
    return (int) whole(name, present(name), Integer.MIN_VALUE, Integer.MAX_VALUE, false);
  }

  /** An optional integer of 32 bits. */
  public OptionalInt optionalInt(String name) {
    Object value = value(name);
    return value == null
        ? OptionalInt.empty()
        : OptionalInt.of((int) whole(name, value, Integer.MIN_VALUE, Integer.MAX_VALUE, false));
  }

  /** A required integer of 64 bits; {@code alsoString} accepts a numeric string too. */
  public long requiredLong(String name, boolean alsoString) {
    return whole(name, present(name), Long.MIN_VALUE, Long.MAX_VALUE, alsoString);
  }

  /** An optional integer of 64 bits. */
  public OptionalLong optionalLong(String name) {
    Object value = value(name);
    return value == null
        ? OptionalLong.empty()
        : OptionalLong.of(whole(name, value, Long.MIN_VALUE, Long.MAX_VALUE, false));
  }

  /** A required number, exactly as sent. */
  public BigDecimal requiredDecimal(String name) {
    return decimal(name, present(name));
  }

  /** An optional number, exactly as sent. */
  public Optional<BigDecimal> optionalDecimal(String name) {
    Object value = value(name);
    return value == null ? Optional.empty() : Optional.of(decimal(name, value));
  }

  /** A decimal the contract sends as a string (such as a price, {@code "0.0580"}), exactly. */
  public BigDecimal decimalText(String name) {
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
  public boolean requiredBoolean(String name) {
    return bool(name, present(name));
  }

  /** An optional boolean with no default. */
  public Optional<Boolean> optionalBoolean(String name) {
    Object value = value(name);
    return value == null ? Optional.empty() : Optional.of(bool(name, value));
  }

  /** A required value of any JSON type, as a plain Java value. */
  public Object requiredAny(String name) {
    return plain(present(name));
  }

  /** A list of strings; absent or null is {@code fallback}. */
  public List<String> strings(String name, List<String> fallback) {
    List<?> array = array(name);
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
  public List<Object> anyValues(String name) {
    List<?> array = array(name);
    return array == null ? List.of() : Collections.unmodifiableList(plainArray(array));
  }

  /** A required nested object, as its view. */
  public <T> T requiredObject(String name, BiFunction<JsonMembers, String, T> view) {
    Object value = present(name);
    if (!(value instanceof JsonMembers)) {
      throw wrongType(name, "an object", value);
    }
    return view.apply((JsonMembers) value, pathOf(name));
  }

  /** An optional nested object, as its view. */
  public <T> Optional<T> optionalObject(String name, BiFunction<JsonMembers, String, T> view) {
    return value(name) == null ? Optional.empty() : Optional.of(requiredObject(name, view));
  }

  /** A list of objects, as views; absent or null is the empty list. */
  public <T> List<T> objects(String name, BiFunction<JsonMembers, String, T> view) {
    List<?> array = array(name);
    if (array == null) {
      return List.of();
    }
    List<T> views = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      Object item = array.get(i);
      if (!(item instanceof JsonMembers)) {
        throw wrongType(name + "[" + i + "]", "an object", item);
      }
      views.add(view.apply((JsonMembers) item, pathOf(name) + "[" + i + "]"));
    }
    return Collections.unmodifiableList(views);
  }

  /**
   * A hashed id: {@code raw} checked against the contract's {@code pattern} (such as {@code
   * ^prj_.+}, the id type's {@code PATTERN}) by {@code valid}, or a problem naming the field, the
   * pattern and the accessor that returns the id as sent (servers and SDK mocks do send malformed
   * ids).
   */
  public <T extends HashedId> T hashedId(
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
              + PlainText.quoted(raw)
              + "; "
              + rawAccessor
              + "() returns it as sent");
    }
    return parse.apply(raw);
  }

  /** A human-readable duration such as {@code "2h 30m 5s"}; empty for {@code "never"}. */
  public Optional<Duration> duration(String name, String raw) {
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
  public static Optional<Instant> epochMillis(long millis) {
    return millis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
  }

  /** An RFC 3339 date-time as an instant. */
  public Instant dateTime(String name, String raw) {
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

  /** The path of member {@code name} of this object. */
  public String pathOf(String name) {
    return path + "." + name;
  }

  /**
   * A problem with member {@code name} (which may carry an index, such as {@code ports[2]}): a
   * value the contract's format refuses ({@link ContractProblem.Kind#INVALID_VALUE}).
   */
  public PhalaInvalidDataException invalid(String name, String problem) {
    return invalid(ContractProblem.Kind.INVALID_VALUE, name, problem);
  }

  /** A problem of {@code kind} with member {@code name} (which may carry an index). */
  public PhalaInvalidDataException invalid(ContractProblem.Kind kind, String name, String problem) {
    String where = pathOf(name);
    int bracket = name.indexOf('[');
    String member = bracket < 0 ? name : name.substring(0, bracket);
    String snippet = json.has(member) ? shortened(JsonMembers.toJson(json.get(member)), 120) : "";
    return new PhalaInvalidDataException(where + " " + problem + ".", where, snippet, null, kind);
  }

  private PhalaInvalidDataException wrongType(String name, String expected, Object value) {
    return invalid(
        value == null ? ContractProblem.Kind.NULL : ContractProblem.Kind.WRONG_TYPE,
        name,
        "should be " + expected + " but is " + typeOf(value));
  }

  private static String shortened(String text, int max) {
    return text.length() > max ? text.substring(0, max) + "..." : text;
  }

  /** The member, or null when absent or JSON null. */
  private Object value(String name) {
    return json.get(name);
  }

  /**
   * The member {@code name}, which the contract requires.
   *
   * @throws PhalaInvalidDataException naming its path if it is missing or null
   */
  public Object present(String name) {
    Object value = value(name);
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

  private List<?> array(String name) {
    Object value = value(name);
    if (value != null && !(value instanceof List)) {
      throw wrongType(name, "an array", value);
    }
    return (List<?>) value;
  }

  private String string(String name, Object value) {
    if (!(value instanceof String)) {
      throw wrongType(name, "a string", value);
    }
    return (String) value;
  }

  private boolean bool(String name, Object value) {
    if (!(value instanceof Boolean)) {
      throw wrongType(name, "a boolean", value);
    }
    return (Boolean) value;
  }

  private BigDecimal decimal(String name, Object value) {
    if (!(value instanceof Number)) {
      throw wrongType(name, "a number", value);
    }
    try {
      return new BigDecimal(value.toString());
    } catch (NumberFormatException beyondBigDecimal) {
      throw invalid(name, "is a number too large to read (such as an exponent past 2^31)");
    }
  }

  private long whole(String name, Object value, long min, long max, boolean alsoString) {
    if (!(value instanceof Number || alsoString && value instanceof String)) {
      throw wrongType(name, "an integer", value);
    }
    String text = value.toString().trim();
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

  private static String typeOf(Object value) {
    if (value instanceof JsonMembers) {
      return "an object";
    } else if (value instanceof List) {
      return "an array";
    } else if (value == null) {
      return "null";
    }
    return value instanceof String
        ? "a string"
        : value instanceof Number ? "a number" : "a boolean";
  }

  /** {@code value} as a plain Java value: String, Boolean, Number, List, Map or null. */
  public static Object plain(Object value) {
    if (value instanceof JsonMembers) {
      return Collections.unmodifiableMap(plainObject((JsonMembers) value));
    } else if (value instanceof List) {
      return Collections.unmodifiableList(plainArray((List<?>) value));
    }
    return value;
  }

  private static Map<String, Object> plainObject(JsonMembers object) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < object.size(); i++) {
      map.put(object.name(i), plain(object.value(i)));
    }
    return map;
  }

  private static List<Object> plainArray(List<?> array) {
    List<Object> list = new ArrayList<>(array.size());
    array.forEach(item -> list.add(plain(item)));
    return list;
  }
}
