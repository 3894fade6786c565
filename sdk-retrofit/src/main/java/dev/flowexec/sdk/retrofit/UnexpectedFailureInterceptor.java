package dev.flowexec.sdk.retrofit;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Turns an unchecked exception thrown inside OkHttp into an {@link IOException}, so that it reaches
 * the caller as a {@link dev.flowexec.sdk.errors.TransportException} like any other failed
 * exchange. OkHttp 4.12 parses {@code Retry-After} with {@code Integer.valueOf} when it decides
 * whether to follow up a 503, and a value beyond the int range escapes as a {@link
 * NumberFormatException}. Not public API.
 */
final class UnexpectedFailureInterceptor implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    try {
      return chain.proceed(chain.request());
    } catch (RuntimeException unexpected) {
      throw new IOException(
          "the HTTP client failed unexpectedly on the response ("
              + unexpected.getClass().getSimpleName()
              + ": "
              + unexpected.getMessage()
              + ")",
          unexpected);
    }
  }
}
