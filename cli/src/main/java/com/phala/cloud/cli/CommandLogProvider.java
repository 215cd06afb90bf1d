package com.phala.cloud.cli;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The command's SLF4J provider: every logger writes through {@link Logging}, to the stderr of the
 * command running now, at the level that run asked for.
 */
public final class CommandLogProvider implements SLF4JServiceProvider {
  private ILoggerFactory loggers;
  private IMarkerFactory markers;
  private MDCAdapter mdc;

  /** Made by SLF4J's service loader. */
  public CommandLogProvider() {}

  @Override
  public void initialize() {
    Map<String, Logger> made = new ConcurrentHashMap<>();
    loggers = name -> made.computeIfAbsent(name, CommandLogger::new);
    markers = new BasicMarkerFactory();
    mdc = new NOPMDCAdapter();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  /** A logger whose level is decided at each call, by the run in progress. */
  private static final class CommandLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CommandLogger(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return Logging.isEnabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
      return Logging.isEnabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
      return Logging.isEnabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
      return Logging.isEnabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
      return Logging.isEnabled(name, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      Logging.log(level, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }
  }
}
