package com.phala.cloud.cli;

import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cli.output.Columns;
import com.phala.cloud.cli.output.CvmOutput;
import com.phala.cloud.cli.output.Format;
import com.phala.cloud.cvm.CvmInfoStream;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.cvm.ViewStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code phala-cvms list}: lists CVMs as a table, JSON or CSV. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the CVMs of your workspace.",
      "Credentials: --api-key or PHALA_CLOUD_API_KEY (sent as X-API-Key), or --bearer-token or"
          + " PHALA_OIDC_TOKEN (sent as Authorization: Bearer). --sandbox needs none."
    },
    sortOptions = false,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "2:Bad usage or input; nothing was sent.",
      "3:Authentication or permission refused (HTTP 401, 403).",
      "4:Any other API error, or a response that cannot be used, after retries.",
      "5:Network failure or timeout.",
      "1:A bug in phala-cvms; please report it with the --verbose output."
    })
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ListingOptions listing;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "table, json or csv (default: table).")
  String output = "table";

  private final Map<String, String> environment;

  ListCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    listing.environment = environment;
    try (Logging.Session log = Logging.start(listing.verbose, err, listing::redact)) {
      return listing.run(
          out, err, () -> Format.parse(output), (client, run) -> list(out, client, run));
    }
  }

  private void list(PrintWriter out, PhalaCloud client, ListingOptions.Run run) {
    Format format = Format.parse(output);
    if (run.legacy) {
      try (CvmStream cvms = run.opened(client.streamCvms(run.params))) {
        write(cvms, format.writer(out, Columns.LEGACY), run.wanted(), run::timedOut);
      }
    } else {
      try (CvmInfoStream cvms = run.opened(client.streamCvmInfos(run.params))) {
        write(cvms, format.writer(out, Columns.CVM_INFO), run.wanted(), run::timedOut);
      }
    }
  }

  /**
   * Writes the CVMs of {@code cvms} that {@code wanted} keeps. When the watchdog closed the stream
   * (time is up), the output is left unfinished and the caller reports the timeout.
   */
  private static <T extends CvmView> void write(
      ViewStream<T> cvms, CvmOutput<T> writer, Predicate<T> wanted, BooleanSupplier timedOut) {
    writer.begin();
    for (T cvm : cvms) {
      if (wanted.test(cvm)) {
        writer.write(cvm);
      }
    }
    if (!timedOut.getAsBoolean()) {
      writer.end();
    }
  }
}
