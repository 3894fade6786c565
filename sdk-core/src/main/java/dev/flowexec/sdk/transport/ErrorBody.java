package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.errors.FieldError;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The JSON error body the service writes, parsed by a transport's codec. Every field is optional:
 * a proxy's body may carry none of them.
 */
@Value.Immutable
public abstract class ErrorBody {
  ErrorBody() {}

  /**
   * Starts a builder; every field is optional.
   *
   * @return the builder
   */
  public static ImmutableErrorBody.Builder builder() {
    return ImmutableErrorBody.builder();
  }

  /**
   * Returns {@code error_code}.
   *
   * @return the code, if the body had one
   */
  public abstract Optional<String> errorCode();

  /**
   * Returns {@code message}.
   *
   * @return the service's message, if any
   */
  public abstract Optional<String> message();

  /**
   * Returns {@code request_id}.
   *
   * @return the request id, if any
   */
  public abstract Optional<String> requestId();

  /**
   * Returns {@code details}: the broken rules of an {@code invalid_request}.
   *
   * @return the details, possibly empty
   */
  public abstract List<FieldError> details();

  /**
   * Returns {@code required_scopes} of an {@code insufficient_scope}.
   *
   * @return the scopes, possibly empty
   */
  public abstract List<String> requiredScopes();

  /**
   * Returns {@code retry_after_seconds} of a {@code rate_limited}.
   *
   * @return the seconds, if any
   */
  public abstract Optional<Double> retryAfterSeconds();
}
