package com.phala.cloud.internal.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the credential to each request that goes to the configured API origin, and to no other.
 *
 * <p>It runs as a network interceptor, so it sees every hop of a redirect: a redirect to another
 * host, port or scheme goes out without the credential. (OkHttp itself drops {@code Authorization}
 * across hosts but would forward {@code X-API-Key}.) Plain http carries it only to loopback.
 */
public final class AuthInterceptor implements Interceptor {
  private final Credential credential;
  private final HttpUrl origin;

  /** Sends {@code credential} only to the scheme, host and port of {@code origin}. */
  public AuthInterceptor(Credential credential, HttpUrl origin) {
    this.credential = credential;
    this.origin = origin;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    boolean sameOrigin =
        url.scheme().equals(origin.scheme())
            && url.host().equalsIgnoreCase(origin.host())
            && url.port() == origin.port();
    boolean safeTransport = url.isHttps() || Loopback.isLoopback(url.host());
    Request.Builder out =
        request.newBuilder().removeHeader("X-API-Key").removeHeader("Authorization");
    if (sameOrigin && safeTransport) {
      out.header(credential.headerName(), credential.headerValue());
    }
    return chain.proceed(out.build());
  }
}
