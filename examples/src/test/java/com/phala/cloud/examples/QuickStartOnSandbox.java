package com.phala.cloud.examples;

import com.phala.cloud.testing.FakePhalaCloud;

/**
 * Runs the README's {@link QuickStart} against the testing kit's fake API on 127.0.0.1, so a
 * newcomer sees it work without an account: {@code ./mvnw -q -pl examples -am test-compile
 * -Dquickstart}.
 *
 * <p>It points the unchanged {@code QuickStart} at the fake through the library's documented system
 * properties ({@code phala.cloud.apiPrefix}, {@code phala.cloud.apiKey}), which {@code
 * PhalaCloud.fromEnv()} reads before the environment; so a real key in the environment is never
 * used, nor sent anywhere.
 */
public final class QuickStartOnSandbox {
  private QuickStartOnSandbox() {}

  /** Starts the fake, runs {@code QuickStart.main}, and fails if it called the API wrongly. */
  public static void main(String[] args) {
    try (FakePhalaCloud sandbox = FakePhalaCloud.start()) {
      System.setProperty("phala.cloud.apiPrefix", sandbox.baseUrl());
      System.setProperty("phala.cloud.apiKey", FakePhalaCloud.API_KEY);
      QuickStart.main(args);
      sandbox.assertNoViolations();
    }
  }
}
