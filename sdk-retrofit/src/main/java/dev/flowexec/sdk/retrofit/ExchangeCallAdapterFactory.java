package dev.flowexec.sdk.retrofit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Clock;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Retrofit;

/**
 * Lets a Retrofit method return an {@link Exchange}: Retrofit converts the body of a successful
 * response into an {@link ExecutionBody} ({@link JsonConverterFactory}), and the exchange turns the
 * call into a {@link dev.flowexec.sdk.transport.TransportResponse} or one mapped failure. Not
 * public API.
 */
final class ExchangeCallAdapterFactory extends CallAdapter.Factory {
  private final CallAdapter<ExecutionBody, Exchange> adapter;

  /**
   * Creates the factory.
   *
   * @param clock the clock {@code Retry-After} dates are measured against
   */
  public ExchangeCallAdapterFactory(Clock clock) {
    this.adapter =
        new CallAdapter<ExecutionBody, Exchange>() {
          @Override
          public Type responseType() {
            return ExecutionBody.class;
          }

          @Override
          public Exchange adapt(Call<ExecutionBody> call) {
            return new Exchange(call, clock);
          }
        };
  }

  @Override
  public CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    return returnType == Exchange.class ? adapter : null;
  }
}
