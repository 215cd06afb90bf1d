package com.phala.cloud.internal;

import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.PhalaTimeoutException;
import java.io.FilterReader;
import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps one secret (the credential a client sends) out of the text the library hands back:
 * messages, snippets, paths, and the messages of every cause and suppressed exception, since a
 * server, a proxy or OkHttp may quote the request back (an echoed header in an error page, a status
 * line made of the request's headers). The data itself (a CVM list) is never altered.
 */
public final class Redaction {
  /** Redacts nothing: for data that came from no request (a file, a test fixture). */
  public static final Redaction NONE = new Redaction(null);

  private static final String MASK = "***";

  /** Where bounded text was cut: an ellipsis, with the spaces around it. */
  private static final Pattern CUT = Pattern.compile(" ?\\.\\.\\. ?");

  /** The shortest piece of the secret masked where text was cut (shorter pieces say nothing). */
  private static final int MIN_PIECE = 4;

  private final String secret;

  private Redaction(String secret) {
    this.secret = secret;
  }

  /** A redaction of {@code secret}. */
  public static Redaction of(String secret) {
    return new Redaction(secret);
  }

  /**
   * {@code text} with every occurrence of the secret replaced by {@code ***}, and so is a piece of
   * it where the text was cut (at its start or end, or next to an ellipsis): a window into a longer
   * body, or a bounded message, may hold only the secret's end or its start.
   */
  public String apply(String text) {
    if (secret == null || text == null) {
      return text;
    }
    String masked = text.replace(secret, MASK);
    StringBuilder out = new StringBuilder(masked.length());
    Matcher cut = CUT.matcher(masked);
    for (int from = 0; ; from = cut.end()) {
      boolean more = cut.find();
      int to = more ? cut.start() : masked.length();
      int head = longestPiece(masked, to, true, to - from);
      int tail = longestPiece(masked, from, false, to - from - head);
      out.append(tail > 0 ? MASK : "")
          .append(masked, from + tail, to - head)
          .append(head > 0 ? MASK : "");
      if (!more) {
        return out.toString();
      }
      out.append(masked, to, cut.end());
    }
  }

  /**
   * The length of the longest piece of the secret (at least {@value #MIN_PIECE}, shorter than the
   * secret, at most {@code room}) that is its start ending at {@code at}, or its end beginning at
   * {@code at}; 0 when there is none.
   */
  private int longestPiece(String text, int at, boolean secretStartEndsHere, int room) {
    for (int length = Math.min(secret.length() - 1, room); length >= MIN_PIECE; length--) {
      boolean found =
          secretStartEndsHere
              ? text.regionMatches(at - length, secret, 0, length)
              : text.regionMatches(at, secret, secret.length() - length, length);
      if (found) {
        return length;
      }
    }
    return 0;
  }

  /** Whether {@code text} contains the secret, or a piece of it where it was cut. */
  public boolean reveals(String text) {
    return secret != null && text != null && !apply(text).equals(text);
  }

  /**
   * {@code thrown} itself when nothing it carries (its message, a data exception's path and
   * snippet, its causes' and suppressed exceptions' messages) contains the secret; otherwise a copy
   * of the same type with the secret masked, thrown from the same place. Causes that quoted the
   * secret are replaced by {@link RedactedCause}s naming their original type.
   */
  public PhalaException scrub(PhalaException thrown) {
    Throwable cause = scrubChain(thrown.getCause());
    boolean dataRevealed =
        thrown instanceof PhalaInvalidDataException invalid
            && (reveals(invalid.where()) || reveals(invalid.snippet()));
    if (cause == thrown.getCause() && !reveals(thrown.getMessage()) && !dataRevealed) {
      return thrown;
    }
    String message = apply(thrown.getMessage());
    PhalaException copy;
    if (thrown instanceof PhalaInvalidDataException invalid) {
      copy =
          new PhalaInvalidDataException(
              message,
              apply(invalid.where()),
              apply(invalid.snippet()),
              cause,
              invalid.kind().orElse(null));
    } else if (thrown instanceof PhalaTimeoutException) {
      copy = new PhalaTimeoutException(message, cause);
    } else if (thrown instanceof PhalaIoException) {
      copy = new PhalaIoException(message, cause);
    } else if (thrown.getClass() == PhalaException.class) {
      copy = new PhalaException(message, cause);
    } else {
      // Service exceptions are built from redacted text (ErrorResponses); nothing else carries
      // server text.
      return thrown;
    }
    copy.setStackTrace(thrown.getStackTrace());
    for (Throwable suppressed : thrown.getSuppressed()) {
      copy.addSuppressed(scrubChain(suppressed));
    }
    return copy;
  }

  /**
   * {@code thrown} if no message in its chain contains the secret, else a chain of {@link
   * RedactedCause}s down to the last one that did.
   */
  public Throwable scrubChain(Throwable thrown) {
    if (thrown == null || secret == null) {
      return thrown;
    }
    Throwable cause = thrown.getCause() == thrown ? null : scrubChain(thrown.getCause());
    boolean suppressedRevealed = false;
    for (Throwable suppressed : thrown.getSuppressed()) {
      suppressedRevealed |= scrubChain(suppressed) != suppressed;
    }
    if (cause == thrown.getCause() && !suppressedRevealed && !reveals(thrown.getMessage())) {
      return thrown;
    }
    RedactedCause copy =
        new RedactedCause(thrown.getClass().getName() + ": " + apply(thrown.getMessage()), cause);
    copy.setStackTrace(thrown.getStackTrace());
    for (Throwable suppressed : thrown.getSuppressed()) {
      copy.addSuppressed(scrubChain(suppressed));
    }
    return copy;
  }

  /**
   * A body read over a request that carried a credential: the same characters, plus the redaction
   * {@link CvmArrayReader} applies to every exception it makes from the body.
   */
  public Reader tag(Reader body) {
    return new Tagged(body, this);
  }

  /** The redaction a {@link #tag tagged} body carries, or {@link #NONE}. */
  static Redaction of(Reader body) {
    return body instanceof Tagged ? ((Tagged) body).redaction : NONE;
  }

  /**
   * An exception that quoted the secret, with the secret masked; its message starts with the
   * original type's name.
   */
  public static final class RedactedCause extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedCause(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class Tagged extends FilterReader {
    private final Redaction redaction;

    Tagged(Reader in, Redaction redaction) {
      super(in);
      this.redaction = redaction;
    }
  }
}
