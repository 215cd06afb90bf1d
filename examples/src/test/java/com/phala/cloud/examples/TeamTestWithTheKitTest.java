package com.phala.cloud.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.testing.FakeCvm;
import com.phala.cloud.testing.FakePhalaCloud;
import com.phala.cloud.testing.FakePhalaCloudExtension;
import com.phala.cloud.testing.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a team's tests look like with phala-cloud-testing: the examples stand for the team's code,
 * and each test gets a fake API and a client pointed at it. A list of the team's own CVMs, an error
 * with the API's real body, and a retry that succeeds on the third attempt.
 */
@ExtendWith(FakePhalaCloudExtension.class)
class TeamTestWithTheKitTest {
  private static String output(Consumer<PrintStream> code) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    code.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsOnlyTheRunningCvmsOfTheProject(FakePhalaCloud fake, PhalaCloud client) {
    fake.serve(
        FakeCvm.named("api").withProjectId("prj_team1").withUptime("3h 5m 0s"),
        FakeCvm.named("batch").withProjectId("prj_team1").withStatus("stopped"),
        FakeCvm.named("other").withProjectId("prj_team2"));

    String printed =
        output(out -> RunningCvmsOfProject.run(client, ProjectId.parse("prj_team1"), out));

    assertThat(printed.lines()).containsExactly("api up 3h 05m");
    assertThat(fake.requestCount()).isEqualTo(1);
    assertThat(fake.lastRequest().header("X-Phala-Version")).hasValue("2025-10-28");
  }

  @Test
  void explainsAForbiddenAnswer(FakePhalaCloud fake) {
    fake.enqueue(Scenario.forbidden());

    String outcome =
        HandleErrors.run(
            fake.clientBuilder(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(outcome)
        .startsWith("Check the credential (HTTP 403, request id req_fake")
        .contains("Admin privileges are required to filter by user_id.");
  }

  @Test
  void aRateLimitThatOutlastsTheRetriesIsReported(FakePhalaCloud fake) {
    fake.always(Scenario.rateLimited(Duration.ZERO));

    String outcome =
        HandleErrors.run(
            fake.clientBuilder().maxRetries(1),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(outcome).isEqualTo("Slow down; retry after 0 s");
    assertThat(fake.requestCount()).isEqualTo(2);
  }

  @Test
  void twoFailuresThenSuccessIsRetriedTransparently(FakePhalaCloud fake, PhalaCloud client) {
    fake.enqueue(
        Scenario.serviceUnavailable(Duration.ZERO),
        Scenario.serverError().withDelay(Duration.ofMillis(50)));

    String printed = output(out -> ListFromEnvironment.run(client, out));

    assertThat(printed.lines()).hasSize(3);
    assertThat(fake.requestCount()).isEqualTo(3);
  }
}
