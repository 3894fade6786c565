package dev.flowexec.sdk.retrofit;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The transport's application interceptor, innermost of them: {@link WireRequests} keeps every
 * request on the wire an attempt, {@link BodyLimits} bounds the response's body, and an unchecked
 * exception thrown inside OkHttp becomes an {@link IOException}, so that it reaches the caller as a
 * {@link dev.flowexec.sdk.errors.TransportException} like any other failed exchange (OkHttp 4.12
 * parses {@code Retry-After} with {@code Integer.valueOf} when it decides whether to follow up a
 * 503, and a value beyond the int range escapes as a {@link NumberFormatException}). One
 * interceptor rather than three: OkHttp copies its chain for each interceptor of each call. Not
 * public API.
 */
final class TransportInterceptor implements Interceptor {
  private final WireRequests wire;
  private final BodyLimits limits;

  /**
   * Creates the interceptor.
   *
   * @param wire the call side of {@link WireRequests}; its {@link WireRequests#network()} must be
   *     the first network interceptor
   * @param limits the body limits
   */
  public TransportInterceptor(WireRequests wire, BodyLimits limits) {
    this.wire = wire;
    this.limits = limits;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    try {
      return limits.bound(wire.proceed(chain), chain.call());
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
