package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStream;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Listings read UTF-8 bodies as bytes and any other declared charset through OkHttp's decoder, so a
 * name with non-ASCII letters arrives intact either way.
 */
class ResponseCharsetTest {
  private static final String NAME = "caf\u00e9-\u00fcber";

  private HttpServer server;
  private volatile String contentType;
  private volatile byte[] body;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/cvms",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json                           | UTF-8",
        "application/json; charset=utf-8            | UTF-8",
        "application/json;charset=UTF-8             | UTF-8",
        "application/json; charset=ISO-8859-1       | ISO-8859-1",
        "application/json; charset=windows-1252     | windows-1252",
        "application/json; charset=UTF-16BE         | UTF-16BE"
      })
  void namesArriveIntactWhateverTheDeclaredCharset(String type, String charset) {
    contentType = type;
    body =
        ("[{\"hosted\":{\"id\":\"5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d\",\"name\":\""
                + NAME
                + "\",\"status\":\"running\"},"
                + "\"name\":\""
                + NAME
                + "\",\"status\":\"running\",\"public_urls\":[]}]")
            .getBytes(Charset.forName(charset));
    try (PhalaCloud client = client()) {
      CvmList list = client.cvms().list(CvmShape.LEGACY);
      assertThat(list).extracting(Cvm::name).containsExactly(NAME);
      assertThat(list.get(0).hosted().name()).isEqualTo(NAME);
      List<String> streamed = new ArrayList<>();
      try (CvmStream cvms = client.cvms().stream(CvmShape.LEGACY)) {
        cvms.forEach(cvm -> streamed.add(cvm.name()));
      }
      assertThat(streamed).containsExactly(NAME);
    }
  }

  @ParameterizedTest
  @CsvSource({"application/json", "application/json; charset=utf-8"})
  void aUtf8ByteOrderMarkIsSkipped(String type) {
    contentType = type;
    byte[] json = ("[{\"name\":\"" + NAME + "\"}]").getBytes(StandardCharsets.UTF_8);
    body = new byte[json.length + 3];
    body[0] = (byte) 0xEF;
    body[1] = (byte) 0xBB;
    body[2] = (byte) 0xBF;
    System.arraycopy(json, 0, body, 3, json.length);
    try (PhalaCloud client = client()) {
      assertThat(client.cvms().list(CvmShape.LEGACY)).extracting(Cvm::name).containsExactly(NAME);
    }
  }

  private PhalaCloud client() {
    return PhalaCloud.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1")
        .apiKey("test-key")
        .maxRetries(0)
        .build();
  }
}
