package dev.flowexec.sdk.webhooks;

import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.IdempotencyConflictException;
import dev.flowexec.sdk.errors.RequestValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What to answer the sender of a webhook, so that it redelivers exactly when that helps: the
 * status, a short code for the body, and {@code Retry-After} when it should come back.
 *
 * <table>
 *   <caption>From outcome to answer</caption>
 *   <tr><th>outcome</th><th>status</th><th>code</th></tr>
 *   <tr><td>{@code STARTED}: a new execution</td><td>201</td><td>{@code started}</td></tr>
 *   <tr><td>{@code REPLAYED} by the service, {@code IGNORED}</td><td>200</td><td>{@code replayed}, {@code ignored}</td></tr>
 *   <tr><td>{@code REPLAYED}: handled before</td><td>200</td><td>{@code already_handled}</td></tr>
 *   <tr><td>{@code BODY_TOO_LARGE}</td><td>413</td><td>{@code too_large}</td></tr>
 *   <tr><td>any other failed check</td><td>401</td><td>{@code invalid_signature}, whichever check it was</td></tr>
 *   <tr><td>{@link RequestValidationException} from the mapping</td><td>422</td><td>{@code invalid_event}</td></tr>
 *   <tr><td>{@code 422 idempotency_key_reused}: the id was launched with other content</td><td>409</td><td>{@code conflict}</td></tr>
 *   <tr><td>the service unavailable: I/O, {@code 429}, {@code 5xx}, {@code 409 request_in_progress}</td>
 *       <td>503 and {@code Retry-After}</td><td>{@code unavailable}</td></tr>
 *   <tr><td>any other refusal by the service ({@code 404 flow_not_found}, ...)</td><td>422</td><td>{@code refused}</td></tr>
 *   <tr><td>anything else</td><td>500</td><td>{@code error}</td></tr>
 * </table>
 *
 * <p>Senders redeliver on {@code 5xx} and usually on {@code 4xx} too, until they give up: a {@code
 * 4xx} here means a redelivery will not help, so look at it in your logs.
 */
public final class DeliveryResponse {
  /** The {@code Retry-After} answered when the service gave none. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  private final int status;
  private final String code;
  private final Duration retryAfter;

  private DeliveryResponse(int status, String code, Duration retryAfter) {
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /**
   * The answer to a handled delivery: {@code 201} for a new execution, {@code 200} for a replayed
   * or ignored one.
   *
   * @param launched what the launcher did
   * @return the response
   */
  public static DeliveryResponse of(LaunchedDelivery launched) {
    Objects.requireNonNull(launched, "launched");
    switch (launched.outcome()) {
      case STARTED:
        return new DeliveryResponse(201, "started", null);
      case REPLAYED:
        return new DeliveryResponse(200, "replayed", null);
      default:
        return new DeliveryResponse(200, "ignored", null);
    }
  }

  /**
   * The answer to a failure of {@link WebhookLauncher#handle}, by the table above.
   *
   * @param failure what {@code handle} (or reading the body) threw
   * @return the response
   */
  public static DeliveryResponse ofFailure(RuntimeException failure) {
    Objects.requireNonNull(failure, "failure");
    if (failure instanceof WebhookVerificationException) {
      switch (((WebhookVerificationException) failure).reason()) {
        case REPLAYED:
          return new DeliveryResponse(200, "already_handled", null);
        case BODY_TOO_LARGE:
          return new DeliveryResponse(413, "too_large", null);
        default:
          return new DeliveryResponse(401, "invalid_signature", null);
      }
    }
    if (failure instanceof RequestValidationException) {
      return new DeliveryResponse(422, "invalid_event", null);
    }
    if (failure instanceof FlowApiException) {
      FlowApiException refused = (FlowApiException) failure;
      if (IdempotencyConflictException.IDEMPOTENCY_KEY_REUSED.equals(refused.errorCode())) {
        return new DeliveryResponse(409, "conflict", null);
      }
      int status = refused.statusCode();
      if (status == 0
          || status == 429
          || status >= 500
          || IdempotencyConflictException.REQUEST_IN_PROGRESS.equals(refused.errorCode())) {
        return new DeliveryResponse(
            503,
            "unavailable",
            refused
                .retryAfter()
                .filter(after -> !after.isNegative() && !after.isZero())
                .orElse(DEFAULT_RETRY_AFTER));
      }
      return new DeliveryResponse(422, "refused", null);
    }
    return new DeliveryResponse(500, "error", null);
  }

  /**
   * Returns the status to answer.
   *
   * @return an HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * Returns a short code for the answer's body, the same for every failed check.
   *
   * @return such as {@code started}, {@code invalid_signature} or {@code unavailable}
   */
  public String code() {
    return code;
  }

  /**
   * Returns when the sender should deliver again.
   *
   * @return the delay, for a {@code 503}; empty otherwise
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Returns the {@code Retry-After} header value: whole seconds, at least 1.
   *
   * @return such as {@code "5"}, for a {@code 503}; empty otherwise
   */
  public Optional<String> retryAfterHeader() {
    return retryAfter()
        .map(
            after ->
                Long.toString(Math.max(1, after.getSeconds() + (after.getNano() > 0 ? 1 : 0))));
  }

  @Override
  public String toString() {
    return "DeliveryResponse{"
        + status
        + " "
        + code
        + (retryAfter == null ? "" : ", retryAfter=" + retryAfter)
        + "}";
  }
}
