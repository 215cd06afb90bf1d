package com.phala.cloud.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.phala.cloud.cli.sandbox.Sandbox;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A WireMock stand-in of the API on 127.0.0.1, one per test class, reset before each test. */
abstract class ApiServer {
  static final String CVMS = "/api/v1/cvms";

  static WireMockServer api;

  @BeforeAll
  static void startServer() {
    api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    api.start();
  }

  @AfterAll
  static void stopServer() {
    api.stop();
  }

  @BeforeEach
  void resetServer() {
    api.resetAll();
  }

  static String baseUrl() {
    return "http://127.0.0.1:" + api.port() + "/api/v1";
  }

  /** Serves {@code body} as the 200 JSON answer of GET /api/v1/cvms. */
  static void serve(String body) {
    api.stubFor(get(urlPathEqualTo(CVMS)).willReturn(json(200, body)));
  }

  static void serveExample(String name) {
    serve(example(name));
  }

  static String example(String name) {
    return new String(Sandbox.example(name), StandardCharsets.UTF_8);
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static List<ServeEvent> requests() {
    return api.getAllServeEvents();
  }
}
