package com.phala.cloud.internal.http;

import com.phala.cloud.errors.PhalaCancelledException;
import com.phala.cloud.errors.PhalaException;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.Request;

/**
 * The attempts of one blocking call, on the caller's thread: each is OkHttp's {@code execute()},
 * and the wait before a retry sleeps, woken early by a cancel. An interrupt of the thread ends the
 * call as a {@link PhalaCancelledException}, the interrupt flag kept set.
 */
final class BlockingAttempts<T> extends Attempts<T> {
  BlockingAttempts(
      CallRunner runner, Request request, Execution execution, CallRunner.BodyHandler<T> handler) {
    super(runner, request, execution, handler);
  }

  /**
   * Runs the attempts until one has the call's value; throws the call's failure, with no trace of
   * the credential, even if a server echoed it.
   */
  T run() {
    try {
      while (true) {
        Call call = nextCall();
        Duration wait;
        try {
          wait = outcome(call.execute());
        } catch (IOException e) {
          wait = outcome(e);
        }
        if (wait == null) {
          return value;
        }
        sleep(wait);
      }
    } catch (PhalaException failure) {
      throw runner.credential.redaction().scrub(failure);
    }
  }

  private void sleep(Duration wait) {
    try {
      if (!execution.await(wait)) {
        throw cancelled(null);
      }
    } catch (InterruptedException interrupt) {
      execution.cancel();
      throw CallRunner.interrupted(interrupt);
    }
  }

  @Override
  RuntimeException cancelled(Throwable cause) {
    return new PhalaCancelledException("The call was cancelled.", cause);
  }

  @Override
  void throwIfStopped(IOException e) {
    if (CallRunner.isInterrupt(e)) {
      throw CallRunner.interrupted(e);
    }
  }
}
