package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.transport.ErrorMapper;
import dev.flowexec.sdk.transport.ErrorResponse;
import dev.flowexec.sdk.transport.Operation;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.ResponseBody;
import okio.ByteString;
import retrofit2.Response;

/**
 * Turns a failed API response into the {@link ErrorResponse} that {@link ErrorMapper} maps: the
 * status, the headers (repeated ones joined with {@code ", "}), the content type, the body's size
 * (as declared by {@code Content-Length}, else as read) and the body parsed as the service's JSON
 * error when it is JSON and was read whole. Not public API.
 */
final class ErrorResponses {
  private ErrorResponses() {}

  /**
   * Maps a failed response through {@link ErrorMapper}.
   *
   * @param operation the operation that failed
   * @param response the response, whose error body is at most {@link BodyLimits#LIMIT} + 1 bytes
   * @param clock the clock {@code Retry-After} dates are measured against
   * @return the exception to throw
   */
  public static FlowApiException map(Operation operation, Response<?> response, Clock clock) {
    ByteString bytes = errorBytes(response.errorBody());
    Headers headers = response.headers();
    String contentType = headers.get("Content-Type");
    ErrorResponse failed =
        ErrorResponse.builder()
            .operation(operation)
            .statusCode(response.code())
            .putAllHeaders(toMap(headers))
            .contentType(contentType)
            .bodyBytes(bodySize(headers, bytes))
            .body(
                isCut(bytes) || !isJson(contentType)
                    ? null
                    : JsonCodec.readErrorBody(ErrorBodyJsonAdapter.API, bytes).orElse(null))
            .build();
    return ErrorMapper.map(failed, clock);
  }

  /**
   * Returns the bytes of a buffered error body, empty when there is none or it cannot be read.
   *
   * @param body the error body
   * @return the bytes
   */
  public static ByteString errorBytes(ResponseBody body) {
    if (body == null) {
      return ByteString.EMPTY;
    }
    try (ResponseBody closing = body) {
      return closing.source().readByteString();
    } catch (IOException unreadable) {
      return ByteString.EMPTY;
    }
  }

  /**
   * Tells whether a body was cut at the limit.
   *
   * @param bytes the body as read
   * @return true when more than {@link BodyLimits#LIMIT} bytes came
   */
  public static boolean isCut(ByteString bytes) {
    return bytes.size() > BodyLimits.LIMIT;
  }

  /**
   * Tells whether a content type may be JSON: absent, or naming json ({@code application/json},
   * {@code application/problem+json}).
   *
   * @param contentType the header, or null
   * @return true when the body is worth parsing
   */
  public static boolean isJson(String contentType) {
    return contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
  }

  /**
   * Returns the body's size: {@code Content-Length} when declared, else the bytes read.
   *
   * @param headers the response headers
   * @param bytes the body as read
   * @return the size
   */
  public static long bodySize(Headers headers, ByteString bytes) {
    String declared = headers.get("Content-Length");
    if (declared != null) {
      try {
        long length = Long.parseLong(declared.trim());
        if (length >= 0) {
          return length;
        }
      } catch (NumberFormatException ignored) {
        // fall back to what was read
      }
    }
    return bytes.size();
  }

  /**
   * Returns headers as a map, repeated names joined with {@code ", "}.
   *
   * @param headers the headers
   * @return a map in arrival order
   */
  public static Map<String, String> toMap(Headers headers) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      map.merge(headers.name(i), headers.value(i), (first, next) -> first + ", " + next);
    }
    return map;
  }
}
