package com.phala.cloud.cli;

import static com.phala.cloud.cli.Cli.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit code 2: bad usage or input is refused with a message, and nothing is sent. */
class UsageErrorsTest extends ApiServer {

  private static Cli.Result listWith(String... extra) {
    serveExample("cvms-full.json");
    return Cli.list(baseUrl(), extra);
  }

  /**
   * Exit 2, a short message naming the problem, no stack trace, and no request reached the server.
   */
  private static void assertRefused(Cli.Result result, String... mentions) {
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(requests()).as("requests sent").isEmpty();
    assertThat(result.out()).as(result.toString()).isEmpty();
    assertThat(result.errLines()).as(result.toString()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(result.err())
        .as(result.toString())
        .startsWith("phala-cvms: ")
        .doesNotContain("\tat ", "Exception")
        .contains(mentions);
    assertThat(result.printed()).doesNotContain(SECRET_KEY);
  }

  @Test
  void unknownOption() {
    assertRefused(listWith("--no-such-option"), "--no-such-option");
  }

  @Test
  void unknownSubcommand() {
    serveExample("cvms-full.json");
    assertRefused(Cli.run("lsit"), "lsit");
  }

  @Test
  void noSubcommand() {
    assertRefused(Cli.run(), "subcommand", "phala-cvms --help");
  }

  @Test
  void optionWithoutItsValue() {
    serveExample("cvms-full.json");
    assertRefused(Cli.run("list", "--base-url", baseUrl(), "--api-key"), "--api-key");
  }

  @Test
  void missingCredentials() {
    serveExample("cvms-full.json");
    Cli.Result result = Cli.run("list", "--base-url", baseUrl());

    assertRefused(result, "No credentials", "--api-key", "PHALA_CLOUD_API_KEY", "--sandbox");
  }

  @Test
  void emptyCredentialVariablesCountAsMissing() {
    serveExample("cvms-full.json");
    Cli.Result result =
        Cli.run(
            Map.of("PHALA_CLOUD_API_KEY", "", "PHALA_OIDC_TOKEN", ""),
            "list",
            "--base-url",
            baseUrl());

    assertRefused(result, "No credentials");
  }

  @Test
  void blankApiKey() {
    assertRefused(Cli.run("list", "--base-url", baseUrl(), "--api-key", "   "), "blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"usr_", "user_123", " usr_abc", "1", "", "usr_\n"})
  void badUserId(String userId) {
    assertRefused(listWith("--user-id", userId), "--user-id", "0", "usr_");
  }

  @ParameterizedTest
  @ValueSource(strings = {"--workspace", "--project", "--user-id", "--api-version"})
  void aValueThatWouldReorderOrBreakTheMessageIsShownDefused(String option) {
    Cli.Result result = listWith(option, "a\u202eb\u2028c\u200fd");

    assertRefused(result, option);
    assertThat(result.err())
        .as(result.toString())
        .doesNotContain("\u202e", "\u2028", "\u200f")
        .contains("a?b?c?d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3"})
  void teepodIdThatIsNotPositive(String teepodId) {
    assertRefused(listWith("--teepod-id", teepodId), "--teepod-id", teepodId);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1.5", "99999999999999999999"})
  void teepodIdThatIsNotANumber(String teepodId) {
    assertRefused(listWith("--teepod-id", teepodId), "--teepod-id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"7Kd2mQ9xR4", "prj_", " prj_a", "PRJ_7Kd2mQ9xR4", "usr_7Kd2mQ9xR4"})
  void badProject(String project) {
    assertRefused(listWith("--project", project), "--project", "prj_");
  }

  @ParameterizedTest
  @ValueSource(strings = {"xml", "", "tabel"})
  void badOutput(String format) {
    assertRefused(listWith("--output", format), "--output", "table, wide, json, yaml, csv or name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2025-1-1", "latest", "20251028", "2025-10-28T00:00", "2025-01-15", "2027-01-01"})
  void unknownApiVersionIsRefusedListingTheKnownOnes(String version) {
    assertRefused(
        listWith("--api-version", version),
        "--api-version",
        "2025-10-28",
        "2026-01-21",
        "2026-05-22",
        "2026-06-23");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "11", "x"})
  void badMaxRetries(String retries) {
    assertRefused(listWith("--max-retries", retries), "--max-retries");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "soon", "99999999999"})
  void badTimeout(String seconds) {
    assertRefused(listWith("--timeout", seconds), "--timeout");
  }

  @Test
  void plainHttpToARemoteHost() {
    assertRefused(
        Cli.run("list", "--base-url", "http://cloud-api.phala.com/api/v1", "--api-key", SECRET_KEY),
        "plain http",
        "cloud-api.phala.com",
        "https://");
  }

  @Test
  void plainHttpToARemoteHostFromTheEnvironment() {
    assertRefused(
        Cli.run(
            Map.of(
                "PHALA_CLOUD_API_PREFIX",
                "http://example.com/api/v1",
                "PHALA_CLOUD_API_KEY",
                SECRET_KEY),
            "list"),
        "plain http",
        "PHALA_CLOUD_API_PREFIX");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not a url",
        "ftp://example.com/api/v1",
        "https://user:pass@example.com/api/v1",
        "https://example.com/api/v1?x=1"
      })
  void malformedBaseUrl(String url) {
    assertRefused(Cli.run("list", "--base-url", url, "--api-key", SECRET_KEY), "base URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\t", "\u0000", " ", "\u00e9"})
  void controlCharacterInTheApiKey(String character) {
    serveExample("cvms-full.json");
    Cli.Result result =
        Cli.run(
            "list", "--base-url", baseUrl(), "--api-key", SECRET_KEY + character + "X-Injected: 1");

    assertRefused(result, "API key", "position " + (SECRET_KEY.length() + 1));
  }

  @Test
  void controlCharacterInTheBearerToken() {
    serveExample("cvms-full.json");
    Cli.Result result =
        Cli.run("list", "--base-url", baseUrl(), "--bearer-token", Cli.SECRET_TOKEN + "\r\nX: y");

    assertRefused(result, "bearer token");
    assertThat(result.printed()).doesNotContain(Cli.SECRET_TOKEN);
  }

  @Test
  void controlCharacterInTheApiKeyFromTheEnvironment() {
    serveExample("cvms-full.json");
    Cli.Result result =
        Cli.run(Map.of("PHALA_CLOUD_API_KEY", SECRET_KEY + "\n"), "list", "--base-url", baseUrl());

    assertRefused(result, "PHALA_CLOUD_API_KEY");
  }

  @Test
  void controlCharacterInTheTokenFromTheEnvironment() {
    serveExample("cvms-full.json");
    Cli.Result result =
        Cli.run(
            Map.of("PHALA_OIDC_TOKEN", "\u001b[31m" + Cli.SECRET_TOKEN),
            "list",
            "--base-url",
            baseUrl());

    assertRefused(result, "PHALA_OIDC_TOKEN");
    assertThat(result.printed()).doesNotContain(Cli.SECRET_TOKEN);
  }

  @Test
  void usageErrorsSendNothingEvenWithVerbose() {
    serveExample("cvms-full.json");
    List<String> args =
        new ArrayList<>(
            Arrays.asList(
                "list",
                "--base-url",
                baseUrl(),
                "--api-key",
                SECRET_KEY,
                "--verbose",
                "--teepod-id",
                "0"));
    Cli.Result result = Cli.run(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(requests()).isEmpty();
    assertThat(result.printed()).doesNotContain(SECRET_KEY);
  }
}
