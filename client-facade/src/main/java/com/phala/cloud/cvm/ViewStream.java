package com.phala.cloud.cvm;

import com.phala.cloud.ResponseInfo;
import com.phala.cloud.ResponseLimits;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.PhalaTimeoutException;
import com.phala.cloud.internal.CvmArrayReader;
import com.phala.cloud.internal.JsonMembers;
import com.phala.cloud.internal.http.CallRunner;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Views read one at a time from an open response, for listings too large to hold: memory stays
 * constant whatever the length. Use it once, in try-with-resources, so the connection is released.
 * {@link CvmStream} and {@link CvmInfoStream} are the two kinds, one per shape of the list.
 *
 * <p>Iterating throws {@link PhalaInvalidDataException} if the body stops being a JSON array of
 * objects, and {@link PhalaIoException} if the connection fails ({@link PhalaTimeoutException} if a
 * read or the whole-stream deadline times out), at the item where it happens.
 *
 * @param <T> the view of one item
 */
public abstract class ViewStream<T extends ApiObject> implements Iterable<T>, AutoCloseable {
  private final CvmArrayReader reader;
  private final ResponseInfo response;
  private final AutoCloseable resource;
  private boolean iterated;
  private boolean closed;

  private final BiFunction<JsonMembers, String, T> view;

  ViewStream(
      Reader body,
      ResponseInfo response,
      AutoCloseable resource,
      ResponseLimits limits,
      BiFunction<JsonMembers, String, T> view) {
    this.reader = new CvmArrayReader(body, limits, false);
    this.response = response;
    this.resource = resource;
    this.view = view;
  }

  /** The HTTP response being read (status, headers, request id); empty when not from HTTP. */
  public Optional<ResponseInfo> response() {
    return Optional.ofNullable(response);
  }

  /** The CVMs as an iterator; may be called once. */
  @Override
  public Iterator<T> iterator() {
    if (iterated) {
      throw new IllegalStateException(
          "A stream of CVMs can be iterated only once; list again to read it again.");
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
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          int index = reader.index();
          return view.apply(reader.next(), "$[" + index + "]");
        } catch (IOException e) {
          throw failure(e);
        }
      }
    };
  }

  /**
   * The CVMs as a sequential {@link Stream}; closing the stream closes this. May be called once.
   */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(
                iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  private PhalaException failure(IOException e) {
    close();
    if (CallRunner.isInterrupt(e)) {
      return CallRunner.interrupted(e);
    }
    String why =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    boolean cut =
        e instanceof java.io.EOFException
            || e.getMessage() != null && e.getMessage().contains("unexpected end of stream");
    String message =
        "Reading the list of CVMs "
            + (e instanceof InterruptedIOException ? "timed out" : "failed")
            + " after "
            + reader.index()
            + " CVMs: "
            + (cut ? "the connection closed before the list ended (" + why + ")" : why)
            + ". List again to retry.";
    return reader.scrub(
        e instanceof InterruptedIOException
            ? new PhalaTimeoutException(message, e)
            : new PhalaIoException(message, e));
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
