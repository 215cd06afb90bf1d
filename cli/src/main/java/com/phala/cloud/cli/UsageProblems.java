package com.phala.cloud.cli;

import com.phala.cloud.cli.output.Suggestions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A usage mistake picocli found, said in a line: what was not understood and what was meant. */
final class UsageProblems {
  private UsageProblems() {}

  /**
   * {@code problem} as one line: an unknown command or option with the closest ones ("did you mean
   * list?"); picocli's own message otherwise.
   */
  static String describe(ParameterException problem) {
    if (!(problem instanceof UnmatchedArgumentException unmatched)
        || unmatched.getUnmatched().isEmpty()) {
      return problem.getMessage();
    }
    String typed = unmatched.getUnmatched().get(0);
    boolean option = typed.startsWith("-");
    List<String> names = new ArrayList<>();
    if (option) {
      names.addAll(problem.getCommandLine().getCommandSpec().optionsMap().keySet());
    } else {
      names.addAll(problem.getCommandLine().getSubcommands().keySet());
    }
    if (!option && names.isEmpty()) {
      return "unexpected argument "
          + ListingOptions.quoted(typed)
          + ": this command takes options only.";
    }
    String wanted = typed.contains("=") && option ? typed.substring(0, typed.indexOf('=')) : typed;
    List<String> closest = Suggestions.closest(wanted, names, 3);
    return (option ? "unknown option " : "unknown command ")
        + ListingOptions.quoted(typed)
        + (closest.isEmpty() ? "." : "; did you mean " + Suggestions.either(closest) + "?");
  }
}
