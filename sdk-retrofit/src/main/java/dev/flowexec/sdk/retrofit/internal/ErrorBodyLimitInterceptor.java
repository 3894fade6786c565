package dev.flowexec.sdk.retrofit.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads at most {@link #LIMIT} + 1 bytes of a failed response's body and closes the rest unread,
 * so a 5 MB HTML page from a proxy costs 64 KiB, not 5 MB (Retrofit buffers error bodies whole).
 * A replacement body longer than {@link #LIMIT} tells the reader the body was cut. A body that
 * breaks off (a connection reset, a {@code Content-Length} longer than what came) keeps what
 * arrived: the status still says what happened. The {@code Content-Length} header keeps the
 * declared size. Not public API.
 */
public final class ErrorBodyLimitInterceptor implements Interceptor {
  /** The most bytes of an error body that are read: 64 KiB. */
  public static final int LIMIT = 64 * 1024;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody original = response.body();
    if (response.isSuccessful() || original == null) {
      return response;
    }
    Buffer head = new Buffer();
    try (ResponseBody closing = original) {
      BufferedSource source = closing.source();
      while (head.size() <= LIMIT && source.read(head, LIMIT + 1 - head.size()) != -1) {
        // keep reading until the limit or the end
      }
    } catch (IOException cutShort) {
      // Keep what arrived; the status maps the failure.
    }
    return response.newBuilder()
        .body(ResponseBody.create(head, original.contentType(), head.size()))
        .build();
  }
}
