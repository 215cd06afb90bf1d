package com.phala.cloud.internal.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sets the headers every request carries: {@code User-Agent} and {@code Accept: application/json}.
 */
public final class StaticHeadersInterceptor implements Interceptor {
  private final String userAgent;

  /** Sends {@code userAgent} on every request. */
  public StaticHeadersInterceptor(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(
        chain
            .request()
            .newBuilder()
            .header("User-Agent", userAgent)
            .header("Accept", "application/json")
            .build());
  }
}
