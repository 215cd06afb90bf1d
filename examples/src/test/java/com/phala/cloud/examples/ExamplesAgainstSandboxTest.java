package com.phala.cloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.testing.FakePhalaCloud;
import com.phala.cloud.testing.FakePhalaCloudExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every example runs against the testing kit's fake API and prints what the contract's full example
 * holds; the fake also fails a test whose example calls the API against its contract.
 */
class ExamplesAgainstSandboxTest {
  private static final String KEY = "phak_examples";

  @RegisterExtension
  static FakePhalaCloudExtension phala =
      new FakePhalaCloudExtension(FakePhalaCloud.builder().acceptOnly(KEY).requestId("sandbox"));

  private PhalaCloud client;
  private FakePhalaCloud sandbox;

  @BeforeEach
  void pointAtTheFake() {
    sandbox = phala.fake();
    client = phala.client();
  }

  private static String output(Consumer<PrintStream> example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    example.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void listFromEnvironmentPrintsEveryCvm() {
    assertThat(output(out -> ListFromEnvironment.run(client, out)).lines())
        .containsExactly(
            "inference-gateway\trunning\tprj_7Kd2mQ9xR4",
            "gpu-trainer\tstopped\tprj_Zx81vNc3Lq",
            "staging-api\tstarting\tprj_7Kd2mQ9xR4");
  }

  @Test
  void runningCvmsOfProjectPrintsUptimeAndUrls() {
    String printed =
        output(out -> RunningCvmsOfProject.run(client, ProjectId.parse("prj_7Kd2mQ9xR4"), out));
    assertThat(printed.lines())
        .containsExactly(
            "inference-gateway up 27h 04m",
            "  https://e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f-8080.dstack-prod5.phala.network");
  }

  @Test
  void listAsyncPrintsTotals() {
    assertThat(output(out -> ListAsync.run(client, out)))
        .isEqualToIgnoringNewLines("3 CVMs, 30 vCPUs, 204.5 GB memory, 620 GB disk");
  }

  @Test
  void streamBigListCountsByStatus() {
    assertThat(output(out -> StreamBigList.run(client, out)).lines())
        .containsExactly("running: 1", "starting: 1", "stopped: 1");
  }

  @Test
  void handleErrorsExplainsAWrongKey() {
    String outcome =
        HandleErrors.run(
            PhalaCloud.builder().baseUrl(sandbox.baseUrl()).apiKey("wrong-key"),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(outcome).startsWith("Check the credential (HTTP 401, request id sandbox)");
  }

  @Test
  void handleErrorsExplainsAMissingCredential() {
    String outcome =
        HandleErrors.run(
            PhalaCloud.builder().baseUrl(sandbox.baseUrl()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(outcome).startsWith("Fix the configuration, nothing was sent: No credentials");
  }

  @Test
  void handleErrorsReportsSuccess() {
    String outcome =
        HandleErrors.run(
            PhalaCloud.builder().baseUrl(sandbox.baseUrl()).apiKey(KEY),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(outcome).isEqualTo("3 CVMs");
  }
}
