package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --help} and {@code --version}. */
class HelpTest {
  @Test
  void helpListsTheExitCodes() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("Exit codes:", "list")
        .containsPattern("(?m)^\\s*0\\s+Success")
        .containsPattern("(?m)^\\s*1\\s+A bug")
        .containsPattern("(?m)^\\s*2\\s+Bad usage")
        .containsPattern("(?m)^\\s*3\\s+Authentication")
        .containsPattern("(?m)^\\s*4\\s+Any other API error")
        .containsPattern("(?m)^\\s*5\\s+Network");
  }

  @Test
  void listHelpNamesEveryOptionAndTheExitCodes() {
    Cli.Result result = Cli.run("list", "--help");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains(
            "--api-key",
            "--bearer-token",
            "--base-url",
            "--api-version",
            "--workspace",
            "--user-id",
            "--teepod-id",
            "--status",
            "--project",
            "--output",
            "--timeout",
            "--max-retries",
            "--sandbox",
            "--verbose",
            "PHALA_CLOUD_API_KEY",
            "PHALA_OIDC_TOKEN",
            "PHALA_CLOUD_API_PREFIX",
            "PHALA_CLOUD_WORKSPACE",
            "2025-10-28",
            "2026-06-23",
            "Exit codes:");
    for (int code = 0; code <= 5; code++) {
      assertThat(result.out()).containsPattern("(?m)^\\s*" + code + "\\s+\\S");
    }
  }

  @Test
  void helpSubcommand() {
    Cli.Result result = Cli.run("help", "list");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("--sandbox");
  }

  @Test
  void version() {
    Cli.Result result = Cli.run("--version");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).startsWith("phala-cvms ");
  }
}
