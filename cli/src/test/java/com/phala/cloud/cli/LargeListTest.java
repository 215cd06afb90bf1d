package com.phala.cloud.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.phala.cloud.cli.sandbox.Sandbox;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real main class in a child JVM: a list far larger than its heap passes through in JSON, and
 * exit codes reach the shell.
 */
class LargeListTest {
  private static final int COUNT = 100_000;
  private static final String KEY = "phak_childProcessKey";

  @TempDir Path temp;

  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    JsonObject template =
        JsonParser.parseString(
                new String(Sandbox.example("cvms-full.json"), StandardCharsets.UTF_8))
            .getAsJsonArray()
            .get(0)
            .getAsJsonObject();
    template.addProperty("name", "\u0000NAME\u0000");
    String[] parts = template.toString().split("\\\\u0000NAME\\\\u0000", -1);
    assertThat(parts).hasSize(2);
    String before = parts[0];
    String after = parts[1];

    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/cvms",
        exchange -> {
          if (!KEY.equals(exchange.getRequestHeaders().getFirst("X-API-Key"))) {
            byte[] body = "{\"detail\":\"Not authenticated\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Request-ID", "req_child401");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 0); // chunked: the body is generated as it is sent
          try (Writer out =
              new BufferedWriter(
                  new OutputStreamWriter(exchange.getResponseBody(), StandardCharsets.UTF_8),
                  1 << 16)) {
            out.write('[');
            for (int i = 1; i <= COUNT; i++) {
              if (i > 1) {
                out.write(',');
              }
              out.write(before);
              out.write(name(i));
              out.write(after);
            }
            out.write(']');
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static String name(int i) {
    return String.format("cvm-%06d", i);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1";
  }

  private Process start(Path stdout, Path stderr, String... args) throws IOException {
    return startWithHeap("-Xmx64m", stdout, stderr, args);
  }

  private Process startWithHeap(String heap, Path stdout, Path stderr, String... args)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                PhalaCvms.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PHALA_"));
    return builder.start();
  }

  private static int await(Process process) throws InterruptedException {
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("The child JVM did not finish within 90 s");
    }
    return process.exitValue();
  }

  @Test
  void aHundredThousandCvmsPassThroughInJsonUnderA64MegabyteHeap() throws Exception {
    Path stdout = temp.resolve("out.json");
    Path stderr = temp.resolve("err.txt");

    Process process =
        start(
            stdout,
            stderr,
            "list",
            "--base-url",
            baseUrl(),
            "--api-key",
            KEY,
            "-o",
            "json",
            "--max-retries",
            "0");
    int code = await(process);

    assertThat(code).as(Files.readString(stderr)).isZero();
    assertThat(Files.readString(stderr)).isEmpty();
    assertThat(Files.size(stdout)).isGreaterThan(100L * COUNT);

    // One CVM per line...
    long lines;
    try (BufferedReader reader = Files.newBufferedReader(stdout)) {
      lines = reader.lines().filter(line -> line.startsWith("{\"hosted\"")).count();
    }
    assertThat(lines).isEqualTo(COUNT);

    // ...and the whole file is one JSON array of the CVMs, in order.
    int count = 0;
    String first = null;
    String last = null;
    try (JsonReader json = new JsonReader(Files.newBufferedReader(stdout))) {
      json.beginArray();
      while (json.hasNext()) {
        json.beginObject();
        String name = null;
        while (json.hasNext()) {
          if (json.nextName().equals("name")) {
            name = json.nextString();
          } else {
            json.skipValue();
          }
        }
        json.endObject();
        count++;
        if (first == null) {
          first = name;
        }
        last = name;
      }
      json.endArray();
      assertThat(json.peek()).isEqualTo(JsonToken.END_DOCUMENT);
    }
    assertThat(count).isEqualTo(COUNT);
    assertThat(first).isEqualTo(name(1));
    assertThat(last).isEqualTo(name(COUNT));
  }

  /**
   * The formats that hold every row until the end (wide and the table, to size the columns;
   * --sort-by, to sort) hold only the rows' cells, packed: a hundred thousand CVMs fit in 64 MB.
   */
  @ParameterizedTest
  @ValueSource(strings = {"wide", "csv --sort-by name"})
  void aHundredThousandCvmsFitA64MegabyteHeapInTheFormatsThatHoldEveryRow(String format)
      throws Exception {
    Path stdout = temp.resolve("out.txt");
    Path stderr = temp.resolve("err.txt");
    List<String> args =
        new ArrayList<>(
            List.of("list", "--base-url", baseUrl(), "--api-key", KEY, "--max-retries", "0", "-o"));
    args.addAll(List.of(format.split(" ")));

    int code = await(start(stdout, stderr, args.toArray(String[]::new)));

    assertThat(code).as(Files.readString(stderr)).isZero();
    assertThat(Files.readString(stderr)).isEmpty();
    try (BufferedReader reader = Files.newBufferedReader(stdout)) {
      assertThat(reader.lines().count()).isEqualTo(COUNT + 1);
    }
    try (BufferedReader reader = Files.newBufferedReader(stdout)) {
      assertThat(reader.lines().skip(1).findFirst())
          .hasValueSatisfying(line -> assertThat(line).startsWith(name(1)));
    }
  }

  /**
   * Past what the heap can hold, the command stops at the budget it set up front (the heap but a
   * reserve) and says what to do, before the JVM runs out of memory.
   */
  @Test
  void aListTooLargeToSortInTheHeapExits4SayingWhatToDo() throws Exception {
    Path stdout = temp.resolve("out.txt");
    Path stderr = temp.resolve("err.txt");

    int code =
        await(
            startWithHeap(
                "-Xmx16m",
                stdout,
                stderr,
                "list",
                "--base-url",
                baseUrl(),
                "--api-key",
                KEY,
                "--max-retries",
                "0",
                "--sort-by",
                "name"));

    String err = Files.readString(stderr);
    assertThat(code).as(err).isEqualTo(ExitCodes.API);
    assertThat(err)
        .startsWith("phala-cvms: the list is too large to hold for the table or --sort-by")
        .contains("-o json", "PHALA_CVMS_JAVA_OPTS=-Xmx")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void theRealMainExitsWithTheCodeAndPrintsTheErrorOnStderr() throws Exception {
    Path stdout = temp.resolve("out.txt");
    Path stderr = temp.resolve("err.txt");

    Process process =
        start(
            stdout,
            stderr,
            "list",
            "--base-url",
            baseUrl(),
            "--api-key",
            "phak_wrong-key-for-child",
            "--verbose");
    int code = await(process);

    String err = Files.readString(stderr);
    assertThat(code).as(err).isEqualTo(ExitCodes.AUTH);
    assertThat(Files.readString(stdout)).isEmpty();
    assertThat(err)
        .contains("phala-cvms: ", "401", "Not authenticated", "req_child401")
        .containsPattern("GET http://127\\.0\\.0\\.1:\\d+/api/v1/cvms -> 401")
        .doesNotContain("phak_wrong-key-for-child");
  }

  @Test
  void theRealMainExitsWith2OnUsageErrors() throws Exception {
    Path stdout = temp.resolve("out.txt");
    Path stderr = temp.resolve("err.txt");

    int code = await(start(stdout, stderr, "list", "--no-such-option"));

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(Files.readString(stderr)).contains("--no-such-option");
  }
}
