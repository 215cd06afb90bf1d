package com.phala.cloud.errors;

import java.util.Map;

/** A page about an error, from the structured error form's {@code links}. */
public final class ErrorLink {
  private final Map<?, ?> json;

  ErrorLink(Map<?, ?> json) {
    this.json = json;
  }

  /** The page's URL (empty if the API left it out). */
  public String url() {
    String url = ErrorBody.string(json, "url");
    return url == null ? "" : url;
  }

  /** The link's text (empty if the API left it out). */
  public String label() {
    String label = ErrorBody.string(json, "label");
    return label == null ? "" : label;
  }

  @Override
  public String toString() {
    return label().isEmpty() ? url() : label() + " <" + url() + ">";
  }
}
