package com.phala.cloud.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on 127.0.0.1 written on a bare socket, for what a real server never does on
 * purpose: send half a body and drop the connection, or answer with a line made of the request's
 * own headers. Each connection is answered on its own thread, once, then closed.
 */
public final class RawServer implements AutoCloseable {
  /** Writes the raw answer to one request. */
  public interface Script {
    /**
     * Answers request number {@code number} (from 1), whose head (request line and headers) is
     * {@code head}.
     */
    void answer(int number, String head, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicInteger requests = new AtomicInteger();

  /** Starts serving {@code script}. */
  public RawServer(Script script) {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket connection = socket.accept();
                  Thread answering =
                      new Thread(() -> answer(connection, script), "raw-server-connection");
                  answering.setDaemon(true);
                  answering.start();
                } catch (IOException closed) {
                  // The server was closed.
                }
              }
            },
            "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void answer(Socket connection, Script script) {
    try (connection) {
      String head = readHead(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      script.answer(requests.incrementAndGet(), head, out);
      out.flush();
    } catch (IOException clientGone) {
      // The client went away (it timed out or was cancelled): nothing more to answer.
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A complete response with this status line tail (such as {@code "200 OK"}), JSON type and body.
   */
  public static byte[] response(String status, byte[] body) {
    String head =
        "HTTP/1.1 "
            + status
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** The API prefix to configure the client with. */
  public String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/api/v1";
  }

  /** Requests received so far. */
  public int requests() {
    return requests.get();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
      acceptor.join(2_000);
    } catch (IOException | InterruptedException ignored) {
      // Closing a test server: nothing to do.
    }
  }
}
