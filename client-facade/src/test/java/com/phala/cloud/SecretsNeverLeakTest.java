package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.UnauthorizedException;
import com.phala.cloud.errors.UnprocessableEntityException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * The credential's value never shows up in text the library produces: not in the client's {@code
 * toString()}, not in exception messages (even when the server echoes the secret back), not in any
 * log line of this library or of OkHttp at the most verbose level, and not in what the interceptors
 * of a caller's own OkHttpClient see. Each test runs for both kinds of credential.
 */
class SecretsNeverLeakTest {
  @RegisterExtension static final StubApi api = new StubApi();

  /** The two kinds of credential, each with its secret. */
  enum Mode {
    API_KEY(StubApi.API_KEY, builder -> builder.apiKey(StubApi.API_KEY)),
    BEARER_TOKEN(StubApi.BEARER_TOKEN, builder -> builder.bearerToken(StubApi.BEARER_TOKEN));

    final String secret;
    final UnaryOperator<PhalaCloud.Builder> credential;

    Mode(String secret, UnaryOperator<PhalaCloud.Builder> credential) {
      this.secret = secret;
      this.credential = credential;
    }

    PhalaCloud client() {
      PhalaCloud.Builder builder = api.builder().apiKey(null);
      return api.track(credential.apply(builder).build());
    }
  }

  private final ListAppender<ILoggingEvent> logback = new ListAppender<>();
  private final List<LogRecord> okhttpJul = new ArrayList<>();
  private final Handler julHandler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (okhttpJul) {
            okhttpJul.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final List<Logger> raised = new ArrayList<>();
  private java.util.logging.Level julLevelBefore;

  @BeforeEach
  void captureEveryLogLineAtTrace() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logback.setContext(context);
    logback.start();
    for (String name : List.of("com.phala.cloud", "okhttp3")) {
      Logger logger = context.getLogger(name);
      logger.setLevel(Level.TRACE);
      logger.setAdditive(false);
      logger.addAppender(logback);
      raised.add(logger);
    }
    java.util.logging.Logger okhttp = java.util.logging.Logger.getLogger("okhttp3");
    julLevelBefore = okhttp.getLevel();
    okhttp.setLevel(java.util.logging.Level.ALL);
    okhttp.addHandler(julHandler);
  }

