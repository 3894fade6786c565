package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.auth.AccessToken;
import dev.flowexec.sdk.auth.AccessTokenProvider;
import dev.flowexec.sdk.auth.Scopes;
import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.Operation;
import dev.flowexec.sdk.transport.TransportResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs one attempt of an operation, blocking or not: get a token within the attempt's time, check
 * its scopes before any HTTP call, send, read the execution or map the failure. When the service
 * answers {@code 401 invalid_token} and tokens can be renewed, the token is invalidated and the
 * call sent once more with a new one, within the same time budget, with the headers the attempt's
 * {@link CallOptions#resendListener()} gives it. Not public API.
 */
final class AttemptRunner {
  /** Makes the API call of an attempt, given its {@code Authorization} value and extra headers. */
  interface CallFactory {
    /**
     * Creates the call.
     *
     * @param authorization {@code Bearer <token>}
     * @param headers the extra headers of this request: the attempt's, or those of its re-send
     * @return a call not yet started
     */
    Call<ResponseBody> newCall(String authorization, Map<String, String> headers);
  }

  private final AccessTokenProvider tokens;

  /** The last token's {@code Authorization} value: one string per token, not one per attempt. */
  private volatile Authorization lastAuthorization;

  private final boolean renewable;
  private final Duration callTimeout;
  private final Clock clock;

  /**
   * Creates the runner.
   *
   * @param tokens where tokens come from
   * @param renewable whether a refused token may be replaced (false for a fixed token)
   * @param callTimeout the most any attempt may take
   * @param clock the clock of deadlines, token expiry and {@code Retry-After} dates
   */
  public AttemptRunner(
      AccessTokenProvider tokens, boolean renewable, Duration callTimeout, Clock clock) {
    this.tokens = tokens;
    this.renewable = renewable;
    this.callTimeout = callTimeout;
    this.clock = clock;
  }

  /**
   * Runs an attempt on the calling thread.
   *
   * @param operation the operation
   * @param options the attempt's options
   * @param calls makes the API call
   * @return the execution with its response's status and headers
   * @throws FlowApiException on any failure
   */
  public TransportResponse run(Operation operation, CallOptions options, CallFactory calls) {
    AttemptBudget budget = AttemptBudget.start(options, callTimeout, clock);
    AccessToken token;
    try {
      token = tokens.token(budget.remaining(), options.tokenFetchListener());
    } catch (TransportException failure) {
      throw beforeSending(operation, failure);
    }
    try {
      return exchange(operation, token, options.headers(), budget, calls, false);
    } catch (FlowApiException failure) {
      if (!isRefusedToken(failure)) {
        throw explain(failure);
      }
      tokens.invalidate(token);
      AccessToken renewed = tokens.token(budget.remaining(), options.tokenFetchListener());
      if (renewed.value().equals(token.value())) {
        throw failure; // the provider has no other token to offer
      }
      Map<String, String> headers =
          options.resendListener().requestResent(options.headers(), failure);
      return exchange(operation, renewed, headers, budget, calls, false);
    }
  }

  /**
   * Runs an attempt without blocking the caller or an OkHttp dispatcher thread. Cancelling the
   * returned future cancels the OkHttp call.
   *
   * @param operation the operation
   * @param options the attempt's options
   * @param calls makes the API call
   * @return a future of the response, failed with a {@link FlowApiException}
   */
  public CompletableFuture<TransportResponse> runAsync(
      Operation operation, CallOptions options, CallFactory calls) {
    CompletableFuture<TransportResponse> result = new CompletableFuture<>();
    AttemptBudget budget = AttemptBudget.start(options, callTimeout, clock);
    tokenThenExchange(operation, options, budget, calls, result, null, null);
    return result;
  }

  private TransportResponse exchange(
      Operation operation,
      AccessToken token,
      Map<String, String> headers,
      AttemptBudget budget,
      CallFactory calls,
      boolean sentBefore) {
    Call<ResponseBody> call = prepare(operation, token, headers, budget, calls, sentBefore);
    Response<ResponseBody> response;
    try {
      response = call.execute();
    } catch (IOException failure) {
      throw TransportFailures.of(operation.description(), failure, budget.totalMillis());
    }
    return ApiResponses.read(operation, response, budget, clock);
  }

  private Call<ResponseBody> prepare(
      Operation operation,
      AccessToken token,
      Map<String, String> headers,
      AttemptBudget budget,
      CallFactory calls,
      boolean sentBefore) {
    Scopes.check(operation, token); // fail fast, before any HTTP call
    Call<ResponseBody> call = calls.newCall(authorization(token), headers);
    budget.applyTo(call, operation.description(), sentBefore);
    return call;
  }

  /**
   * Gets a token, then sends. {@code refused} is the token the service refused, when this is the
   * one renewal of the attempt; {@code refusal} is what to fail with if no other token comes.
   */
  private void tokenThenExchange(
      Operation operation,
      CallOptions options,
      AttemptBudget budget,
      CallFactory calls,
      CompletableFuture<TransportResponse> result,
      AccessToken refused,
      FlowApiException refusal) {
    CompletableFuture<AccessToken> token;
    try {
      token = tokens.tokenAsync(budget.remaining(), options.tokenFetchListener());
    } catch (RuntimeException failure) {
      result.completeExceptionally(failure);
      return;
    }
    token.whenComplete(
        (value, failure) -> {
          if (result.isDone()) {
            return; // cancelled meanwhile
          }
          if (failure != null) {
            Throwable cause = unwrap(failure);
            result.completeExceptionally(
                refused == null && cause instanceof TransportException
                    ? beforeSending(operation, (TransportException) cause)
                    : cause);
          } else if (refused != null && value.value().equals(refused.value())) {
            result.completeExceptionally(refusal);
          } else if (refused == null) {
            exchangeAsync(
                operation, options, value, options.headers(), budget, calls, result, true);
          } else {
            Map<String, String> headers;
            try {
              headers = options.resendListener().requestResent(options.headers(), refusal);
            } catch (RuntimeException broken) {
              result.completeExceptionally(broken);
              return;
            }
            exchangeAsync(operation, options, value, headers, budget, calls, result, false);
          }
        });
  }

  private void exchangeAsync(
      Operation operation,
      CallOptions options,
      AccessToken token,
      Map<String, String> headers,
      AttemptBudget budget,
      CallFactory calls,
      CompletableFuture<TransportResponse> result,
      boolean mayRenew) {
    Call<ResponseBody> call;
    try {
      call = prepare(operation, token, headers, budget, calls, false);
    } catch (RuntimeException failure) {
      result.completeExceptionally(failure);
      return;
    }
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            call.cancel();
          }
        });
    call.enqueue(
        new Callback<ResponseBody>() {
          @Override
          public void onResponse(Call<ResponseBody> done, Response<ResponseBody> response) {
            try {
              result.complete(ApiResponses.read(operation, response, budget, clock));
            } catch (FlowApiException failure) {
              if (mayRenew && isRefusedToken(failure) && !result.isDone()) {
                tokens.invalidate(token);
                tokenThenExchange(operation, options, budget, calls, result, token, failure);
              } else {
                result.completeExceptionally(explain(failure));
              }
            } catch (RuntimeException | Error failure) {
              result.completeExceptionally(failure);
            }
          }

          @Override
          public void onFailure(Call<ResponseBody> done, Throwable failure) {
            if (result.isDone()) {
              return; // cancelled: the future already says so
            }
            result.completeExceptionally(
                failure instanceof IOException
                    ? TransportFailures.of(
                        operation.description(), (IOException) failure, budget.totalMillis())
                    : failure);
          }
        });
  }

  private String authorization(AccessToken token) {
    Authorization last = lastAuthorization;
    if (last == null
        || last.token != token) { // providers hand out the same instance until it changes
      last = new Authorization(token);
      lastAuthorization = last;
    }
    return last.value;
  }

  /** A token and its header value. */
  private static final class Authorization {
    final AccessToken token;
    final String value;

    Authorization(AccessToken token) {
      this.token = token;
      this.value = "Bearer " + token.value();
    }
  }

  /**
   * A fixed token the service refused: the message speaks of that token, not of client credentials.
   */
  private FlowApiException explain(FlowApiException failure) {
    if (renewable || failure.statusCode() != 401 || !"invalid_token".equals(failure.errorCode())) {
      return failure;
    }
    String mapperHint =
        "The token is unknown or expired, and a fresh one was refused too: check the client credentials";
    String hint =
        "The access token given to accessToken(...) was refused: it is unknown, malformed or expired, and "
            + "a fixed token cannot be renewed. Pass a fresh token, or configure credentials(...) or tokenProvider(...) "
            + "so that tokens are fetched and renewed";
    String message =
        failure.getMessage().contains(mapperHint)
            ? failure.getMessage().replace(mapperHint, hint)
            : failure.getMessage() + " (" + hint + ")";
    return new AuthenticationException(
        message, 401, "invalid_token", failure.requestId().orElse(null));
  }

  /**
   * A transport failure while fetching the attempt's first token: whatever it says of the token
   * request, the API request was not sent.
   */
  private static TransportException beforeSending(Operation operation, TransportException failure) {
    if (!failure.requestMayHaveBeenSent()) {
      return failure;
    }
    return TransportException.notSent(
        operation.description() + " failed before the request was sent: " + failure.getMessage(),
        failure);
  }

  private boolean isRefusedToken(FlowApiException failure) {
    return renewable && failure.statusCode() == 401 && "invalid_token".equals(failure.errorCode());
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (!(cause instanceof RuntimeException) && !(cause instanceof Error)) {
      return TransportException.notSent("fetching an access token failed: " + cause, cause);
    }
    return cause;
  }
}
