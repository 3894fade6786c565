package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.ResponseHeaders;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.time.Clock;
import okhttp3.Headers;
import okhttp3.ResponseBody;
import retrofit2.Response;

/**
 * Reads an API response: the execution of a {@code 2xx} ({@code 201} created, {@code 200}
 * replayed), streamed from the socket; anything else through {@link ErrorResponses} and the core's
 * error mapper. Not public API.
 */
final class ApiResponses {
  private ApiResponses() {}

  /**
   * Reads the execution or throws the mapped failure.
   *
   * @param operation the operation
   * @param response the response; its body is closed
   * @param budget the attempt's budget, for the message of a timeout while reading
   * @param clock the clock {@code Retry-After} dates are measured against
   * @return the execution with the response's status and headers
   * @throws FlowApiException the mapped failure, a malformed body, or a {@link
   *     dev.flowexec.sdk.errors.TransportException} when reading the body fails
   */
  public static TransportResponse read(
      Operation operation, Response<ResponseBody> response, AttemptBudget budget, Clock clock) {
    if (!response.isSuccessful()) {
      throw ErrorResponses.map(operation, response, clock);
    }
    try (ResponseBody body = response.body()) {
      if (body == null) {
        throw MalformedResponses.of("the execution is empty");
      }
      return TransportResponse.of(
          JsonCodec.readExecution(body.source()), response.code(), headersOf(response.headers()));
    } catch (ResponseTooLargeException tooLarge) {
      throw MalformedResponses.tooLarge(
          tooLarge.getMessage(),
          tooLarge.limit(),
          response.code(),
          response.headers().get("X-Request-Id"),
          tooLarge);
    } catch (FlowApiException malformed) {
      throw MalformedResponses.withResponse(
          malformed, response.code(), response.headers().get("X-Request-Id"));
    } catch (IOException failure) {
      throw TransportFailures.of(
          operation.description() + " (reading the response)", failure, budget.totalMillis());
    }
  }

  /** The headers as core sees them: one flat copy, names and values as OkHttp holds them. */
  static ResponseHeaders headersOf(Headers headers) {
    String[] namesAndValues = new String[headers.size() * 2];
    for (int i = 0; i < headers.size(); i++) {
      namesAndValues[2 * i] = headers.name(i);
      namesAndValues[2 * i + 1] = headers.value(i);
    }
    return ResponseHeaders.of(namesAndValues);
  }
}