  @AfterEach
  void restoreLogging() {
    for (Logger logger : raised) {
      logger.detachAppender(logback);
      logger.setLevel(null);
      logger.setAdditive(true);
    }
    logback.stop();
    java.util.logging.Logger okhttp = java.util.logging.Logger.getLogger("okhttp3");
    okhttp.removeHandler(julHandler);
    okhttp.setLevel(julLevelBefore);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void toStringNamesTheKindOfCredentialButNotItsValue(Mode mode) {
    String text = mode.client().toString();

    assertThat(text).doesNotContain(mode.secret).contains("***");
    assertThat(text).contains(mode == Mode.API_KEY ? "X-API-Key" : "Bearer");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anErrorMessageNeverRepeatsTheSecretEvenWhenTheServerEchoesIt(Mode mode) {
    api.listingReturns(
        StubApi.json(401, "{\"detail\":\"Invalid credential " + mode.secret + "\"}")
            .withHeader("X-Request-ID", "req_" + mode.secret));

    Throwable thrown = catchThrowable(() -> mode.client().cvms().list(CvmShape.LEGACY));

    assertThat(thrown).isInstanceOf(UnauthorizedException.class);
    assertThat(thrown.getMessage()).contains("Invalid credential").doesNotContain(mode.secret);
    assertThat(thrown.toString()).doesNotContain(mode.secret);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aValidationErrorEchoingTheSecretAsInputDoesNotRepeatItInTheMessage(Mode mode) {
    api.listingReturns(
        StubApi.json(
            422,
            "{\"detail\":[{\"loc\":[\"header\",\"x-api-key\"],\"msg\":\"bad "
                + mode.secret
                + "\",\"type\":\"value_error\",\"input\":\""
                + mode.secret
                + "\"}]}"));

    Throwable thrown = catchThrowable(() -> mode.client().cvms().list(CvmShape.LEGACY));

    assertThat(thrown).isInstanceOf(UnprocessableEntityException.class);
    assertThat(thrown.getMessage()).doesNotContain(mode.secret);
  }

  /** A base URL pointing at an echo service (such as httpbin's /anything) by mistake. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void unusableDataEchoingTheSecretDoesNotRepeatItInTheMessageOrSnippet(Mode mode) {
    String header = mode == Mode.API_KEY ? "X-Api-Key" : "Authorization";
    String value = mode == Mode.API_KEY ? mode.secret : "Bearer " + mode.secret;
    api.listingReturns(
        StubApi.json(
            200, "{\"headers\":{\"" + header + "\":\"" + value + "\"},\"method\":\"GET\"}"));

    Throwable thrown = catchThrowable(() -> mode.client().cvms().list(CvmShape.LEGACY));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            PhalaInvalidDataException.class,
            e -> {
              assertThat(e.getMessage()).contains("headers").doesNotContain(mode.secret);
              assertThat(e.snippet()).contains("headers").doesNotContain(mode.secret);
            });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anHtmlPageEchoingTheSecretDoesNotRepeatItInTheMessageOrSnippet(Mode mode) {
    api.listingReturns(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "text/html")
            .withBody("<html><body>Your request: X-API-Key: " + mode.secret + "</body></html>"));

    Throwable thrown = catchThrowable(() -> mode.client().cvms().list(CvmShape.LEGACY));

    assertThat(thrown)
        .isInstanceOfSatisfying(
            PhalaInvalidDataException.class,
            e -> {
              assertThat(e.getMessage()).contains("Your request").doesNotContain(mode.secret);
              assertThat(e.snippet()).doesNotContain(mode.secret);
            });
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNetworkFailureMessageDoesNotContainTheSecret(Mode mode) {
    api.listingReturns(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    Throwable thrown = catchThrowable(() -> mode.client().cvms().list(CvmShape.LEGACY));

    assertThat(thrown).isInstanceOf(PhalaIoException.class);
    assertThat(everything(thrown)).doesNotContain(mode.secret);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noLogLineAtTraceContainsTheSecret(Mode mode) {
    api.listingAnswersInTurn(
        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
        StubApi.json(503, "{\"detail\":\"busy, " + mode.secret + "\"}"),
        StubApi.json(200, "[]").withHeader("X-Request-ID", "req_logs"));

    PhalaCloud client = mode.client();
    client.cvms().list(CvmShape.LEGACY);

    List<String> lines = capturedLines();
    assertThat(lines)
        .as("the client logged its attempts")
        .anyMatch(line -> line.contains("Retrying GET"));
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(mode.secret));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void interceptorsOnTheCallersOkHttpClientNeverSeeTheSecret(Mode mode) {
    api.listingReturns(StubApi.json(200, "[]"));
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Interceptor logHeaders =
        chain -> {
          seen.add(chain.request().headers().toString());
          return chain.proceed(chain.request());
        };
    OkHttpClient callers =
        new OkHttpClient.Builder()
            .addInterceptor(logHeaders)
            .addNetworkInterceptor(logHeaders)
            .build();
    PhalaCloud client =
        api.track(mode.credential.apply(api.builder().apiKey(null).okHttpClient(callers)).build());

    client.cvms().list(CvmShape.LEGACY);

    assertThat(seen)
        .hasSize(2)
        .allSatisfy(headers -> assertThat(headers).doesNotContain(mode.secret));
    assertThat(api.onlyRequest().getHeader(mode == Mode.API_KEY ? "X-API-Key" : "Authorization"))
        .endsWith(mode.secret);
  }

  /** Every captured log line: message, arguments and any throwable with its causes. */
  private List<String> capturedLines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : logback.list) {
      StringBuilder line =
          new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
      }
      lines.add(line.toString());
    }
    synchronized (okhttpJul) {
      for (LogRecord record : okhttpJul) {
        lines.add(
            record.getLoggerName()
                + " "
                + record.getMessage()
                + (record.getThrown() == null ? "" : " | " + everything(record.getThrown())));
      }
    }
    return lines;
  }

  /** A throwable's whole printed form: messages of it and its causes, and the stack. */
  private static String everything(Throwable thrown) {
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
