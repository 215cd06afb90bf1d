package com.phala.cloud.cli;

import com.phala.cloud.PhalaCloud;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code phala-cvms}: lists Phala Cloud CVMs for people and scripts. */
@Command(
    name = "phala-cvms",
    mixinStandardHelpOptions = true,
    versionProvider = PhalaCvms.VersionProvider.class,
    description = {
      "Lists your Phala Cloud confidential VMs (CVMs), and checks the API's answer against the"
          + " contract.",
    },
    commandListHeading = "%nCommands:%n",
    subcommands = {ListCommand.class, CheckCommand.class, CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "2:Bad usage or input; nothing was sent (unknown option, missing credentials, invalid id or number,"
          + " plain http to a remote host, control characters in a credential, unknown --api-version,"
          + " --project with a version of the CVMInfo shape, malformed --workspace, unknown"
          + " --columns or --sort-by field (the valid ones are listed), an option the -o format"
          + " or --watch does not take, --interval below 1).",
      "3:Authentication or permission refused (HTTP 401, 403), also while --watch.",
      "4:Any other API error, or a response that cannot be used, after retries; also a list too"
          + " large for the heap where the table or --sort-by must hold every row.",
      "5:Network failure or timeout.",
      "6:check: the response departs from the contract.",
      "1:A bug in phala-cvms; please report it with the --verbose output."
    })
public final class PhalaCvms {
  private PhalaCvms() {}

  /** Runs the command and exits with its exit code. */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    PrintWriter err =
        new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code = run(args, System.getenv(), out, err);
    out.flush();
    System.exit(code);
  }

  /**
   * Runs the command with an explicit environment and streams, and returns its exit code. Nothing
   * here calls {@code System.exit}, so tests run it in-process.
   */
  public static int run(
      String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new PhalaCvms(), new Factory(environment));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (problem, args1) -> {
          CommandLine failed = problem.getCommandLine();
          failed.getErr().println("phala-cvms: " + UsageProblems.describe(problem));
          failed
              .getErr()
              .println(
                  "Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
          return ExitCodes.USAGE;
        });
    commandLine.setExecutionExceptionHandler(
        (failure, line, parsed) -> {
          line.getErr().println("phala-cvms: unexpected error: " + failure);
          failure.printStackTrace(line.getErr());
          return ExitCodes.INTERNAL;
        });
    // No catch of OutOfMemoryError: the outputs that hold rows are bounded up front (HeldRows), so
    // a real one is a bug or a JVM too small to start in, and is reported as what it is.
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Gives commands the environment the command runs in. */
  private static final class Factory implements CommandLine.IFactory {
    private final Map<String, String> environment;

    Factory(Map<String, String> environment) {
      this.environment = environment;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == ListCommand.class) {
        return type.cast(new ListCommand(environment));
      }
      if (type == CheckCommand.class) {
        return type.cast(new CheckCommand(environment));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** Prints the version of this build. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "phala-cvms " + PhalaCloud.VERSION + " (Java " + System.getProperty("java.version") + ")"
      };
    }
  }
}
