package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * One API call, made by {@link ExchangeCallAdapterFactory} from Retrofit's {@link Call}: sent on
 * the calling thread or enqueued, within the attempt's time, and answered either way with the
 * {@link TransportResponse} of a success or one {@link FlowApiException}, mapped in one place
 * ({@link ApiResponses} for a response, {@link TransportFailures} for an I/O failure). Not public
 * API.
 */
final class Exchange {
  private final Call<ExecutionBody> call;
  private final Clock clock;

  Exchange(Call<ExecutionBody> call, Clock clock) {
    this.call = call;
    this.clock = clock;
  }

  /**
   * Sends the call on the calling thread.
   *
   * @param operation the operation, for messages and error mapping
   * @param budget the attempt's time: what is left becomes the call's timeout
   * @return the response
   * @throws FlowApiException on any failure
   */
  public TransportResponse execute(Operation operation, AttemptBudget budget) {
    budget.applyTo(call, operation.description());
    Response<ExecutionBody> response;
    try {
      response = call.execute();
    } catch (IOException failure) {
      throw TransportFailures.of(operation.description(), failure, budget.totalMillis());
    }
    return ApiResponses.read(operation, response, budget, clock);
  }

  /**
   * Enqueues the call: no thread waits for it, and the future completes on an OkHttp dispatcher
   * thread. Cancelling the future cancels the call.
   *
   * @param operation the operation, for messages and error mapping
   * @param budget the attempt's time: what is left becomes the call's timeout
   * @return a future of the response, failed with a {@link FlowApiException} on any failure
   */
  public CompletableFuture<TransportResponse> enqueue(Operation operation, AttemptBudget budget) {
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    try {
      budget.applyTo(call, operation.description());
    } catch (FlowApiException outOfTime) {
      result.completeExceptionally(outOfTime);
      return result;
    }
    result.whenComplete(
        (response, failure) -> {
          if (result.isCancelled()) {
            call.cancel();
          }
        });
    call.enqueue(
        new Callback<ExecutionBody>() {
          @Override
          public void onResponse(Call<ExecutionBody> done, Response<ExecutionBody> response) {
            try {
              result.complete(ApiResponses.read(operation, response, budget, clock));
            } catch (RuntimeException | Error failure) {
              result.completeExceptionally(failure);
            }
          }

          @Override
          public void onFailure(Call<ExecutionBody> done, Throwable failure) {
            result.completeExceptionally(
                failure instanceof IOException
                    ? TransportFailures.of(
                        operation.description(), (IOException) failure, budget.totalMillis())
                    : failure);
          }
        });
    return result;
  }
}
