package com.phala.cloud.errors;

/**
 * The API answered, but with something the client cannot use: malformed JSON, an object where
 * the array belongs, an HTML page from a proxy, or a field of the wrong type or missing. {@link
 * #where()} says where it broke (a JSON path such as {@code $[1].hosted.name}); {@link
 * #snippet()} shows a short, bounded piece of what was received.
 */
public class PhalaInvalidDataException extends PhalaException {
  private static final long serialVersionUID = 1L;

  private final String where;
  private final String snippet;

  /** An exception naming where the data broke and a bounded snippet (may be empty). */
  public PhalaInvalidDataException(String message, String where, String snippet, Throwable cause) {
    super(message, cause);
    this.where = where;
    this.snippet = snippet == null ? "" : snippet;
  }

  /** Where the data broke: a JSON path such as {@code $[1].hosted.name}, or {@code $} for the whole body. */
  public String where() {
    return where;
  }

  /** A short, bounded piece of the data received around the problem (may be empty). */
  public String snippet() {
    return snippet;
  }
}
