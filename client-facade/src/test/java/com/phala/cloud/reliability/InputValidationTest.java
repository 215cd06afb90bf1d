package com.phala.cloud.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phala.cloud.ListCvmsParams;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.KmsId;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.cvm.UserId;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input is refused before anything is sent: header injection through a credential, the API version
 * or the user agent; malformed hashed ids, user and node ids; and base URLs that would expose the
 * credential (plain http to a remote host, user info) or cannot be an API prefix. A refusal never
 * quotes a credential back.
 */
class InputValidationTest {
  private static final String LOCAL = "http://127.0.0.1:9/api/v1";

  /** Values that would split or extend a header line, or are not one line of printable ASCII. */
  static List<String> injections() {
    return List.of(
        "phak_abc\r\nX-Evil: 1",
        "phak_abc\nX-Evil: 1",
        "phak_abc\r",
        "phak_abc\u0000",
        "phak abc",
        "phak_abc\t",
        "phak_ábc",
        "phak_abc\u2028",
        "\r\n",
        " ",
        "");
  }

  @ParameterizedTest
  @MethodSource("injections")
  void anApiKeyThatCouldInjectAHeaderIsRefusedWithoutBeingQuoted(String key) {
    assertRefusedWithoutQuoting(key, builder -> builder.apiKey(key));
  }

