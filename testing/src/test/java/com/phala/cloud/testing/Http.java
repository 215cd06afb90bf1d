package com.phala.cloud.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

/** Raw requests to a fake, with exactly the headers a test gives. */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}

  static HttpResponse<String> get(FakePhalaCloud fake, String pathAndQuery, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + pathAndQuery));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return CLIENT.send(request.build(), BodyHandlers.ofString());
  }

  static HttpResponse<String> list(FakePhalaCloud fake, String... headers) throws Exception {
    String[] all = new String[headers.length + 2];
    all[0] = "X-API-Key";
    all[1] = FakePhalaCloud.API_KEY;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return get(fake, "/cvms", all);
  }
}
