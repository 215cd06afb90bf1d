package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.cvm.UserId;
import com.phala.cloud.errors.PhalaInvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The listing's filters: which {@code user_id} and {@code teepod_id} values are accepted or refused
 * before anything is sent (with a message naming the parameter and the accepted form), and that the
 * request carries exactly the filters that are set.
 */
class ListCvmsParamsTest {
  @RegisterExtension static final StubApi api = new StubApi();

  @BeforeEach
  void answerWithAnEmptyList() {
    api.listingReturns(StubApi.json(200, "[]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "usr_abc123", "usr_0123abcd", "usr_A", "usr_a-b", "usr_abc "})
  void aWellFormedUserIdIsAcceptedAndSent(String userId) {
    api.client().cvms().list(CvmShape.LEGACY, ListCvmsParams.builder().userId(userId).build());

    api.server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(StubApi.PATH))
                .withQueryParam("user_id", equalTo(userId))
                .withQueryParam("teepod_id", absent()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"usr_", "user-1", " usr_a", "", "00", "usr_\n", "prj_abc123", "USR_abc"})
  void aMalformedUserIdIsRefusedNamingUserIdAndTheAcceptedForm(String userId) {
    assertThatThrownBy(() -> ListCvmsParams.builder().userId(userId))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("user_id")
        .hasMessageContaining("usr_0123abcd")
        .hasMessageContaining("'0'");
  }

  @Test
  void aUserIdObjectIsSentAsItsText() {
    api.client()
        .cvms()
        .list(CvmShape.LEGACY, ListCvmsParams.builder().userId(UserId.parse("usr_abc123")).build());

    api.server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(StubApi.PATH))
                .withQueryParam("user_id", equalTo("usr_abc123")));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 12, Long.MAX_VALUE})
  void aPositiveTeepodIdIsAcceptedAndSent(long teepodId) {
    api.client().cvms().list(CvmShape.LEGACY, ListCvmsParams.builder().teepodId(teepodId).build());

    api.server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(StubApi.PATH))
                .withQueryParam("teepod_id", equalTo(Long.toString(teepodId)))
                .withQueryParam("user_id", absent()));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void aZeroOrNegativeTeepodIdIsRefusedNamingTeepodId(long teepodId) {
    assertThatThrownBy(() -> ListCvmsParams.builder().teepodId(teepodId))
        .isInstanceOf(PhalaInvalidInputException.class)
        .hasMessageContaining("teepod_id")
        .hasMessageContaining("positive");
  }

  @Test
  void withNoFiltersTheRequestHasNoQuery() {
    api.client().cvms().list(CvmShape.LEGACY);
    api.client().cvms().list(CvmShape.LEGACY, ListCvmsParams.none());
    api.client()
        .cvms()
        .list(
            CvmShape.LEGACY,
            ListCvmsParams.builder()
                .userId("usr_abc123")
                .userId((String) null)
                .teepodId(3)
                .clearTeepodId()
                .build());

    api.server().verify(3, getRequestedFor(urlEqualTo(StubApi.PATH)));
    assertThat(api.server().getAllServeEvents())
        .allSatisfy(event -> assertThat(event.getRequest().getUrl()).isEqualTo(StubApi.PATH));
  }

  @Test
  void bothFiltersAreSentTogether() {
    api.client()
        .cvms()
        .list(CvmShape.LEGACY, ListCvmsParams.builder().userId("0").teepodId(7).build());

    api.server()
        .verify(
            1,
            getRequestedFor(urlPathEqualTo(StubApi.PATH))
                .withQueryParam("user_id", equalTo("0"))
                .withQueryParam("teepod_id", equalTo("7")));
  }
}
