package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.CvmView;
import java.io.PrintWriter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The CVMs exactly as the API sent them (every field, unknown ones included, numbers exact), as one
 * JSON array with one CVM per line, written as they are read: memory bounded for any size. The same
 * for every shape of the list: each CVM is its {@code toJson()}.
 *
 * <p>A thread of its own turns each CVM into JSON and prints it, in order, while the command's
 * thread reads the next ones: at 10,000 CVMs the writing took a third of the command's time, and a
 * machine has a second core for it. At most {@link #BACKLOG} CVMs wait in its queue (each within
 * the response limits), so a slow stdout holds a few CVMs, not the list; {@link #close()} waits
 * until every CVM handed over is printed.
 */
final class JsonOutput<T extends CvmView> implements CvmOutput<T> {
  private static final int BACKLOG = 16;
  // Marks the end of the CVMs handed over; what follows it is not printed.
  private static final Object DONE = new Object();
  private final PrintWriter out;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BACKLOG);
  private final Thread printer = new Thread(this::print, "phala-cvms-json");
  private volatile Throwable failure;
  private boolean ended;
  // Written by the printer before it ends; read after joining it.
  private boolean printedAny;

  JsonOutput(PrintWriter out) {
    this.out = out;
    printer.setDaemon(true);
  }

  @Override
  public void begin() {
    out.print('[');
    printer.start();
  }

  @Override
  public void write(T cvm) {
    rethrowFailure();
    hand(cvm);
  }

  @Override
  public void end() {
    ended = true;
    close();
  }

  /**
   * Waits until every CVM handed over is printed; then, after {@link #end()}, closes the array.
   * Without {@code end()} (reading failed) the output stays unfinished, as the caller documents.
   */
  @Override
  public void close() {
    if (!printer.isAlive()) {
      return;
    }
    hand(DONE);
    boolean interrupted = false;
    while (printer.isAlive()) {
      try {
        printer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      out.flush();
      rethrowFailure();
    }
    if (ended) {
      out.print(printedAny ? "\n]\n" : "]\n");
    }
    out.flush();
  }

  /** A failure of the printer, thrown on the command's thread as soon as it is seen. */
  private void rethrowFailure() {
    if (failure instanceof Error) {
      throw (Error) failure;
    } else if (failure != null) {
      throw (RuntimeException) failure;
    }
  }

  /**
   * Hands {@code item} to the printer, waiting for room while it runs; an interrupt is kept for
   * later.
   */
  private void hand(Object item) {
    boolean interrupted = false;
    while (true) {
      try {
        if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
          break;
        }
        if (!printer.isAlive()) {
          throw new IllegalStateException("JSON output written to before begin() or after close()");
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The printer's loop: each CVM's JSON, in the order handed over, until {@link #DONE}. */
  private void print() {
    boolean first = true;
    while (true) {
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        continue;
      }
      if (item == DONE) {
        printedAny = !first;
        return;
      }
      try {
        if (failure == null) {
          out.print(first ? "\n" : ",\n");
          out.print(((CvmView) item).toJson());
          first = false;
        }
      } catch (RuntimeException | Error e) {
        // Kept for close() to throw on the command's thread; the loop goes on draining, so the
        // reader never waits for room that will not come.
        failure = e;
      }
    }
  }
}
