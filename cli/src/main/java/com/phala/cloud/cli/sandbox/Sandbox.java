package com.phala.cloud.cli.sandbox;

import com.phala.cloud.testing.FakePhalaCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A stand-in of the Phala Cloud API on loopback, for trying the command with no account: the
 * testing kit's {@link FakePhalaCloud}, the same fake the teams' tests use. At {@code GET
 * /api/v1/cvms} it serves the contract's full example of the shape the request's {@code
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

  /**
   * The request id of every answer: shaped like the API's ({@code req_} and hex), and sharing no
   * piece with {@link #API_KEY}, which the command masks wherever it appears.
   */
  public static final String REQUEST_ID = "req_5a4db0c5e2f1";

  private final FakePhalaCloud fake;

  private Sandbox(FakePhalaCloud fake) {
    this.fake = fake;
  }

  /** Starts a sandbox on 127.0.0.1 on a free port. */
  public static Sandbox start() {
    return new Sandbox(FakePhalaCloud.builder().acceptOnly(API_KEY).requestId(REQUEST_ID).start());
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
    return fake.baseUrl();
  }

  /** Stops the server. */
  @Override
  public void close() {
    fake.close();
  }
}
