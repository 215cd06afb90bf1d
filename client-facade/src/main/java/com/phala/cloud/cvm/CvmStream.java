package com.phala.cloud.cvm;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.ResponseLimits;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.internal.CvmArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * CVMs read one at a time from an open response, for listings too large to hold: memory stays
 * constant whatever the length. Use it once, in try-with-resources, so the connection is released:
 *
 * <pre>{@code
 * try (CvmStream cvms = client.streamCvms()) {
 *   cvms.stream().filter(Cvm::isRunning).forEach(cvm -> System.out.println(cvm.name()));
 * }
 * }</pre>
 *
 * <p>Iterating throws {@link PhalaInvalidDataException} if the body stops being a JSON array of
 * objects, and {@link PhalaIoException} if the connection fails, at the item where it happens.
 */
public final class CvmStream implements Iterable<Cvm>, AutoCloseable {
  private final CvmArrayReader reader;
  private final ResponseInfo response;
  private final AutoCloseable resource;
  private boolean iterated;
  private boolean closed;

  private CvmStream(CvmArrayReader reader, ResponseInfo response, AutoCloseable resource) {
    this.reader = reader;
    this.response = response;
    this.resource = resource;
  }

  /**
   * Streams a JSON array of CVMs from {@code body} (a response, a file), within the default {@link
   * ResponseLimits}.
   *
   * @param response the HTTP response it comes from, or {@code null}
   * @param resource closed with the stream (the HTTP response), or {@code null}
   */
  public static CvmStream read(Reader body, ResponseInfo response, AutoCloseable resource) {
    return read(body, response, resource, ResponseLimits.DEFAULTS);
  }

  /**
   * Streams a JSON array of CVMs from the UTF-8 bytes of {@code body} (a response, a file), within
   * the default {@link ResponseLimits}.
   *
   * @param response the HTTP response it comes from, or {@code null}
   * @param resource closed with the stream (the HTTP response), or {@code null}
   */
  public static CvmStream read(InputStream body, ResponseInfo response, AutoCloseable resource) {
    return read(new InputStreamReader(body, StandardCharsets.UTF_8), response, resource);
  }

  /**
   * Streams a JSON array of CVMs from {@code body} (a response, a file), one CVM at a time within
   * {@code limits} ({@code maxListChars} does not apply: nothing but the current CVM is held).
   *
   * @param response the HTTP response it comes from, or {@code null}
   * @param resource closed with the stream (the HTTP response), or {@code null}
   */
  public static CvmStream read(
      Reader body, ResponseInfo response, AutoCloseable resource, ResponseLimits limits) {
    return new CvmStream(new CvmArrayReader(body, limits, false), response, resource);
  }

  /** The HTTP response being read (status, headers, request id); empty when not from HTTP. */
  public Optional<ResponseInfo> response() {
    return Optional.ofNullable(response);
  }

  /** The CVMs as an iterator; may be called once. */
  @Override
  public Iterator<Cvm> iterator() {
    if (iterated) {
      throw new IllegalStateException(
          "A CvmStream can be iterated only once; list again to read it again.");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        if (closed) {
          return false;
        }
        try {
          return reader.hasNext();
        } catch (IOException e) {
          throw failure(e);
        }
      }

      @Override
      public Cvm next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          int index = reader.index();
          return new Cvm(reader.next(), "$[" + index + "]");
        } catch (IOException e) {
          throw failure(e);
        }
      }
    };
  }

  /**
   * The CVMs as a sequential {@link Stream}; closing the stream closes this. May be called once.
   */
  public Stream<Cvm> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  private PhalaException failure(IOException e) {
    close();
    return reader.scrub(
        new PhalaIoException(
            "Reading the list of CVMs failed after "
                + reader.index()
                + " CVMs: "
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage()
                + ". List again to retry.",
            e));
  }

  /** Releases the connection; iteration stops. Safe to call more than once. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      reader.close();
    } catch (IOException ignored) {
      // Nothing useful to do: the connection is being discarded either way.
    }
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // As above.
      }
    }
  }
}
