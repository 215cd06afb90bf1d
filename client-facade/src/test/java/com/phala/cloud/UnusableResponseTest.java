package com.phala.cloud;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.phala.cloud.errors.PhalaInvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 200 response the client cannot use (malformed or truncated JSON, an object where the array
 * belongs, trailing garbage, an HTML page from a proxy) fails with {@link
 * PhalaInvalidDataException} naming where it broke (a JSON path) and showing a bounded snippet of
 * what arrived; never with a Gson, NullPointer or java.time exception, and without retrying (the
 * same bytes would come back).
 */
class UnusableResponseTest {
  @RegisterExtension static final StubApi api = new StubApi();

  /** The snippet's bound: a head and a tail of what was read, plus an ellipsis. */
  private static final int MAX_SNIPPET = 2 * 160 + 3;

  private static PhalaInvalidDataException invalid(ResponseDefinitionBuilder response) {
    api.listingReturns(response);
    Throwable thrown = catchThrowable(() -> api.client().cvms().list(CvmShape.LEGACY));
    assertThat(thrown).isExactlyInstanceOf(PhalaInvalidDataException.class);
    PhalaInvalidDataException invalid = (PhalaInvalidDataException) thrown;
    assertThat(invalid.snippet()).hasSizeLessThanOrEqualTo(MAX_SNIPPET);
    assertThat(api.listingRequests()).as("unusable data is not retried").isEqualTo(1);
    return invalid;
  }

  private static PhalaInvalidDataException invalid(String json) {
    PhalaInvalidDataException invalid = invalid(StubApi.json(200, json));
    assertThat(invalid.getMessage()).contains(" at " + invalid.where());
    return invalid;
  }

  @Test
  void malformedJsonInsideACvmNamesThePathWhereItBroke() {
    PhalaInvalidDataException e = invalid("[{\"name\": \"a\", \"status\": }]");

    assertThat(e.where()).startsWith("$[0]");
    assertThat(e.getMessage()).contains("malformed JSON");
    assertThat(e.snippet()).contains("\"status\": }");
  }

  @Test
  void malformedJsonInALaterCvmNamesItsIndex() {
    PhalaInvalidDataException e = invalid("[{\"name\":\"a\"},{\"name\":\"b\"},{\"name\" \"c\"}]");

    assertThat(e.where()).startsWith("$[2]");
  }

  @Test
  void anObjectWhereTheArrayBelongsIsRefusedAtTheRoot() {
    PhalaInvalidDataException e = invalid("{\"items\":[],\"total\":0}");

    assertThat(e.where()).isEqualTo("$");
    assertThat(e.getMessage()).contains("an object where a JSON array of CVMs belongs");
  }

  @Test
  void anArrayOfNonObjectsIsRefusedAtTheItem() {
    PhalaInvalidDataException e = invalid("[{\"name\":\"a\"}, \"b\"]");

    assertThat(e.where()).isEqualTo("$[1]");
    assertThat(e.getMessage()).contains("a string where a CVM object belongs");
  }

  @Test
  void anHtmlPageWithStatus200IsRefusedAsNotJson() {
    String page =
        "<!DOCTYPE html><html><head><title>Sign in to the Wi-Fi</title></head><body>"
            + "<p>Please accept the terms.</p>".repeat(500)
            + "</body></html>";

    PhalaInvalidDataException e =
        invalid(
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody(page));

    assertThat(e.where()).isEqualTo("$");
    assertThat(e.getMessage())
        .contains("text/html")
        .contains("instead of JSON")
        .contains("Sign in to the Wi-Fi");
    assertThat(e.getMessage()).hasSizeLessThan(1_000);
    assertThat(e.snippet()).startsWith("<!DOCTYPE html>");
  }

  @Test
  void truncatedJsonIsRefusedAsEndingInTheMiddle() {
    PhalaInvalidDataException e = invalid("[{\"name\":\"a\",\"hosted\":{\"id\":\"x\"");

    assertThat(e.where()).startsWith("$[0]");
    assertThat(e.getMessage()).contains("ended in the middle of the JSON");
  }

  @Test
  void trailingGarbageAfterTheArrayIsRefused() {
    PhalaInvalidDataException e = invalid("[{\"name\":\"a\"}] <!-- cached by proxy -->");

    assertThat(e.getMessage()).contains("after the array");
    assertThat(e.snippet()).contains("cached by proxy");
  }

  @Test
  void aSecondDocumentAfterTheArrayIsRefused() {
    PhalaInvalidDataException e = invalid("[][]");

    assertThat(e.where()).isEqualTo("$");
  }

  @Test
  void anEmptyBodyIsRefusedAsEmpty() {
    PhalaInvalidDataException e = invalid("  \n");

    assertThat(e.where()).isEqualTo("$");
    assertThat(e.getMessage()).contains("an empty body where a JSON array of CVMs belongs");
  }

  @Test
  void theMessageDoesNotPassOnGsonsAdviceToParseLeniently() {
    PhalaInvalidDataException e = invalid("[{name: \"unquoted\"}]");

    assertThat(e.where()).startsWith("$[0]");
    assertThat(e.getMessage())
        .contains("malformed JSON")
        .doesNotContain("Strictness", "Lenient", "LENIENT");
  }

  @Test
  void aNullBodyIsRefused() {
    PhalaInvalidDataException e = invalid("null");

    assertThat(e.getMessage()).contains("null where a JSON array of CVMs belongs");
  }

  @Test
  void theSnippetOfAHugeBrokenBodyIsBoundedAndShowsWhereItBroke() {
    String cvms = "{\"name\":\"padding\"},".repeat(50_000);
    PhalaInvalidDataException e = invalid("[" + cvms + "{\"name\":\"last\" BROKEN}]");

    assertThat(e.where()).startsWith("$[50000]");
    assertThat(e.snippet()).startsWith("...").contains("BROKEN");
    assertThat(e.getMessage()).hasSizeLessThan(1_000);
  }
}
