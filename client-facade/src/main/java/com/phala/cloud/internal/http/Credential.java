package com.phala.cloud.internal.http;

import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.internal.Redaction;

/**
 * The one credential a client sends: an API key in {@code X-API-Key}, or a bearer token in {@code
 * Authorization}. Its {@link #toString()} never shows the secret.
 */
public final class Credential {
  private final boolean apiKey;
  private final String secret;
  private final Redaction redaction;

  private Credential(boolean apiKey, String secret) {
    this.apiKey = apiKey;
    this.secret = secret;
    this.redaction = Redaction.of(secret);
  }

  /** An API key, checked. {@code source} names where it came from, for the error message. */
  public static Credential apiKey(String key, String source) {
    return new Credential(true, check(key, source));
  }

  /** A bearer token, checked. {@code source} names where it came from, for the error message. */
  public static Credential bearerToken(String token, String source) {
    return new Credential(false, check(token, source));
  }

  private static String check(String secret, String source) {
    if (secret.isBlank()) {
      throw new PhalaInvalidInputException(
          source + " is blank. Set it to your credential, or leave it unset.");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new PhalaInvalidInputException(
            source
                + " contains a space, control character (such as CR or LF) or non-ASCII character at position "
                + (i + 1)
                + "; a credential is a single line of printable ASCII. Check how it was copied.");
      }
    }
    return secret;
  }

  /** The header this credential travels in. */
  public String headerName() {
    return apiKey ? "X-API-Key" : "Authorization";
  }

  /** The header's value. */
  public String headerValue() {
    return apiKey ? secret : "Bearer " + secret;
  }

  /**
   * Replaces every occurrence of the secret in {@code text} (and any piece of it where the text was
   * cut) with {@code ***}.
   */
  public String redact(String text) {
    return redaction.apply(text);
  }

  /** The redaction of this secret, for exceptions and bodies. */
  public Redaction redaction() {
    return redaction;
  }

  @Override
  public String toString() {
    return apiKey ? "X-API-Key(***)" : "Bearer(***)";
  }
}
