package com.phala.cloud.cli.output;

import com.google.gson.Gson;
import com.phala.cloud.cvm.ApiObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field of a CVM by its JSON path: member names into nested objects, separated by dots, with a
 * list's items by index ({@code hosted.uptime}, {@code public_urls.0.app}) or all of them by {@code
 * *} ({@code public_urls.*.app}). It reads the value as sent, and orders CVMs by it for --sort-by.
 */
public final class FieldPath {
  private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");
  private static final Gson GSON = new Gson();

  /** A list's every item. */
  static final String EVERY = "*";

  /** What joins the values of every item in a cell, as kubectl's custom columns do. */
  static final String JOIN = ",";

  private final List<String> segments;

  private FieldPath(List<String> segments) {
    this.segments = List.copyOf(segments);
  }

  /** The path {@code text}; null when it is not a path (empty, or an empty segment). */
  static FieldPath parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    List<String> segments = new ArrayList<>();
    for (String segment : text.split("\\.", -1)) {
      if (segment.isEmpty()) {
        return null;
      }
      segments.add(segment);
    }
    return new FieldPath(segments);
  }

  /** The path as the contract's list writes it: a list index is {@code *}. */
  String declared() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      text.append(i == 0 ? "" : ".").append(INDEX.matcher(segment).matches() ? "*" : segment);
    }
    return text.toString();
  }

  /** Whether this path reads every item of a list ({@code *}). */
  boolean hasEvery() {
    return segments.contains(EVERY);
  }

  /**
   * The value at this path in {@code view}, as a plain Java value; null when absent or null. With
   * {@code *}, the list of the values of every item that has one (null when there are none).
   */
  public Object read(ApiObject view) {
    Object value = view.field(segments.get(0)).orElse(null);
    if (!hasEvery()) {
      return read(value, 1);
    }
    List<Object> values = new ArrayList<>();
    collect(value, 1, values);
    return values.isEmpty() ? null : values;
  }

  /** The value at this path's segments from {@code from} on, in {@code value}. */
  private Object read(Object value, int from) {
    for (String segment : segments.subList(from, segments.size())) {
      if (value instanceof Map) {
        value = ((Map<?, ?>) value).get(segment);
      } else if (value instanceof List && INDEX.matcher(segment).matches()) {
        List<?> list = (List<?>) value;
        int index = Integer.parseInt(segment);
        value = index < list.size() ? list.get(index) : null;
      } else {
        return null;
      }
    }
    return value;
  }

  /** Adds to {@code values} the non-null values at the segments from {@code from} on. */
  private void collect(Object value, int from, List<Object> values) {
    int every = segments.subList(from, segments.size()).indexOf(EVERY);
    if (every < 0) {
      Object found = read(value, from);
      if (found != null) {
        values.add(found);
      }
      return;
    }
    // Up to the *, then each item of the list there.
    Object list = read(value, from, from + every);
    if (list instanceof List) {
      for (Object item : (List<?>) list) {
        collect(item, from + every + 1, values);
      }
    }
  }

  /** The value at the segments from {@code from} up to {@code to} (exclusive), in {@code value}. */
  private Object read(Object value, int from, int to) {
    return new FieldPath(segments.subList(0, to)).read(value, from);
  }

  /**
   * This field of {@code view} as a cell: {@link #text} of its value; with {@code *}, the text of
   * every item's value, joined by {@value #JOIN}.
   */
  String cell(ApiObject view) {
    Object value = read(view);
    if (value != null && hasEvery()) {
      StringJoiner cell = new StringJoiner(JOIN);
      for (Object item : (List<?>) value) {
        cell.add(text(item));
      }
      return cell.toString();
    }
    return text(value);
  }

  /** A value as a cell: text as is, numbers exactly as sent, objects and lists as JSON. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map || value instanceof List) {
      return GSON.toJson(value);
    }
    return value.toString();
  }

  /**
   * Orders values of this field: numbers (and decimal text, such as prices) as numbers, durations
   * such as {@code "2h 30m 5s"} as durations, anything else as text; a CVM without the field
   * (absent or null) comes last.
   */
  static final Comparator<Object> ORDER =
      Comparator.nullsLast(
          (a, b) -> {
            Comparable<?> left = key(a);
            Comparable<?> right = key(b);
            if (left.getClass() != right.getClass()) {
              // Numbers, then durations, then text: values of one field rarely mix.
              return Integer.compare(rank(left), rank(right));
            }
            @SuppressWarnings("unchecked")
            Comparable<Object> comparable = (Comparable<Object>) left;
            return comparable.compareTo(right);
          });

  private static int rank(Comparable<?> key) {
    return key instanceof BigDecimal ? 0 : key instanceof Duration ? 1 : 2;
  }

  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]{0,40})(\\.[0-9]{1,40})?([eE][-+]?[0-9]{1,4})?");
  private static final Pattern DURATION_PART =
      Pattern.compile("\\s*([0-9]{1,9})\\s*(days?|d|hours?|h|ms|minutes?|min|m|seconds?|s)\\s*");

  /** What a value sorts by: a number, a duration, or its text. */
  static Comparable<?> key(Object value) {
    String text = text(value);
    if (value instanceof Number || value instanceof String && NUMBER.matcher(text).matches()) {
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException notANumber) {
        return text;
      }
    }
    Duration duration = duration(text);
    return duration != null ? duration : text.toLowerCase(Locale.ROOT);
  }

  /** {@code text} as a duration such as {@code "1day 3h 4m 2s"}; null when it is not one. */
  static Duration duration(String text) {
    if (text.isBlank() || text.length() > 100) {
      return null;
    }
    Matcher part = DURATION_PART.matcher(text);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < text.length()) {
      if (!part.find(at) || part.start() != at) {
        return null;
      }
      long amount = Long.parseLong(part.group(1));
      String unit = part.group(2);
      total =
          total.plus(
              unit.startsWith("d")
                  ? Duration.ofDays(amount)
                  : unit.startsWith("h")
                      ? Duration.ofHours(amount)
                      : unit.equals("ms")
                          ? Duration.ofMillis(amount)
                          : unit.startsWith("m")
                              ? Duration.ofMinutes(amount)
                              : Duration.ofSeconds(amount));
      at = part.end();
    }
    return total;
  }

  /** The path as typed. */
  @Override
  public String toString() {
    return String.join(".", segments);
  }
}
