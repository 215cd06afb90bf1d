package com.phala.cloud.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;

/**
 * Every log line the client side writes, at the finest level, while open: the library's SLF4J
 * loggers ({@code com.phala.cloud}, and Retrofit's) through a logback appender at TRACE, and
 * OkHttp's java.util.logging loggers ({@code okhttp3}) at ALL. Lines include their stack traces;
 * they go only here, not to the console.
 */
public final class CapturedLogs implements AutoCloseable {
  private static final List<String> SLF4J_LOGGERS =
      List.of("com.phala.cloud", "retrofit2", "okhttp3");

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Level> previousLevels = new ArrayList<>();
  private final List<Boolean> previousAdditivity = new ArrayList<>();
  private final java.util.logging.Logger okHttp = java.util.logging.Logger.getLogger("okhttp3");
  private final java.util.logging.Level previousOkHttpLevel = okHttp.getLevel();
  private final List<String> okHttpLines = new CopyOnWriteArrayList<>();
  private final Handler okHttpHandler =
      new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          okHttpLines.add(format.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Starts capturing. */
  public CapturedLogs() {
    appender.start();
    for (String name : SLF4J_LOGGERS) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      previousLevels.add(logger.getLevel());
      previousAdditivity.add(logger.isAdditive());
      logger.setLevel(Level.TRACE);
      logger.setAdditive(false);
      logger.addAppender(appender);
    }
    okHttp.setLevel(java.util.logging.Level.ALL);
    okHttpHandler.setLevel(java.util.logging.Level.ALL);
    okHttp.addHandler(okHttpHandler);
  }

  /** Every line captured so far, with stack traces. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>(okHttpLines);
    for (ILoggingEvent event : appender.list) {
      lines.add(
          event.getLoggerName()
              + " "
              + event.getLevel()
              + " "
              + event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }
    return lines;
  }

  /** How many lines the library itself wrote (to show the capture saw something). */
  public long libraryLines() {
    return appender.list.stream()
        .filter(event -> event.getLoggerName().startsWith("com.phala.cloud"))
        .count();
  }

  /** A throwable as a log line would print it: class, message, stack and every cause. */
  public static String printed(Throwable thrown) {
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Override
  public void close() {
    for (int i = 0; i < SLF4J_LOGGERS.size(); i++) {
      Logger logger = (Logger) LoggerFactory.getLogger(SLF4J_LOGGERS.get(i));
      logger.detachAppender(appender);
      logger.setLevel(previousLevels.get(i));
      logger.setAdditive(previousAdditivity.get(i));
    }
    okHttp.removeHandler(okHttpHandler);
    okHttp.setLevel(previousOkHttpLevel);
  }
}
