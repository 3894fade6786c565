package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.transport.ErrorResponse;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Bounds what a response body may cost, counted after gzip decoding (so a gzip bomb is bounded
 * too). A failed response's body ends after {@link #LIMIT} + 1 bytes (Retrofit buffers error bodies
 * whole), so a 5 MB HTML page from a proxy costs 64 KiB; a body longer than {@link #LIMIT} tells
 * the reader it was cut, and a body that breaks off ends where it broke: the status still says what
 * happened. A successful response's body streams, but a declared {@code Content-Length} over {@code
 * maxSuccessBytes}, or reading past it, fails with {@link ResponseTooLargeException}. Either way
 * the rest of an over-limit body is abandoned, not drained: the call is cancelled (after OkHttp
 * returned its response), which closes the connection instead of reading the remainder off the
 * socket to reuse it. Applied by {@link TransportInterceptor} to the response of each call. Not
 * public API.
 */
final class BodyLimits {
  /**
   * The most bytes of an error body that are read: sdk-core's {@link ErrorResponse#MAX_BODY_BYTES}.
   */
  static final int LIMIT = ErrorResponse.MAX_BODY_BYTES;

  private final long maxSuccessBytes;

  /**
   * Creates the limits.
   *
   * @param maxSuccessBytes the most bytes of a successful response's body that may be read
   */
  public BodyLimits(long maxSuccessBytes) {
    this.maxSuccessBytes = maxSuccessBytes;
  }

  /**
   * Returns the response with its body bounded.
   *
   * @param response the response of {@code call}
   * @param call the call, cancelled to abandon an over-limit body
   * @return the response, or a copy with a bounded body
   */
  public Response bound(Response response, Call call) {
    ResponseBody original = response.body();
    if (original == null) {
      return response;
    }
    boolean success = response.isSuccessful();
    long declared = original.contentLength();
    if (success && declared >= 0 && declared <= maxSuccessBytes) {
      // OkHttp reads exactly the declared length (and drops the header when it decodes gzip, so
      // a decoded body is never here): it cannot exceed the limit, and wrapping it would cost
      // about 400 B per launch for nothing.
      return response;
    }
    return response
        .newBuilder()
        .body(new LimitedBody(original, success ? maxSuccessBytes : LIMIT, !success, call))
        .build();
  }

  /**
   * A body that stops at its limit: with end-of-stream after one byte more ({@code cut}), or with
   * {@link ResponseTooLargeException}.
   */
  private static final class LimitedBody extends ResponseBody {
    private final ResponseBody delegate;
    private final long limit;
    private final boolean cut;
    private final Call call;
    private final BufferedSource source;
    private boolean abandoned;

    LimitedBody(ResponseBody delegate, long limit, boolean cut, Call call) {
      this.delegate = delegate;
      this.limit = limit;
      this.cut = cut;
      this.call = call;
      this.source = Okio.buffer(new Counting(delegate.source()));
    }

    @Override
    public MediaType contentType() {
      return delegate.contentType();
    }

    @Override
    public long contentLength() {
      return cut ? -1 : delegate.contentLength();
    }

    @Override
    public BufferedSource source() {
      return source;
    }

    @Override
    public void close() {
      if (abandoned) {
        call.cancel(); // closing would read the rest off the socket to reuse the connection
      }
      super.close();
    }

    private final class Counting extends ForwardingSource {
      private long read;
      private boolean ended;

      Counting(Source delegate) {
        super(delegate);
      }

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        if (ended) {
          return -1;
        }
        long declared = delegate.contentLength();
        if (!cut && declared > limit) {
          throw tooLarge("declares " + declared + " bytes");
        }
        long n;
        try {
          n = super.read(sink, Math.min(byteCount, limit + 1 - read));
        } catch (IOException brokenOff) {
          if (!cut) {
            throw brokenOff;
          }
          ended = true; // keep what arrived
          return -1;
        }
        if (n > 0) {
          read += n;
          if (read > limit) {
            if (!cut) {
              throw tooLarge("went on past " + limit + " bytes");
            }
            abandoned = true;
            ended = true;
          }
        }
        return n;
      }

      private ResponseTooLargeException tooLarge(String what) {
        abandoned = true;
        call.cancel();
        return new ResponseTooLargeException(what, limit);
      }
    }
  }
}
