package com.phala.cloud.cli.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.phala.cloud.cvm.ApiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stand-in of the Phala Cloud API on loopback, for trying the command with no account. At {@code
 * GET /api/v1/cvms} it serves the contract's full example of the shape the request's {@code
 * X-Phala-Version} asks for (packaged in the client): {@code openapi/examples/cvms-full.json} for
 * 2025-10-28 or no header, {@code cvminfos-full.json} for the later versions, and a FastAPI-style
 * 422 for a version the contract does not list. It checks credentials first, as the real API does:
 * without the sandbox's key ({@value #API_KEY}, as {@code X-API-Key} or a bearer token) it answers
 * 401.
 */
public final class Sandbox implements AutoCloseable {
  /** The one credential the sandbox accepts. */
  public static final String API_KEY = "phak_sandbox";

  /** Where the contract's examples are on the classpath. */
  public static final String EXAMPLES = "/META-INF/phala-cloud/openapi/examples/";

  private static final String PATH = "/api/v1/cvms";

  private static final String VERSION = "X-Phala-Version";

  private final WireMockServer server;

  private Sandbox(WireMockServer server) {
    this.server = server;
  }

  /** Starts a sandbox on 127.0.0.1 on a free port. */
  public static Sandbox start() {
    WireMockServer server =
        new WireMockServer(
            options().bindAddress("127.0.0.1").dynamicPort().notifier(new Slf4jNotifier(false)));
    server.start();
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .atPriority(10)
            .willReturn(json(401, utf8("{\"detail\":\"Not authenticated\"}"))));
    byte[] legacy = example("cvms-full.json");
    byte[] current = example("cvminfos-full.json");
    String later =
        Arrays.stream(ApiVersion.values())
            .filter(version -> version != ApiVersion.V2025_10_28)
            .map(version -> Pattern.quote(version.value()))
            .collect(Collectors.joining("|"));
    String[][] credentials = {{"X-API-Key", API_KEY}, {"Authorization", "Bearer " + API_KEY}};
    for (String[] credential : credentials) {
      // The shape the version asks for; a version the API does not know is a 422, as FastAPI does.
      server.stubFor(
          authorized(credential)
              .withHeader(VERSION, absent())
              .atPriority(1)
              .willReturn(json(200, legacy)));
      server.stubFor(
          authorized(credential)
              .withHeader(VERSION, equalTo(ApiVersion.V2025_10_28.value()))
              .atPriority(1)
              .willReturn(json(200, legacy)));
      server.stubFor(
          authorized(credential)
              .withHeader(VERSION, matching(later))
              .atPriority(1)
              .willReturn(json(200, current)));
      server.stubFor(
          authorized(credential).atPriority(5).willReturn(json(422, utf8(unknownVersion()))));
    }
    return new Sandbox(server);
  }

  /** A GET of the list that carries {@code credential}: a header's name and value. */
  private static MappingBuilder authorized(String[] credential) {
    return get(urlPathEqualTo(PATH)).withHeader(credential[0], equalTo(credential[1]));
  }

  /** FastAPI's answer to a header value outside the enum it declares. */
  private static String unknownVersion() {
    String known =
        Arrays.stream(ApiVersion.values())
            .map(version -> "'" + version.value() + "'")
            .collect(Collectors.joining(", "));
    return "{\"detail\":[{\"type\":\"enum\",\"loc\":[\"header\",\"x-phala-version\"],"
        + "\"msg\":\"Input should be "
        + known
        + "\"}]}";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, byte[] body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("X-Request-ID", "sandbox")
        .withBody(body);
  }

  /** The bytes of one of the contract's examples. */
  public static byte[] example(String name) {
    try (InputStream in = Sandbox.class.getResourceAsStream(EXAMPLES + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "The contract example " + name + " is not on the classpath.");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API prefix to point a client at. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/v1";
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop();
  }
}
