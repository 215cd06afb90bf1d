package com.phala.cloud.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * A description of the contract (CommonMark, as Redocly renders it) as the text of a Javadoc
 * comment, on one line so that it fits any place a template puts it: a code span in backticks
 * becomes a {@code code} tag, a blank line a {@code <p>}, a run of {@code - item} lines a list, and
 * the characters Javadoc or HTML would read as markup ({@code < > & @}) are written as literals. No
 * HTML entity is written, so the source reads as the spec does.
 */
public final class JavadocText {
  private JavadocText() {}

  /** {@code markdown} as Javadoc text on one line; empty for null or blank. */
  public static String of(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String paragraph : markdown.strip().split("\\R\\s*\\R")) {
      List<String> lines = paragraph.strip().lines().map(String::strip).toList();
      boolean list = lines.get(0).startsWith("- ");
      if (!out.isEmpty()) {
        out.append(list ? " " : " <p>");
      }
      if (list) {
        out.append("<ul>");
        for (String item : items(lines)) {
          out.append("<li>").append(inline(item)).append("</li>");
        }
        out.append("</ul>");
      } else {
        out.append(inline(String.join(" ", lines)));
      }
    }
    return out.toString();
  }

  /** The items of a list paragraph: a line that starts with "- " opens one, others continue it. */
  private static List<String> items(List<String> lines) {
    List<String> items = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("- ") || items.isEmpty()) {
        items.add(line.startsWith("- ") ? line.substring(2).strip() : line);
      } else {
        items.set(items.size() - 1, items.get(items.size() - 1) + " " + line);
      }
    }
    return items;
  }

  /** One line of text: code spans to {@code {@code}}, markup characters to literals. */
  static String inline(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < line.length()) {
      int open = line.indexOf('`', at);
      int close = open < 0 ? -1 : line.indexOf('`', open + 1);
      if (close < 0) {
        out.append(plain(line.substring(at)));
        break;
      }
      out.append(plain(line.substring(at, open))).append(code(line.substring(open + 1, close)));
      at = close + 1;
    }
    return out.toString();
  }

  /** A code span; {@code {@code}} needs balanced braces, so an unbalanced one is kept literal. */
  private static String code(String code) {
    if (balanced(code) && !code.contains("*/") && !code.contains("\\u")) {
      return "{@code " + code + "}";
    }
    return "<code>" + plain(code) + "</code>";
  }

  /** Text outside code: what Javadoc or HTML would read as markup, as literals. */
  private static String plain(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<', '>', '&', '@', '\\' -> out.append("{@literal ").append(c).append('}');
        case '/' -> out.append(i > 0 && text.charAt(i - 1) == '*' ? "{@literal /}" : "/");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean balanced(String code) {
    int depth = 0;
    for (char c : code.toCharArray()) {
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth < 0) {
        return false;
      }
    }
    return depth == 0;
  }
}
