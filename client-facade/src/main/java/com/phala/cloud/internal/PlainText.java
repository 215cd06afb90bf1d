package com.phala.cloud.internal;

/**
 * Which characters of text from outside (a server's, a user's) would not show as themselves in a
 * message or a log line, where they could break the line or disguise the text around them.
 */
public final class PlainText {
  private PlainText() {}

  /**
   * Whether {@code c} is hidden: a control character, a format character (bidi overrides,
   * zero-width characters) or a Unicode line or paragraph separator.
   */
  public static boolean hidden(int c) {
    return Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT
        || c == 0x2028
        || c == 0x2029;
  }

  /** {@code text} with every {@link #hidden} character replaced by {@code replacement}. */
  public static String replaceHidden(String text, char replacement) {
    StringBuilder shown = new StringBuilder(text.length());
    text.codePoints().forEach(c -> shown.appendCodePoint(hidden(c) ? replacement : c));
    return shown.toString();
  }

  /** A value quoted for an error message, shortened so hostile input cannot flood it. */
  public static String quoted(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return "'" + replaceHidden(shown, '?') + "'";
  }
}
