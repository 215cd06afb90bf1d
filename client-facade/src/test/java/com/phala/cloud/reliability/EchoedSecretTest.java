package com.phala.cloud.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaServiceException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A server that quotes the API key back anywhere in a broken answer (malformed JSON, an object
 * instead of the list, a proxy's HTML page, an error page), at any offset: whatever the client
 * hands back (messages, paths, snippets, error bodies, printed stack traces) holds neither the key
 * nor a piece of 8 characters of it, even where a snippet's window or a bounded message cut through
 * it.
 */
class EchoedSecretTest {
  private static final String KEY = "phak_Echoed-S3cret-KeyValue-0123456789";
  private static final int PIECE = 8;

  private static LoopbackServer server;
  private static PhalaCloud client;

  @BeforeContainer
  static void start() {
    server = new LoopbackServer(LoopbackServer.json(new byte[0]));
    client =
        PhalaCloud.builder()
            .baseUrl(server.baseUrl())
            .apiKey(KEY)
            .maxRetries(0)
            .timeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterContainer
  static void stop() {
    client.close();
    server.close();
    Figures.bodiesDone();
  }

  /** How the server breaks its answer around the echoed key. */
  enum Answer {
    MALFORMED_JSON(200, "application/json", "[{\"name\":\"%s\", oops"),
    OBJECT_INSTEAD_OF_LIST(200, "application/json", "{\"detail\":\"%s\"}"),
    KEY_AS_A_MEMBER_NAME(200, "application/json", "[{\"%s\": !}]"),
    PROXY_PAGE(200, "text/html", "<html><body>%s</body></html>"),
    ERROR_PAGE(502, "text/html", "<html><body>%s</body></html>"),
    ERROR_JSON(400, "application/json", "{\"detail\":\"%s\",\"request_id\":\"%<s\"}");

    final int status;
    final String type;
    final String template;

    Answer(int status, String type, String template) {
      this.status = status;
      this.type = type;
      this.template = template;
    }
  }

  @Property
  @Tries(quick = 500, longMode = 5_000)
  void noPieceOfAnEchoedKeySurvives(
      @ForAll Answer answer,
      @ForAll @IntRange(max = 3_000) int before,
      @ForAll @IntRange(max = 3_000) int after) {
    String echo = "x".repeat(before) + " " + KEY + " " + "y".repeat(after);
    byte[] body = String.format(answer.template, echo).getBytes(StandardCharsets.UTF_8);
    server.answer(
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", answer.type);
          exchange.sendResponseHeaders(answer.status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });

    List<String> texts = new ArrayList<>();
    texts.addAll(textsOf(() -> client.cvms().list(CvmShape.LEGACY)));
    texts.addAll(
        textsOf(
            () -> {
              try (CvmStream stream = client.cvms().stream(CvmShape.LEGACY)) {
                stream.forEach(cvm -> {});
              }
              return null;
            }));

    assertThat(texts).isNotEmpty().allSatisfy(EchoedSecretTest::holdsNoPiece);
    Figures.bodyFuzzed("echoed key");
  }

  private static void holdsNoPiece(String text) {
    for (int start = 0; start + PIECE <= KEY.length(); start++) {
      assertThat(text).doesNotContain(KEY.substring(start, start + PIECE));
    }
  }

  private interface Call {
    Object run();
  }

  private static List<String> textsOf(Call call) {
    try {
      call.run();
      throw new AssertionError("a broken answer was accepted");
    } catch (PhalaException thrown) {
      List<String> texts =
          new ArrayList<>(List.of(thrown.toString(), CapturedLogs.printed(thrown)));
      if (thrown instanceof PhalaInvalidDataException) {
        texts.add(((PhalaInvalidDataException) thrown).where());
        texts.add(((PhalaInvalidDataException) thrown).snippet());
      }
      if (thrown instanceof PhalaServiceException) {
        texts.add(((PhalaServiceException) thrown).body().toString());
        texts.add(((PhalaServiceException) thrown).response().headers().toString());
      }
      return texts;
    }
  }
}
