package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.auth.TokenEndpoint;
import dev.flowexec.sdk.auth.TokenHttpResponse;
import dev.flowexec.sdk.auth.TokenRequest;
import dev.flowexec.sdk.transport.SdkVersion;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * A {@link TokenEndpoint} on OkHttp: the transport's own client (its pool, dispatcher and
 * timeouts), without following redirects, since a redirected {@code POST} would lose its body and
 * credentials. Not public API.
 */
final class OkHttpTokenEndpoint implements TokenEndpoint {
  private static final MediaType FORM = MediaType.get(TokenRequest.FORM_CONTENT_TYPE);

  private final OkHttpClient http;

  /**
   * Creates the endpoint.
   *
   * @param http the transport's client
   */
  public OkHttpTokenEndpoint(OkHttpClient http) {
    this.http = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
  }

  @Override
  public TokenHttpResponse post(TokenRequest request, Duration timeout) {
    try (Response response = newCall(request, timeout).execute()) {
      return read(response);
    } catch (IOException failure) {
      throw TransportFailures.of(action(request), failure, timeout.toMillis());
    }
  }

  @Override
  public CompletableFuture<TokenHttpResponse> postAsync(TokenRequest request, Duration timeout) {
    CompletableFuture<TokenHttpResponse> result = new CompletableFuture<>();
    newCall(request, timeout)
        .enqueue(
            new Callback() {
              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  result.complete(read(response));
                } catch (IOException failure) {
                  result.completeExceptionally(
                      TransportFailures.of(action(request), failure, timeout.toMillis()));
                } catch (RuntimeException failure) {
                  result.completeExceptionally(failure);
                }
              }

              @Override
              public void onFailure(Call call, IOException failure) {
                result.completeExceptionally(
                    TransportFailures.of(action(request), failure, timeout.toMillis()));
              }
            });
    return result;
  }

  private Call newCall(TokenRequest request, Duration timeout) {
    Request.Builder builder =
        new Request.Builder()
            .url(request.uri().toString())
            .post(RequestBody.create(request.bodyBytes(), FORM))
            .header("User-Agent", SdkVersion.userAgent());
    request.headers().forEach(builder::header);
    Call call = http.newCall(builder.build());
    call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return call;
  }

  private static TokenHttpResponse read(Response response) throws IOException {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : response.headers().names()) {
      headers.put(name, String.join(", ", response.headers(name)));
    }
    byte[] body = new byte[0];
    ResponseBody responseBody = response.body();
    if (responseBody != null) {
      BufferedSource source = responseBody.source();
      source.request(MAX_BODY_BYTES);
      body = source.getBuffer().readByteArray(Math.min(source.getBuffer().size(), MAX_BODY_BYTES));
    }
    return TokenHttpResponse.of(response.code(), headers, body);
  }

  private static String action(TokenRequest request) {
    return "fetching an access token from " + request.uri();
  }

  @Override
  public String toString() {
    return "OkHttpTokenEndpoint";
  }
}
