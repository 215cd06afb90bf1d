package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The roff man pages the build makes at package time (target/man/man1), checked against the
 * command's own definition: one page per command, a {@code .TH} header with the build's fixed date,
 * and every visible option of that command. Runs in the integration-test phase (cli's pom.xml),
 * after the pages exist.
 */
class ManPageIT {
  private static final Path MAN1 = Path.of(required("phala.man.dir"));
  private static final String DATE = required("phala.man.date");

  @Test
  void everyCommandHasAPageWithItsHeaderAndEveryOption() throws IOException {
    List<CommandSpec> commands = commands(new CommandLine(PhalaCvms.class).getCommandSpec());
    assertThat(commands).extracting(spec -> spec.qualifiedName("-")).contains("phala-cvms-list");

    for (CommandSpec command : commands) {
      String name = command.qualifiedName("-");
      Path page = MAN1.resolve(name + ".1");
      assertThat(page).as("the man page of " + name).isRegularFile();
      String roff = Files.readString(page, StandardCharsets.UTF_8);

      assertThat(firstRequest(roff))
          .as(page.toString())
          .startsWith(
              ".TH \"" + escape(name.toUpperCase(Locale.ROOT)) + "\" \"1\" \"" + DATE + "\" ");
      // A leftover of AsciiDoc markup would mean the conversion did not happen.
      assertThat(roff).as(page.toString()).doesNotContain("xref:", "\n== ", "*::");
      for (OptionSpec option : command.options()) {
        if (option.hidden()) {
          continue;
        }
        for (String optionName : option.names()) {
          assertThat(roff).as(page + ": " + optionName).contains(bold(optionName));
        }
      }
    }
  }

  @Test
  void theListPageDocumentsTheOptionsPeopleLookFor() throws IOException {
    CommandSpec list =
        new CommandLine(PhalaCvms.class).getSubcommands().get("list").getCommandSpec();
    String roff = Files.readString(MAN1.resolve("phala-cvms-list.1"), StandardCharsets.UTF_8);

    for (String optionName : List.of("--api-key", "-o", "--output", "--watch", "--sandbox")) {
      assertThat(list.findOption(optionName)).as(optionName).isNotNull();
      assertThat(roff).as(optionName).contains(bold(optionName));
    }
    assertThat(roff).contains(".SH \"EXIT CODES:\"");
  }

  /** The command and its visible subcommands, depth first (an alias counts once). */
  private static List<CommandSpec> commands(CommandSpec root) {
    return Stream.concat(
            Stream.of(root),
            root.subcommands().values().stream()
                .map(CommandLine::getCommandSpec)
                .filter(sub -> !sub.usageMessage().hidden())
                .distinct()
                .flatMap(sub -> commands(sub).stream()))
        .toList();
  }

  /** The first line that is not a roff comment. */
  private static String firstRequest(String roff) {
    try (Stream<String> lines = roff.lines()) {
      return lines
          .filter(line -> !line.startsWith(".\\\"") && !line.startsWith("'\\\""))
          .findFirst()
          .orElse("");
    }
  }

  /** An option name as the page sets it: bold, its hyphens escaped. */
  private static String bold(String text) {
    return "\\fB" + escape(text) + "\\fP";
  }

  private static String escape(String text) {
    return text.replace("-", "\\-");
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          property + " is not set: run this test through Maven (./mvnw verify)");
    }
    return value;
  }
}
