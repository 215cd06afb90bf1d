package com.phala.cloud.internal;

import java.util.Map;
import java.util.function.Function;

/**
 * Where unset builder options come from, in order: a JVM system property, then an environment
 * variable. The names are those Phala's own SDKs read.
 */
public final class Settings {
  /**
   * The API key: system property {@code phala.cloud.apiKey}, environment {@code
   * PHALA_CLOUD_API_KEY}.
   */
  public static final Setting API_KEY = new Setting("phala.cloud.apiKey", "PHALA_CLOUD_API_KEY");

  /** The base URL: {@code phala.cloud.apiPrefix}, {@code PHALA_CLOUD_API_PREFIX}. */
  public static final Setting API_PREFIX =
      new Setting("phala.cloud.apiPrefix", "PHALA_CLOUD_API_PREFIX");

  /** A bearer token: {@code phala.oidcToken}, {@code PHALA_OIDC_TOKEN}. */
  public static final Setting OIDC_TOKEN = new Setting("phala.oidcToken", "PHALA_OIDC_TOKEN");

  /** The workspace: {@code phala.cloud.workspace}, {@code PHALA_CLOUD_WORKSPACE}. */
  public static final Setting WORKSPACE =
      new Setting("phala.cloud.workspace", "PHALA_CLOUD_WORKSPACE");

  private final Function<String, String> properties;
  private final Function<String, String> environment;

  /** Settings from the given sources (tests pass maps; {@link #system()} reads the real ones). */
  public Settings(Map<String, String> properties, Map<String, String> environment) {
    this(properties::get, environment::get);
  }

  /** Settings read through the given look-ups (name to value, or {@code null}). */
  public Settings(Function<String, String> properties, Function<String, String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** The JVM's system properties and the process environment. */
  public static Settings system() {
    return new Settings(System::getProperty, System::getenv);
  }

  /**
   * {@code value}, from the builder's {@code option}, when it is set, else the value of {@code
   * setting} in {@code settings} (which may be {@code null}); {@code null} if neither is set.
   */
  public static Source either(String value, String option, Settings settings, Setting setting) {
    return value != null
        ? new Source(value, option)
        : settings == null ? null : settings.get(setting);
  }

  /** The value of {@code setting}, or {@code null}; a value that is empty counts as unset. */
  public Source get(Setting setting) {
    String fromProperty = properties.apply(setting.property);
    if (fromProperty != null && !fromProperty.isEmpty()) {
      return new Source(fromProperty, "system property " + setting.property);
    }
    String fromEnvironment = environment.apply(setting.variable);
    if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
      return new Source(fromEnvironment, "environment variable " + setting.variable);
    }
    return null;
  }

  /** Every non-empty value of {@code setting}: the system property's, then the variable's. */
  public java.util.List<String> all(Setting setting) {
    java.util.List<String> values = new java.util.ArrayList<>(2);
    for (String value :
        new String[] {properties.apply(setting.property), environment.apply(setting.variable)}) {
      if (value != null && !value.isEmpty()) {
        values.add(value);
      }
    }
    return values;
  }

  /** One setting's two names. */
  public static final class Setting {
    final String property;
    final String variable;

    Setting(String property, String variable) {
      this.property = property;
      this.variable = variable;
    }

    /** The environment variable's name. */
    public String variable() {
      return variable;
    }
  }

  /**
   * A value and where it came from (for error messages, which never show the value of a secret).
   */
  public static final class Source {
    /** The value. */
    public final String value;

    /** Where it came from, such as {@code environment variable PHALA_CLOUD_API_KEY}. */
    public final String origin;

    Source(String value, String origin) {
      this.value = value;
      this.origin = origin;
    }
  }
}
