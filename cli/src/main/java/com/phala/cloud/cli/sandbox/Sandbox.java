package com.phala.cloud.cli.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A stand-in of the Phala Cloud API on loopback, for trying the command with no account. It serves
 * the contract's full example ({@code openapi/examples/cvms-full.json}, packaged in the client) at
 * {@code GET /api/v1/cvms}, and checks credentials as the real API does: without the sandbox's key
 * ({@value #API_KEY}, as {@code X-API-Key} or a bearer token) it answers 401.
 */
public final class Sandbox implements AutoCloseable {
  /** The one credential the sandbox accepts. */
  public static final String API_KEY = "phak_sandbox";

  /** Where the contract's examples are on the classpath. */
  public static final String EXAMPLES = "/META-INF/phala-cloud/openapi/examples/";

  private static final String PATH = "/api/v1/cvms";

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
    byte[] cvms = example("cvms-full.json");
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .atPriority(10)
            .willReturn(
                json(
                    401,
                    "{\"detail\":\"Not authenticated\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .atPriority(1)
            .withHeader("X-API-Key", equalTo(API_KEY))
            .willReturn(json(200, cvms)));
    server.stubFor(
        get(urlPathEqualTo(PATH))
            .atPriority(1)
            .withHeader("Authorization", equalTo("Bearer " + API_KEY))
            .willReturn(json(200, cvms)));
    return new Sandbox(server);
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
