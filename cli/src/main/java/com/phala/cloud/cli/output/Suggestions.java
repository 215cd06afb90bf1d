package com.phala.cloud.cli.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The names closest to a mistyped one, for a "did you mean ...?" that fits on one line. */
public final class Suggestions {
  /** Past this distance a name is no longer a likely intent. */
  private static final int FARTHEST = 8;

  private Suggestions() {}

  /**
   * Up to {@code count} of {@code names} closest to {@code typed} (case aside), closest first:
   * fewest single-character edits, a name holding what was typed counting as close; ties keep the
   * order of {@code names}.
   */
  public static List<String> closest(String typed, List<String> names, int count) {
    String wanted = typed.trim().toLowerCase(Locale.ROOT);
    // Nothing typed is close to nothing; a very long text is no typo.
    if (wanted.isEmpty() || wanted.length() > 200) {
      return List.of();
    }
    List<String> candidates = new ArrayList<>();
    List<Integer> distances = new ArrayList<>();
    for (String name : names) {
      int distance = distance(wanted, name.toLowerCase(Locale.ROOT));
      if (distance <= Math.min(FARTHEST, Math.max(3, wanted.length() / 2 + 1))) {
        candidates.add(name);
        distances.add(distance);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(distances::get));
    return order.stream().limit(count).map(candidates::get).toList();
  }

  /** {@code a}, {@code a or b}, {@code a, b or c}. */
  public static String either(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }

  /**
   * The edits from {@code typed} to {@code name} (Levenshtein, a swap of neighbours one edit); when
   * {@code name} holds {@code typed} whole, the path's other segments do not count against it.
   */
  private static int distance(String typed, String name) {
    if (!typed.isEmpty() && name.contains(typed)) {
      return 1;
    }
    // Optimal string alignment: a swap of two neighbours ("memroy") is one edit.
    int[][] d = new int[typed.length() + 1][name.length() + 1];
    for (int i = 0; i <= typed.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= name.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= typed.length(); i++) {
      for (int j = 1; j <= name.length(); j++) {
        int cost = typed.charAt(i - 1) == name.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && typed.charAt(i - 1) == name.charAt(j - 2)
            && typed.charAt(i - 2) == name.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[typed.length()][name.length()];
  }
}
