package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.ResponseHeaders;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.time.Clock;
import okhttp3.Headers;
import retrofit2.Response;

/**
 * Maps an API response, in one place for sync and async calls: the execution of a {@code 2xx}
 * ({@code 201} created, {@code 200} replayed) with the response's status and headers, or why its
 * body could not be read, with the status and request id; anything else through {@link
 * ErrorResponses} and the core's error mapper. Not public API.
 */
final class ApiResponses {
  private ApiResponses() {}

  /**
   * Reads the execution or throws the mapped failure.
   *
   * @param operation the operation
   * @param response the response, its body already read and closed by {@link JsonConverterFactory}
   * @param budget the attempt's budget, for the message of a timeout while reading
   * @param clock the clock {@code Retry-After} dates are measured against
   * @return the execution with the response's status and headers
   * @throws FlowApiException the mapped failure, a malformed body, or a {@link
   *     dev.flowexec.sdk.errors.TransportException} when reading the body fails
   */
  public static TransportResponse read(
      Operation operation, Response<ExecutionBody> response, AttemptBudget budget, Clock clock) {
    if (!response.isSuccessful()) {
      throw ErrorResponses.map(operation, response, clock);
    }
    ExecutionBody body = response.body();
    if (body == null) { // 204 or 205: Retrofit reads no body
      throw MalformedResponses.withResponse(
          MalformedResponses.of("the execution is empty"), response.code(), requestId(response));
    }
    if (body.execution() != null) {
      return TransportResponse.of(body.execution(), response.code(), headersOf(response.headers()));
    }
    if (body.malformed() != null) {
      throw MalformedResponses.withResponse(body.malformed(), response.code(), requestId(response));
    }
    IOException failure = body.readFailure();
    if (failure instanceof ResponseTooLargeException) {
      ResponseTooLargeException tooLarge = (ResponseTooLargeException) failure;
      throw MalformedResponses.tooLarge(
          tooLarge.getMessage(), tooLarge.limit(), response.code(), requestId(response), tooLarge);
    }
    throw TransportFailures.of(
        operation.description() + " (reading the response)", failure, budget.totalMillis());
  }

  private static String requestId(Response<?> response) {
    return response.headers().get(TransportResponse.REQUEST_ID);
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
