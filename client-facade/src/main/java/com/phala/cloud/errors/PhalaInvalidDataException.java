package com.phala.cloud.errors;

import com.phala.cloud.internal.RuntimeValue;
import java.util.Optional;

/**
 * The API answered, but with something the client cannot use: malformed JSON, an object where the
 * array belongs, an HTML page from a proxy, or a field of the wrong type or missing. {@link
 * #where()} says where it broke (a JSON path such as {@code $[1].hosted.name}); {@link #snippet()}
 * shows a short, bounded piece of what was received.
 *
 * <p>The message, path and snippet are bounded whatever the server sent (at most {@link
 * #MAX_MESSAGE}, {@link #MAX_WHERE} and {@link #MAX_SNIPPET} characters; longer text keeps its
 * start and end around {@code " ... "}), so logging one never writes megabytes.
 */
public class PhalaInvalidDataException extends PhalaException {
  private static final long serialVersionUID = 1L;

  /** The longest message an instance carries. */
  public static final int MAX_MESSAGE = RuntimeValue.of(1_200);

  /** The longest path {@link #where()} returns. */
  public static final int MAX_WHERE = RuntimeValue.of(300);

  /** The longest snippet {@link #snippet()} returns. */
  public static final int MAX_SNIPPET = RuntimeValue.of(500);

  private final String where;
  private final String snippet;
  private final ContractProblem.Kind kind;

  /** An exception naming where the data broke and a snippet (may be empty); each is bounded. */
  public PhalaInvalidDataException(String message, String where, String snippet, Throwable cause) {
    this(message, where, snippet, cause, null);
  }

  /**
   * An exception for a value that breaks the contract in a known way ({@code kind}, may be null),
   * naming where and a snippet (may be empty); each is bounded.
   */
  public PhalaInvalidDataException(
      String message, String where, String snippet, Throwable cause, ContractProblem.Kind kind) {
    super(bounded(message, MAX_MESSAGE), cause);
    this.where = bounded(where, MAX_WHERE);
    this.snippet = snippet == null ? "" : bounded(snippet, MAX_SNIPPET);
    this.kind = kind;
  }

  /**
   * How the value at {@link #where()} breaks the contract, when a view's accessor found it (a
   * required field missing, a wrong type, a malformed id, ...); empty for a body that is not a
   * usable list at all (malformed JSON, a limit passed).
   */
  public Optional<ContractProblem.Kind> kind() {
    return Optional.ofNullable(kind);
  }

  /** {@code text} if it fits in {@code max} characters, else its start and end around " ... ". */
  private static String bounded(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int headEnd = max * 4 / 5 - 5;
    int tailStart = text.length() - (max - headEnd - 5);
    if (Character.isHighSurrogate(text.charAt(headEnd - 1))) {
      headEnd--;
    }
    if (Character.isLowSurrogate(text.charAt(tailStart))) {
      tailStart++;
    }
    return text.substring(0, headEnd) + " ... " + text.substring(tailStart);
  }

  /**
   * Where the data broke: a JSON path such as {@code $[1].hosted.name}, or {@code $} for the whole
   * body.
   */
  public String where() {
    return where;
  }

  /** A short, bounded piece of the data received around the problem (may be empty). */
  public String snippet() {
    return snippet;
  }
}
