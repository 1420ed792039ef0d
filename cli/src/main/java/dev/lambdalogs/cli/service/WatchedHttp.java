package dev.lambdalogs.cli.service;

import dev.lambdalogs.cli.failure.Unreachable;
import java.io.IOException;
import java.net.URI;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The SDK clients' HTTP client, with each host's connection failures watched (see {@link
 * Unreachable}).
 */
final class WatchedHttp implements SdkHttpClient {
  private final SdkHttpClient http;
  private final Unreachable.Watch watch;

  WatchedHttp(SdkHttpClient http, Unreachable.Watch watch) {
    this.http = http;
    this.watch = watch;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    ExecutableHttpRequest call = http.prepareRequest(request);
    URI uri = request.httpRequest().getUri();
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        try {
          HttpExecuteResponse response = call.call();
          watch.reached(uri);
          return response;
        } catch (IOException e) {
          throw watch.failed(uri, e);
        }
      }

      @Override
      public void abort() {
        call.abort();
      }
    };
  }

  @Override
  public String clientName() {
    return http.clientName();
  }

  @Override
  public void close() {
    http.close();
  }
}
