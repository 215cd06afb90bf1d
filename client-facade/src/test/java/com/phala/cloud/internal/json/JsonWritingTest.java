package com.phala.cloud.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writing trees back out: the same JSON, compact, numbers exactly as read, nulls kept, no HTML
 * escaping.
 */
class JsonWritingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1769815500123,\"b\":1.50,\"c\":1e400,\"d\":-0,\"e\":123456789012345678901234567890}",
        "{\"n\":null,\"t\":true,\"f\":false,\"s\":\"\",\"a\":[],\"o\":{}}",
        "[1,[2,[3,{\"x\":[null]}]]]",
        "{\"html\":\"<script>&'</script>\",\"unicode\":\"\u00e9\u4e2d\ud83d\ude80\"}",
      })
  void writesCompactJsonBackExactlyAsRead(String json) throws IOException {
    assertThat(JsonWriting.toJson(read(json))).isEqualTo(json);
  }

  @Test
  void escapesWhatJsonRequires() throws IOException {
    String json = "{\"s\":\"quote \\\" backslash \\\\ newline \\n tab \\t nul \\u0000\"}";

    assertThat(read(JsonWriting.toJson(read(json)))).isEqualTo(read(json));
  }

  @Test
  void writesPlainJavaValuesToo() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("n", null);
    map.put("i", 3);
    map.put("l", Arrays.asList("x", true));

    assertThat(JsonWriting.toJson(map)).isEqualTo("{\"n\":null,\"i\":3,\"l\":[\"x\",true]}");
  }

  @Test
  void aTreesToStringIsItsJson() throws IOException {
    Object tree = read("{\"a\":[1.0,\"b\"]}");

    assertThat(tree).hasToString("{\"a\":[1.0,\"b\"]}");
    assertThat(((JsonObjectNode) tree).get("a")).hasToString("[1.0,\"b\"]");
  }

  private static Object read(String json) throws IOException {
    return JsonTreeReader.readValue(JsonTreeReader.strictReader(new StringReader(json)));
  }
}
