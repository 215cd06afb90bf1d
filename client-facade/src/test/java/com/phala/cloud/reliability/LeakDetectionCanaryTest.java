package com.phala.cloud.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The leak checks of the suite can fail: a response left open keeps the pool busy, a response
 * dropped without closing it is reported by OkHttp after a GC, and a thread reading a stalled body
 * is seen as stuck. Without these, "no leak" elsewhere would prove nothing.
 */
class LeakDetectionCanaryTest {
  private final ObservedHttp http = new ObservedHttp();
  private final LoopbackServer server =
      new LoopbackServer(LoopbackServer.json(HostileBodies.FULL_TEXT.getBytes()));

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aResponseLeftOpenKeepsThePoolBusy() throws IOException {
    Response open = http.okHttp().newCall(request()).execute();

    assertThat(ObservedHttp.awaitQuietly(Duration.ofMillis(300), http::settled)).isFalse();

    open.close();
    assertThat(ObservedHttp.awaitQuietly(Duration.ofSeconds(2), http::settled)).isTrue();
  }

  @Test
  void aResponseDroppedWithoutClosingIsReportedByOkHttp() throws IOException {
    ObservedHttp.forgetLeaks();
    dropWithoutClosing();

    try {
      for (int i = 0; i < 20 && ObservedHttp.leaksLogged().isEmpty(); i++) {
        System.gc();
        try (Response probe = http.okHttp().newCall(request()).execute()) {
          probe.body().bytes();
        }
        ObservedHttp.awaitQuietly(
            Duration.ofMillis(100), () -> !ObservedHttp.leaksLogged().isEmpty());
      }

      assertThat(ObservedHttp.leaksLogged()).isNotEmpty();
    } finally {
      ObservedHttp.forgetLeaks();
    }
  }

  @Test
  void aThreadReadingAStalledBodyIsSeenAsStuck() throws Exception {
    server.answer(
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write('[');
          out.flush();
          try {
            Thread.sleep(10_000);
          } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
          }
        });
    Call stalled = http.okHttp().newCall(request());
    stalled.enqueue(
        new Callback() {
          @Override
          public void onFailure(Call call, IOException e) {}

          @Override
          public void onResponse(Call call, Response response) throws IOException {
            try (response) {
              response.body().bytes();
            }
          }
        });

    try {
      assertThat(
              ObservedHttp.awaitQuietly(
                  Duration.ofSeconds(3), () -> !ObservedHttp.threadsStuckReading().isEmpty()))
          .isTrue();
    } finally {
      stalled.cancel();
    }
    assertThat(
            ObservedHttp.awaitQuietly(
                Duration.ofSeconds(3), () -> ObservedHttp.threadsStuckReading().isEmpty()))
        .isTrue();
  }

  /** In its own frame, so that nothing on the test's stack still refers to the call. */
  private void dropWithoutClosing() throws IOException {
    http.okHttp().newCall(request()).execute();
  }

  private Request request() {
    return new Request.Builder().url(server.baseUrl() + "/cvms").build();
  }
}
