package dev.flowexec.sdk.retrofit;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.ErrorBody;
import java.io.EOFException;
import java.io.IOException;
import java.util.Optional;
import okio.Buffer;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.ByteString;

/**
 * The codec on Okio types, for the transport's hot path: writes straight to a sink and reads
 * straight from the response's source. {@link dev.flowexec.sdk.retrofit.FlowJsonCodec} wraps it
 * with plain Java types. Not public API.
 */
final class JsonCodec {
  private JsonCodec() {}

  /**
   * Writes a launch request's body.
   *
   * @param request the request
   * @param sink where to write; not closed
   * @throws IOException if the sink fails
   */
  public static void writeLaunchRequest(LaunchRequest request, BufferedSink sink)
      throws IOException {
    JsonWriter writer = JsonWriter.of(sink);
    LaunchRequestJsonAdapter.INSTANCE.toJson(writer, request);
    writer.flush();
  }

  /**
   * Writes an execution, for test doubles and emulators.
   *
   * @param execution the execution
   * @param sink where to write; not closed
   * @throws IOException if the sink fails
   */
  public static void writeExecution(FlowExecution execution, BufferedSink sink) throws IOException {
    JsonWriter writer = JsonWriter.of(sink);
    FlowExecutionJsonAdapter.INSTANCE.toJson(writer, execution);
    writer.flush();
  }

  /**
   * Reads an execution.
   *
   * @param source the body
   * @return the execution
   * @throws dev.flowexec.sdk.errors.FlowApiException a malformed response, whose message names what
   *     is wrong, such as a missing required field
   * @throws IOException if the source fails
   */
  public static FlowExecution readExecution(BufferedSource source) throws IOException {
    return read(FlowExecutionJsonAdapter.INSTANCE, source, "the execution");
  }

  /**
   * Reads a token endpoint's success response.
   *
   * @param source the body
   * @return the response
   * @throws dev.flowexec.sdk.errors.FlowApiException a malformed response
   * @throws IOException if the source fails
   */
  public static TokenResponse readTokenResponse(BufferedSource source) throws IOException {
    return read(TokenResponseJsonAdapter.INSTANCE, source, "the token response");
  }

  /**
   * Reads an error body on a best-effort basis.
   *
   * @param adapter {@link ErrorBodyJsonAdapter#API} or {@link ErrorBodyJsonAdapter#OAUTH}
   * @param bytes the body, complete
   * @return the body; empty when it is not a JSON object or has none of the error fields
   */
  public static Optional<ErrorBody> readErrorBody(ErrorBodyJsonAdapter adapter, ByteString bytes) {
    if (bytes.size() == 0) {
      return Optional.empty();
    }
    try {
      ErrorBody body = adapter.fromJson(JsonReader.of(new Buffer().write(bytes)));
      boolean useful =
          body.errorCode().isPresent()
              || body.message().isPresent()
              || body.requestId().isPresent()
              || !body.details().isEmpty()
              || !body.requiredScopes().isEmpty()
              || body.retryAfterSeconds().isPresent();
      return useful ? Optional.of(body) : Optional.empty();
    } catch (IOException | JsonDataException notJson) {
      return Optional.empty();
    }
  }

  private static <T> T read(JsonAdapter<T> adapter, BufferedSource source, String what)
      throws IOException {
    try {
      return adapter.fromJson(JsonReader.of(source));
    } catch (JsonEncodingException notJson) {
      throw MalformedResponses.of(what + " is not JSON (" + notJson.getMessage() + ")", notJson);
    } catch (JsonDataException wrongShape) {
      throw MalformedResponses.of(
          what + " does not have the contract's shape: " + wrongShape.getMessage(), wrongShape);
    } catch (EOFException cutShort) {
      throw MalformedResponses.of(what + " is empty or ends before its JSON does", cutShort);
    }
  }
}
