package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.cvm.CvmList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One client shared by many threads: concurrent listings, with different filters, each get their
 * own complete and correct answer.
 */
class SharedClientTest {
  @RegisterExtension static final StubApi api = new StubApi();

  private static final int THREADS = 16;
  private static final int CALLS_PER_THREAD = 20;

  @Test
  void sixteenThreadsSharingOneClientAllGetTheirOwnCorrectList() throws Exception {
    api.listingReturns(StubApi.example("cvms-full.json"));
    api.server()
        .stubFor(
            get(urlPathEqualTo(StubApi.PATH))
                .withQueryParam("user_id", equalTo("0"))
                .willReturn(StubApi.example("cvms-minimal.json")));
    PhalaCloud client = api.client();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        boolean unowned = t % 2 == 0;
        results.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int call = 0; call < CALLS_PER_THREAD; call++) {
                    if (unowned) {
                      CvmList cvms =
                          client
                              .cvms()
                              .list(CvmShape.LEGACY, ListCvmsParams.builder().userId("0").build());
                      assertThat(cvms).extracting(cvm -> cvm.name()).containsExactly("hello-world");
                    } else {
                      CvmList cvms = client.cvms().list(CvmShape.LEGACY);
                      assertThat(cvms)
                          .extracting(cvm -> cvm.name())
                          .containsExactly("inference-gateway", "gpu-trainer", "staging-api");
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> result : results) {
        result.get(30, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(api.listingRequests()).isEqualTo(THREADS * CALLS_PER_THREAD);
  }
}
