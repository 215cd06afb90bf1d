package com.phala.cloud.cli.output;

import java.util.Locale;
import java.util.Set;

/**
 * What a YAML reader makes of a plain (unquoted) scalar, for the two versions readers implement:
 * YAML 1.1 (PyYAML, libyaml, go-yaml and so yq, SnakeYAML) and YAML 1.2's core schema (SnakeYAML
 * Engine, ruamel). Text either one would take for something else is written quoted; numbers are
 * written so that both take them for the same number.
 */
final class YamlScalars {
  /**
   * The words YAML 1.1 reads as booleans or null (in any case here: quoting too much is harmless),
   * and its merge key and value indicator.
   */
  private static final Set<String> WORDS =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", "=");

  private YamlScalars() {}

  /**
   * Whether {@code text}, written plain, may be read as anything but this string by a YAML 1.1 or
   * 1.2 reader. It errs towards yes: empty text (null), anything that starts like a number, a date
   * or a special float (a digit, a sign or a dot: {@code 0x8d1e}, {@code 0o17}, {@code 017}, {@code
   * 18:00.0}, {@code 2026-01-21}, {@code .inf}, {@code -.NaN}, {@code 1_000}), and the boolean and
   * null words of either version ({@code yes}, {@code Off}, {@code ~}, {@code NULL}). Other text
   * needs no quotes for its type; SnakeYAML Engine quotes it anyway when its syntax asks
   * (indicators, leading spaces, line breaks).
   */
  static boolean mayReadAsNonString(String text) {
    if (text.isEmpty()) {
      return true;
    }
    char first = text.charAt(0);
    if (first >= '0' && first <= '9' || first == '-' || first == '+' || first == '.') {
      return true;
    }
    return text.length() <= 5 && WORDS.contains(text.toLowerCase(Locale.ROOT));
  }

  /**
   * A JSON number's text as a YAML number both versions read as the same number: as sent, except
   * that an exponent gets a dot in its mantissa and a sign ({@code 1e-7} is {@code 1.0e-7}, {@code
   * 2E5} is {@code 2.0E+5}), since YAML 1.1 reads an exponent without them as text.
   */
  static String number(String json) {
    int e = Math.max(json.indexOf('e'), json.indexOf('E'));
    if (e < 0) {
      return json;
    }
    String mantissa = json.substring(0, e);
    String exponent = json.substring(e + 1);
    if (mantissa.indexOf('.') < 0) {
      mantissa = mantissa + ".0";
    }
    if (!exponent.startsWith("-") && !exponent.startsWith("+")) {
      exponent = "+" + exponent;
    }
    return mantissa + json.charAt(e) + exponent;
  }
}
