package com.phala.cloud.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.reliability.HostileBodies.Body;
import com.phala.cloud.reliability.Outcomes.Decoded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile bodies served over real HTTP on loopback, through {@code cvms().list(CvmShape.LEGACY)}
 * and {@code cvms().stream(CvmShape.LEGACY)}: the same accepted outcomes as offline, the two calls
 * agree, and every try hands its connection back to the pool.
 */
class HostileBodiesOverHttpTest {
  private static LoopbackServer server;
  private static ObservedHttp http;
  private static PhalaCloud client;

  @BeforeContainer
  static void start() {
    server = new LoopbackServer(LoopbackServer.json(HostileBodies.FULL_TEXT.getBytes()));
    http = new ObservedHttp();
    client = http.client(server.baseUrl()).maxRetries(0).timeout(Duration.ofSeconds(60)).build();
  }

  @AfterContainer
  static void stop() {
    try {
      http.assertNothingLeaked();
      http.assertNoLeakLogged(server.baseUrl());
    } finally {
      client.close();
      server.close();
      Figures.bodiesDone();
    }
  }

  @Property
  @Tries(quick = 300, longMode = 3_000)
  void listedAndStreamedHostileBodies(@ForAll("hostileBodies") Body body) {
    server.answer(LoopbackServer.json(body.bytes()));
    Duration limit = HostileBodiesTest.limitFor(body).plusSeconds(1);

    Decoded listed = Outcomes.decodeWithin(limit, true, () -> client.cvms().list(CvmShape.LEGACY));
    Decoded streamed =
        Outcomes.decodeWithin(
            limit,
            false,
            () -> {
              List<Cvm> cvms = new ArrayList<>();
              try (CvmStream stream = client.cvms().stream(CvmShape.LEGACY)) {
                stream.forEach(cvms::add);
              }
              return cvms;
            });

    assertThat(streamed).as("cvms().stream against cvms().list").isEqualTo(listed);
    assertThat(ObservedHttp.awaitQuietly(Duration.ofSeconds(2), http::settled))
        .as("every connection back in the pool after the try")
        .isTrue();
    Figures.bodyFuzzed("over HTTP");
  }

  /** Every kind of hostile body; the megabyte-sized kinds rarely, to keep the run short. */
  @Provide
  Arbitrary<Body> hostileBodies() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, HostileBodies.truncated()),
        Tuple.of(10, HostileBodies.wrongTypes()),
        Tuple.of(5, HostileBodies.deeplyNested()),
        Tuple.of(3, HostileBodies.hugeNumbers()),
        Tuple.of(10, HostileBodies.invalidUtf8()),
        Tuple.of(3, HostileBodies.duplicatedKeys()),
        Tuple.of(1, HostileBodies.enormousStrings()),
        Tuple.of(10, HostileBodies.randomMutations()));
  }
}
