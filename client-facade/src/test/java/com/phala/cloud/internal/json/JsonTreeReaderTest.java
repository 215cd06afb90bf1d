package com.phala.cloud.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass tree reader: plain Java values, numbers as their exact text, members in wire order.
 */
class JsonTreeReaderTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1769815500123",
        "1.50",
        "1e400",
        "1E+2",
        "-0",
        "123456789012345678901234567890",
        "-12.3400",
        "0.000000000000000000000000000001",
        "9223372036854775808"
      })
  void keepsANumberAsItsExactText(String literal) throws IOException {
    Object value = read(literal);

    assertThat(value).isInstanceOf(JsonNumber.class).hasToString(literal);
  }

  @Test
  void readsEachKindOfValueAsPlainJava() throws IOException {
    Object value =
        read(
            "{\"s\":\"text\",\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"x\"],\"o\":{\"k\":\"v\"}}");

    assertThat(value).isInstanceOf(JsonObjectNode.class);
    JsonObjectNode object = (JsonObjectNode) value;
    assertThat(object.get("s")).isEqualTo("text");
    assertThat(object.get("t")).isEqualTo(true);
    assertThat(object.get("f")).isEqualTo(false);
    assertThat(object.containsKey("n")).isTrue();
    assertThat(object.get("n")).isNull();
    assertThat(object.get("a"))
        .isInstanceOf(JsonArrayNode.class)
        .isEqualTo(List.of(new JsonNumber("1"), "x"));
    assertThat(object.get("o")).isInstanceOf(JsonObjectNode.class).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void keepsMembersInWireOrder() throws IOException {
    JsonObjectNode object = (JsonObjectNode) read("{\"z\":1,\"a\":2,\"m\":3}");

    assertThat(object.keySet()).containsExactly("z", "a", "m");
    assertThat(object.keyAt(0)).isEqualTo("z");
    assertThat(object.valueAt(2)).hasToString("3");
  }

  @Test
  void aRepeatedMemberKeepsTheLastValueInTheFirstPlace() throws IOException {
    JsonObjectNode object = (JsonObjectNode) read("{\"a\":1,\"b\":2,\"a\":3}");

    assertThat(object.keySet()).containsExactly("a", "b");
    assertThat(object.get("a")).hasToString("3");
  }

  @Test
  void readsObjectsWithManyMembers() throws IOException {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 100; i++) {
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    JsonObjectNode object = (JsonObjectNode) read(json.append("}").toString());

    assertThat(object).hasSize(100);
    assertThat(object.get("k99")).hasToString("99");
  }

  @Test
  void theTreeIsReadOnly() throws IOException {
    JsonObjectNode object = (JsonObjectNode) read("{\"a\":[1]}");

    assertThatThrownBy(() -> object.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> object.entrySet().iterator().next().setValue(2))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((JsonArrayNode) object.get("a")).add(2))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void anObjectEqualsAMapWithTheSameMembersInAnyOrder() throws IOException {
    assertThat(read("{\"a\":\"x\",\"b\":true}"))
        .isEqualTo(Map.of("b", true, "a", "x"))
        .hasSameHashCodeAs(Map.of("b", true, "a", "x"));
  }

  @Test
  void nestingBeyondTheLimitIsRefused() {
    String deep =
        "[".repeat(JsonTreeReader.MAX_NESTING + 1) + "]".repeat(JsonTreeReader.MAX_NESTING + 1);

    assertThatThrownBy(() -> read(deep)).isInstanceOf(IOException.class);
  }

  @Test
  void nestingUpToTheLimitIsRead() throws IOException {
    String deep = "[".repeat(JsonTreeReader.MAX_NESTING) + "]".repeat(JsonTreeReader.MAX_NESTING);

    assertThat(read(deep)).isInstanceOf(JsonArrayNode.class);
  }

  private static Object read(String json) throws IOException {
    return JsonTreeReader.readValue(JsonTreeReader.strictReader(new StringReader(json)));
  }
}
