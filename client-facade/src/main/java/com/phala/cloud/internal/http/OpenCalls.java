package com.phala.cloud.internal.http;

import com.phala.cloud.errors.PhalaClosedException;
import java.io.Reader;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a client is open, and the calls it has in progress, so that closing it ends them: a call
 * begun after {@link #close()} fails at once, and one in progress (an attempt, a wait between
 * retries, a stream being read) is cancelled. A client derived from another has a {@link #child()}:
 * closing the parent closes it too, closing the child leaves the parent open.
 */
public final class OpenCalls {
  private final OpenCalls parent;
  // Every call of this client and of the clients derived from it, so that close() reaches them all.
  private final Set<Execution> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** The calls of a client built by its builder. */
  public OpenCalls() {
    this(null);
  }

  private OpenCalls(OpenCalls parent) {
    this.parent = parent;
  }

  /** The calls of a client derived from this one. */
  public OpenCalls child() {
    return new OpenCalls(this);
  }

  /** Whether this client, or the one it was derived from, was closed. */
  public boolean isClosed() {
    return closed || parent != null && parent.isClosed();
  }

  /**
   * A new call that must finish within {@code budget}; end it with {@link #end}.
   *
   * @throws PhalaClosedException if the client is closed
   */
  public Execution begin(Duration budget) {
    Execution execution = new Execution(budget);
    for (OpenCalls calls = this; calls != null; calls = calls.parent) {
      calls.live.add(execution);
    }
    // Checked after registering: a close() running now either sees this call or is seen here.
    if (isClosed()) {
      end(execution);
      throw closed();
    }
    return execution;
  }

  /** Forgets a call that has ended. */
  public void end(Execution execution) {
    for (OpenCalls calls = this; calls != null; calls = calls.parent) {
      calls.live.remove(execution);
    }
  }

  /** Refuses new calls and cancels those in progress. Safe to call more than once. */
  public void close() {
    closed = true;
    for (Execution execution : live) {
      execution.cancel();
    }
  }

  /** The exception of a call made on, or ended by, a closed client. */
  public static PhalaClosedException closed() {
    return new PhalaClosedException(
        "This PhalaCloud client is closed, so the call was not made or not finished;"
            + " build a new client (PhalaCloud.builder()...build()) to make more calls.");
  }

  /**
   * {@code body}, whose reads fail with {@link PhalaClosedException} once the client is closed,
   * whether the read was waiting on the network (closing cancels the call) or would have returned
   * data already received.
   */
  public Reader guard(Reader body) {
    return new CheckedReader(
        body,
        cause -> {
          if (isClosed()) {
            throw closed();
          }
        });
  }
}