  @ParameterizedTest
  @MethodSource("injections")
  void aBearerTokenThatCouldInjectAHeaderIsRefusedWithoutBeingQuoted(String token) {
    assertRefusedWithoutQuoting(token, builder -> builder.bearerToken(token));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-10-28\r\nX-Evil: 1",
        "2025-10-28\n",
        "2025-10-28 ",
        "latest",
        "2025-1-28",
        ""
      })
  void anApiVersionThatIsNotADateIsRefused(String version) {
    assertRefused(builder -> builder.apiVersion(version));
  }

  @ParameterizedTest
  @ValueSource(strings = {"my-app/1.0\r\nX-Evil: 1", "my-app/1.0\n", "my-app/\u0000", "my-app/é"})
  void aUserAgentSuffixThatIsNotOnePrintableLineIsRefused(String suffix) {
    assertRefused(builder -> builder.userAgentSuffix(suffix));
  }

  static Stream<Arguments> hashedIds() {
    return Stream.of(
        Arguments.of("prj_", (Consumer<String>) ProjectId::parse),
        Arguments.of("usr_", (Consumer<String>) UserId::parse),
        Arguments.of("kms_", (Consumer<String>) KmsId::parse));
  }

  @ParameterizedTest
  @MethodSource("hashedIds")
  void hashedIdsAcceptTheirPrefixAndUpTo64LettersAndDigits(String prefix, Consumer<String> parse) {
    for (String body : List.of("0123abcd", "A", "Z9", "a".repeat(64))) {
      assertThatCode(() -> parse.accept(prefix + body))
          .as(prefix + body)
          .doesNotThrowAnyException();
    }
  }

  @ParameterizedTest
  @MethodSource("hashedIds")
  void hashedIdsRefuseEverythingElse(String prefix, Consumer<String> parse) {
    List<String> refused =
        List.of(
            // What the contract's pattern (^prj_.+ and the like) refuses; what it allows is an id,
            // and an id only ever reaches the wire as an encoded query value.
            "",
            prefix,
            prefix.toUpperCase() + "abc",
            "x" + prefix + "abc",
            prefix.substring(0, 3) + "-abc",
            prefix + "\r\nX-Evil: 1",
            prefix + "\n",
            " " + prefix + "abc");
    for (String id : refused) {
      assertThat(catchThrowableOfType(PhalaInvalidInputException.class, () -> parse.accept(id)))
          .as("'%s'", id)
          .isNotNull();
    }
    assertThat(catchThrowableOfType(PhalaInvalidInputException.class, () -> parse.accept(null)))
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"00", "1", "-0", "usr_", "usr_\r\nX-Evil: 1", "prj_abc", " 0"})
  void aUserIdFilterThatIsNeitherZeroNorAHashedUserIdIsRefused(String userId) {
    assertThat(
            catchThrowableOfType(
                PhalaInvalidInputException.class, () -> ListCvmsParams.builder().userId(userId)))
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, Long.MIN_VALUE})
  void aNodeIdThatIsNotPositiveIsRefused(long teepodId) {
    assertThat(
            catchThrowableOfType(
                PhalaInvalidInputException.class,
                () -> ListCvmsParams.builder().teepodId(teepodId)))
        .isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://cloud-api.phala.com/api/v1",
        "http://10.0.0.8/api/v1",
        "http://192.168.1.1:8080/api/v1",
        "http://127.0.0.1.nip.io/api/v1",
        "http://localhost.evil.example/api/v1",
        "http://2130706433/api/v1",
        "http://0x7f000001/api/v1",
        "https://user:hunter2secret@cloud-api.phala.com/api/v1",
        "https://hunter2secret@cloud-api.phala.com/api/v1",
        "https://cloud-api.phala.com/api/v1?key=1",
        "https://cloud-api.phala.com/api/v1#top",
        "ftp://cloud-api.phala.com/api/v1",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "cloud-api.phala.com/api/v1",
        "not a url",
        "",
        "   ",
        "https://",
        "https://cloud-api.phala.com\r\n/api/v1",
        "https://cloud api.phala.com"
      })
  void aBaseUrlThatWouldExposeTheCredentialOrIsNotAnApiPrefixIsRefused(String baseUrl) {
    PhalaInvalidInputException thrown =
        catchThrowableOfType(
            PhalaInvalidInputException.class,
            () ->
                PhalaCloud.builder().baseUrl(baseUrl).apiKey(CredentialMode.API_KEY_VALUE).build());

    assertThat(thrown).as(baseUrl).isNotNull();
    assertThat(thrown.getMessage())
        .doesNotContain(CredentialMode.API_KEY_VALUE)
        .doesNotContain("hunter2secret");
  }

  @ParameterizedTest
  @EnumSource(CredentialMode.class)
  void aCredentialGivenAsTheBaseUrlByMistakeIsRefusedWithoutBeingQuoted(CredentialMode mode) {
    for (String secret : mode.secrets()) {
      PhalaInvalidInputException thrown =
          catchThrowableOfType(
              PhalaInvalidInputException.class,
              () -> mode.apply(PhalaCloud.builder().baseUrl(secret)).build());

      assertThat(thrown).isNotNull();
      for (String given : mode.secrets()) {
        assertThat(thrown.getMessage()).doesNotContain(given);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://cloud-api.phala.com/api/v1",
        "https://cloud-api.phala.network/api/v1",
        "http://localhost:8080/api/v1",
        "http://127.0.0.1:1/api/v1",
        "http://127.8.9.10/api/v1",
        "http://[::1]:8080/api/v1",
        "http://sandbox.localhost:8080/api/v1",
        "http://[::ffff:7f00:1]:8080/api/v1" /* OkHttp reads it as 127.0.0.1 */,
        "https://proxy.example.com:8443/phala/api/v1"
      })
  void anHttpsBaseUrlOrPlainHttpToThisMachineIsAccepted(String baseUrl) {
    assertThatCode(
            () ->
                PhalaCloud.builder()
                    .baseUrl(baseUrl)
                    .apiKey(CredentialMode.API_KEY_VALUE)
                    .build()
                    .close())
        .doesNotThrowAnyException();
  }

  private static void assertRefused(Function<PhalaCloud.Builder, PhalaCloud.Builder> setting) {
    assertThat(
            catchThrowableOfType(
                PhalaInvalidInputException.class,
                () ->
                    setting
                        .apply(PhalaCloud.builder().baseUrl(LOCAL).apiKey("phak_fine"))
                        .build()
                        .close()))
        .isNotNull();
  }

  private static void assertRefusedWithoutQuoting(
      String secret, Function<PhalaCloud.Builder, PhalaCloud.Builder> setting) {
    PhalaInvalidInputException thrown =
        catchThrowableOfType(
            PhalaInvalidInputException.class,
            () -> setting.apply(PhalaCloud.builder().baseUrl(LOCAL)).build().close());

    assertThat(thrown).isNotNull();
    String quotable = secret.strip();
    if (quotable.length() > 3) {
      assertThat(thrown.getMessage()).doesNotContain(quotable.substring(0, quotable.length() - 1));
    }
  }
}
