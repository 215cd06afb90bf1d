package com.phala.cloud.contract;

import static com.phala.cloud.contract.ContractComparison.list;
import static com.phala.cloud.contract.ContractComparison.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code x-deviation} marks of one node of our contract, {@code {kinds: [...], source: KEY}}
 * (or a list of them), and which of them a difference has used: a mark that no difference uses is
 * stale.
 */
final class Marks {
  static final Marks NONE = new Marks(List.of(), List.of());

  private static final class Mark {
    final String kind;
    final String source;
    boolean used;

    Mark(String kind, String source) {
      this.kind = kind;
      this.source = source;
    }
  }

  /** The marks a difference here may use: this node's and those of the nodes around it. */
  private final List<Mark> visible;

  /** The marks written on this node, which it reports when stale. */
  private final List<Mark> own;

  private Marks(List<Mark> visible, List<Mark> own) {
    this.visible = visible;
    this.own = own;
  }

  /** The marks written on {@code node}. */
  static Marks of(Map<String, Object> node) {
    return fromValue(node.get("x-deviation"));
  }

  /** The marks of an {@code x-deviation} value (null: none). */
  static Marks fromValue(Object deviation) {
    if (deviation == null) {
      return NONE;
    }
    List<Mark> marks = new ArrayList<>();
    for (Object entry : deviation instanceof List ? list(deviation) : List.of(deviation)) {
      String source = String.valueOf(map(entry).get("source"));
      for (Object kind : list(map(entry).get("kinds"))) {
        marks.add(new Mark(String.valueOf(kind), source));
      }
    }
    return new Marks(marks, marks);
  }

  /** These marks and {@code inner}'s together; only {@code inner}'s own are reported stale. */
  Marks and(Marks inner) {
    if (inner.visible.isEmpty()) {
      return new Marks(visible, List.of());
    }
    List<Mark> all = new ArrayList<>(inner.visible);
    all.addAll(visible);
    return new Marks(all, inner.own);
  }

  /** The source that documents a difference of {@code kind} here, or null when none does. */
  String use(String kind) {
    for (Mark mark : visible) {
      if (mark.kind.equals(kind)) {
        mark.used = true;
        return mark.source;
      }
    }
    return null;
  }

  /** Adds to {@code stale} a line for each mark written here that no difference used. */
  void checkUsed(String where, List<String> stale) {
    for (Mark mark : own) {
      if (!mark.used) {
        stale.add(
            where
                + ": x-deviation names '"
                + mark.kind
                + "' ("
                + mark.source
                + "), but it does not differ there");
        mark.used = true;
      }
    }
  }
}
