package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.ErrorBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;

/**
 * The contract's JSON, for anyone writing their own transport (on {@code java.net.http.HttpClient},
 * say): the same hand-written Moshi adapters {@link RetrofitTransport} uses, with no reflection.
 *
 * <p>Reading follows the contract: unknown fields are ignored, unknown statuses and channels are
 * kept, {@code null} means absent, and timestamps are RFC 3339 with {@code Z} or an offset. A body
 * without a required field ({@code flow_execution_id}, {@code flow_id}, {@code status}, {@code
 * created_at}), or one that is not JSON, raises a {@link dev.flowexec.sdk.errors.FlowApiException}
 * with {@link #MALFORMED_RESPONSE} as its {@code errorCode()} and a message naming what is wrong.
 *
 * <p>JSON values in {@code input_data} and {@code output_data}: writing takes {@code null}, String,
 * Boolean, Number (written as its {@code toString()}, so a {@link java.math.BigDecimal} keeps every
 * digit), List and Map. Reading gives {@code null}, String, Boolean, List, Map (in document order)
 * and numbers as {@link Long} when the literal has no fraction or exponent ({@link
 * java.math.BigInteger} beyond a long), else {@link Double} ({@link java.math.BigDecimal} beyond a
 * double's range).
 *
 * <pre>{@code
 * byte[] body = FlowJsonCodec.writeLaunchRequest(request);
 * HttpResponse<byte[]> response = httpClient.send(post(body), BodyHandlers.ofByteArray());
 * FlowExecution execution = FlowJsonCodec.readExecution(response.body());
 * }</pre>
 */
public final class FlowJsonCodec {
  /** The {@code errorCode()} of a response body that breaks the contract. */
  public static final String MALFORMED_RESPONSE = MalformedResponses.ERROR_CODE;

  /**
   * The {@code errorCode()} of a successful response whose body is longer than the transport reads
   * (see {@code RetrofitTransport.Builder#maxResponseBytes(long)}). Not retried: the service
   * answered, and would answer the same again.
   */
  public static final String RESPONSE_TOO_LARGE = MalformedResponses.TOO_LARGE;

  private FlowJsonCodec() {}

  /**
   * Returns a launch request's body, compact UTF-8 JSON.
   *
   * @param request the request
   * @return the body
   */
  public static byte[] writeLaunchRequest(LaunchRequest request) {
    Buffer buffer = new Buffer();
    try {
      JsonCodec.writeLaunchRequest(request, buffer);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible); // a Buffer does not fail
    }
    return buffer.readByteArray();
  }

  /**
   * Writes a launch request's body to a stream, which is flushed, not closed.
   *
   * @param request the request
   * @param out the stream
   * @throws IOException if the stream fails
   */
  public static void writeLaunchRequest(LaunchRequest request, OutputStream out)
      throws IOException {
    BufferedSink sink = Okio.buffer(Okio.sink(out));
    JsonCodec.writeLaunchRequest(request, sink);
    sink.flush();
  }

  /**
   * Returns an execution as the service writes it, for test doubles and emulators.
   *
   * @param execution the execution
   * @return compact UTF-8 JSON; absent optional fields are written as {@code null}
   */
  public static byte[] writeExecution(FlowExecution execution) {
    Buffer buffer = new Buffer();
    try {
      JsonCodec.writeExecution(execution, buffer);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return buffer.readByteArray();
  }

  /**
   * Reads the execution of a {@code 200} or {@code 201} response.
   *
   * @param json the body
   * @return the execution
   * @throws dev.flowexec.sdk.errors.FlowApiException with {@link #MALFORMED_RESPONSE} when the body
   *     is not the contract's execution
   */
  public static FlowExecution readExecution(byte[] json) {
    try {
      return JsonCodec.readExecution(new Buffer().write(json));
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }

  /**
   * Reads the execution of a {@code 200} or {@code 201} response from a stream, which is not
   * closed.
   *
   * @param json the body
   * @return the execution
   * @throws IOException if the stream fails
   * @throws dev.flowexec.sdk.errors.FlowApiException with {@link #MALFORMED_RESPONSE} when the body
   *     is not the contract's execution
   */
  public static FlowExecution readExecution(InputStream json) throws IOException {
    BufferedSource source = Okio.buffer(Okio.source(json));
    return JsonCodec.readExecution(source);
  }

  /**
   * Reads the service's error body, for {@link dev.flowexec.sdk.transport.ErrorResponse}. Never
   * fails: a body that is not JSON, not an object, or has none of the error fields gives empty, and
   * {@link dev.flowexec.sdk.transport.ErrorMapper} then maps by status.
   *
   * @param json the body as received (at most the first 64 KiB is enough; a cut body gives empty)
   * @return the body, if it is the service's JSON error
   */
  public static Optional<ErrorBody> readErrorBody(byte[] json) {
    return JsonCodec.readErrorBody(ErrorBodyJsonAdapter.API, ByteString.of(json));
  }

  /**
   * Reads a token endpoint's error (RFC 6749 §5.2): {@code error} becomes {@link
   * ErrorBody#errorCode()} and {@code error_description} becomes {@link ErrorBody#message()}. Never
   * fails.
   *
   * @param json the body as received
   * @return the error, if the body is one
   */
  public static Optional<ErrorBody> readTokenError(byte[] json) {
    return JsonCodec.readErrorBody(ErrorBodyJsonAdapter.OAUTH, ByteString.of(json));
  }

  /**
   * Reads a token endpoint's success response (RFC 6749 §5.1) into a token whose scopes and expiry
   * are known.
   *
   * @param json the body
   * @param requestedScopes the scopes asked for; the granted ones when the response has no {@code
   *     scope}
   * @param receivedAt when the response arrived: {@code expires_in} counts from it
   * @return the token; its {@code toString()} hides the value
   * @throws dev.flowexec.sdk.errors.FlowApiException with {@link #MALFORMED_RESPONSE} when there is
   *     no usable {@code access_token}
   */
  public static AccessToken readTokenResponse(
      byte[] json, Collection<String> requestedScopes, Instant receivedAt) {
    try {
      return JsonCodec.readTokenResponse(new Buffer().write(json))
          .toAccessToken(requestedScopes, receivedAt);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }
}
