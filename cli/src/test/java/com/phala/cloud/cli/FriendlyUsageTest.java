package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.cli.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edges a person meets: typos, plain-words refusals, warnings, version and help. */
class FriendlyUsageTest {
  @Test
  void aMistypedCommandSuggestsTheCommand() {
    Cli.Result result = Cli.run("lst");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().get(0))
        .isEqualTo("phala-cvms: unknown command 'lst'; did you mean list?");
    assertThat(result.err()).doesNotContain("Unmatched argument");
  }

  @Test
  void aMistypedOptionSuggestsTheOption() {
    Cli.Result result = Cli.run("list", "--colums", "name");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().get(0)).contains("unknown option '--colums'", "--columns");
  }

  @Test
  void aNodeIdThatIsNotANumberIsRefusedInPlainWords() {
    Cli.Result result = Cli.run("list", "--sandbox", "--teepod-id", "x");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().get(0))
        .contains("--teepod-id", "a positive whole number", "'x'")
        .doesNotContain("long");
  }

  @Test
  void otherNumbersAreRefusedInPlainWordsToo() {
    for (String option : List.of("--timeout", "--max-retries")) {
      Cli.Result result = Cli.run("list", "--sandbox", option, "ten");

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
      assertThat(result.errLines().get(0))
          .contains(option, "whole number", "'ten'")
          .doesNotContain("long", "int");
    }
  }

  @Test
  void aStatusTheContractDoesNotKnowIsWarnedOfAndStillFiltered() {
    Cli.Result result = Cli.run("list", "--sandbox", "--status", "bogus");
    Cli.Result known = Cli.run("list", "--sandbox", "--status", "Running");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo("No CVMs\n");
    assertThat(result.errLines()).hasSize(1);
    assertThat(result.errLines().get(0))
        .contains("warning", "'bogus'", "not a status the contract knows", "running", "stopped");
    assertThat(known.err()).isEmpty();
    assertThat(known.out()).contains("inference-gateway");
  }

  @Test
  void listAndCheckPrintTheVersionLikeTheTopLevel() {
    String top = Cli.run("--version").out();

    assertThat(top).startsWith("phala-cvms ");
    assertThat(Cli.run("list", "--version").out()).isEqualTo(top);
    assertThat(Cli.run("list", "-V").out()).isEqualTo(top);
    assertThat(Cli.run("check", "--version").out()).isEqualTo(top);
  }

  @Test
  void theTopLevelHelpListsEachCommandOnOneLine() {
    String help = Cli.run("--help").out();

    List<String> lines = help.lines().toList();
    int heading = lines.indexOf("Commands:");
    assertThat(heading).as(help).isPositive();
    List<String> commands =
        lines.subList(heading + 1, lines.size()).stream()
            .takeWhile(line -> !line.isBlank())
            .toList();
    assertThat(commands).hasSize(3);
    assertThat(commands.get(0)).startsWith("  list ");
    assertThat(commands.get(1)).startsWith("  check ");
    assertThat(commands.get(2)).startsWith("  help ");
  }

  @Test
  void theSandboxsRequestIdLooksLikeTheApisAndIsNotMasked() {
    Cli.Result result = Cli.run("list", "--sandbox", "-v");

    assertThat(Sandbox.REQUEST_ID).matches("req_[0-9a-f]{12}");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).contains(Sandbox.REQUEST_ID).doesNotContain("***");
  }
}
