package com.phala.cloud.cli.output;

/**
 * What a terminal does with the characters of server text: which ones would control it rather than
 * show, and how many columns the others take. Names and statuses come from other people, and the
 * table, name and CSV outputs usually land on a terminal.
 */
public final class TerminalText {
  private TerminalText() {}

  /**
   * Whether {@code c} would act on a terminal instead of showing: a C0 or C1 control character
   * (escape sequences, carriage return, bell), a Unicode line or paragraph separator, or a
   * bidirectional control, which reorders the text around it (a name could show as another).
   */
  public static boolean controls(int c) {
    return Character.isISOControl(c)
        || c == 0x2028
        || c == 0x2029
        || c == 0x061C
        || c == 0x200E
        || c == 0x200F
        || c >= 0x202A && c <= 0x202E
        || c >= 0x2066 && c <= 0x2069;
  }

  /** {@code text} with every character that {@link #controls} a terminal replaced. */
  public static String replaceControls(String text, char replacement) {
    return replaceControls(text, replacement, "");
  }

  /**
   * {@code text} with every character that {@link #controls} a terminal replaced, except those in
   * {@code kept}.
   */
  static String replaceControls(String text, char replacement, String kept) {
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int next = i + Character.charCount(c);
      if (controls(c) && kept.indexOf(c) < 0) {
        if (safe == null) {
          safe = new StringBuilder(text.length()).append(text, 0, i);
        }
        safe.append(replacement);
      } else if (safe != null) {
        safe.append(text, i, next);
      }
      i = next;
    }
    return safe == null ? text : safe.toString();
  }

  /**
   * The columns {@code c} takes on a terminal: 0 for a combining mark or an invisible format
   * character, 2 for a wide character (CJK, Hangul, full-width forms, emoji), else 1. A subset of
   * Unicode's East Asian Width, which is what terminals follow.
   */
  static int width(int c) {
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT) {
      return 0;
    }
    return isWide(c) ? 2 : 1;
  }

  /** The columns {@code text} takes on a terminal. */
  static int width(String text) {
    int width = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      width += width(c);
      i += Character.charCount(c);
    }
    return width;
  }

  private static boolean isWide(int c) {
    return c >= 0x1100 && c <= 0x115F // Hangul Jamo
        || c >= 0x231A && c <= 0x231B // watch, hourglass
        || c >= 0x2329 && c <= 0x232A
        || c >= 0x23E9 && c <= 0x23EC
        || c == 0x23F0
        || c == 0x23F3
        || c >= 0x25FD && c <= 0x25FE
        || c >= 0x2614 && c <= 0x2615
        || c >= 0x2648 && c <= 0x2653
        || c == 0x267F
        || c == 0x2693
        || c == 0x26A1
        || c >= 0x26AA && c <= 0x26AB
        || c >= 0x26BD && c <= 0x26BE
        || c >= 0x26C4 && c <= 0x26C5
        || c == 0x26CE
        || c == 0x26D4
        || c == 0x26EA
        || c >= 0x26F2 && c <= 0x26F3
        || c == 0x26F5
        || c == 0x26FA
        || c == 0x26FD
        || c == 0x2705
        || c >= 0x270A && c <= 0x270B
        || c == 0x2728
        || c == 0x274C
        || c == 0x274E
        || c >= 0x2753 && c <= 0x2755
        || c == 0x2757
        || c >= 0x2795 && c <= 0x2797
        || c == 0x27B0
        || c == 0x27BF
        || c >= 0x2B1B && c <= 0x2B1C
        || c == 0x2B50
        || c == 0x2B55
        || c >= 0x2E80 && c <= 0x303E // CJK radicals, punctuation
        || c >= 0x3041 && c <= 0x33FF // kana, CJK symbols
        || c >= 0x3400 && c <= 0x4DBF // CJK extension A
        || c >= 0x4E00 && c <= 0x9FFF // CJK unified ideographs
        || c >= 0xA000 && c <= 0xA4CF // Yi
        || c >= 0xA960 && c <= 0xA97F // Hangul Jamo extended A
        || c >= 0xAC00 && c <= 0xD7A3 // Hangul syllables
        || c >= 0xF900 && c <= 0xFAFF // CJK compatibility ideographs
        || c >= 0xFE10 && c <= 0xFE19 // vertical forms
        || c >= 0xFE30 && c <= 0xFE6F // CJK compatibility forms
        || c >= 0xFF00 && c <= 0xFF60 // full-width forms
        || c >= 0xFFE0 && c <= 0xFFE6
        || c >= 0x16FE0 && c <= 0x18CFF // Tangut
        || c >= 0x1B000 && c <= 0x1B2FF // kana supplement
        || c == 0x1F004
        || c == 0x1F0CF
        || c == 0x1F18E
        || c >= 0x1F191 && c <= 0x1F19A
        || c >= 0x1F200 && c <= 0x1F251
        || c >= 0x1F300 && c <= 0x1F320 // emoji
        || c >= 0x1F32D && c <= 0x1F335
        || c >= 0x1F337 && c <= 0x1F37C
        || c >= 0x1F37E && c <= 0x1F393
        || c >= 0x1F3A0 && c <= 0x1F3CA
        || c >= 0x1F3CF && c <= 0x1F3D3
        || c >= 0x1F3E0 && c <= 0x1F3F0
        || c == 0x1F3F4
        || c >= 0x1F3F8 && c <= 0x1F43E
        || c == 0x1F440
        || c >= 0x1F442 && c <= 0x1F4FC
        || c >= 0x1F4FF && c <= 0x1F53D
        || c >= 0x1F54B && c <= 0x1F54E
        || c >= 0x1F550 && c <= 0x1F567
        || c == 0x1F57A
        || c >= 0x1F595 && c <= 0x1F596
        || c == 0x1F5A4
        || c >= 0x1F5FB && c <= 0x1F64F
        || c >= 0x1F680 && c <= 0x1F6C5
        || c == 0x1F6CC
        || c >= 0x1F6D0 && c <= 0x1F6D2
        || c >= 0x1F6D5 && c <= 0x1F6D7
        || c >= 0x1F6DC && c <= 0x1F6DF
        || c >= 0x1F6EB && c <= 0x1F6EC
        || c >= 0x1F6F4 && c <= 0x1F6FC
        || c >= 0x1F7E0 && c <= 0x1F7EB
        || c == 0x1F7F0
        || c >= 0x1F90C && c <= 0x1F93A
        || c >= 0x1F93C && c <= 0x1F945
        || c >= 0x1F947 && c <= 0x1F9FF
        || c >= 0x1FA70 && c <= 0x1FAFF
        || c >= 0x20000 && c <= 0x2FFFD // CJK extensions B and later
        || c >= 0x30000 && c <= 0x3FFFD;
  }
}
