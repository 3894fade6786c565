package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.errors.FieldError;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The JSON error body the service writes, parsed by a transport's codec. Every field is optional: a
 * proxy's body may carry none of them.
 */
@Value.Immutable
public abstract class ErrorBody {
  ErrorBody() {}

  /**
   * Starts a builder; every field is optional.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
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

  /** Builds an {@link ErrorBody}; every field is optional, and a null clears it. */
  public static final class Builder {
    private final ImmutableErrorBody.Builder builder = ImmutableErrorBody.newBuilder();

    private Builder() {}

    /**
     * Sets {@code error_code}.
     *
     * @param errorCode the code; null for none
     * @return this builder
     */
    public Builder errorCode(String errorCode) {
      builder.errorCode(errorCode);
      return this;
    }

    /**
     * Sets {@code message}.
     *
     * @param message the service's message; null for none
     * @return this builder
     */
    public Builder message(String message) {
      builder.message(message);
      return this;
    }

    /**
     * Sets {@code request_id}.
     *
     * @param requestId the request id; null for none
     * @return this builder
     */
    public Builder requestId(String requestId) {
      builder.requestId(requestId);
      return this;
    }

    /**
     * Adds {@code details} entries.
     *
     * @param details the broken rules to add
     * @return this builder
     */
    public Builder addDetails(FieldError... details) {
      builder.addDetails(details);
      return this;
    }

    /**
     * Adds {@code details} entries.
     *
     * @param details the broken rules to add
     * @return this builder
     */
    public Builder addDetails(Iterable<? extends FieldError> details) {
      builder.addAllDetails(details);
      return this;
    }

    /**
     * Adds {@code required_scopes} entries.
     *
     * @param scopes the scopes to add
     * @return this builder
     */
    public Builder addRequiredScopes(String... scopes) {
      builder.addRequiredScopes(scopes);
      return this;
    }

    /**
     * Adds {@code required_scopes} entries.
     *
     * @param scopes the scopes to add
     * @return this builder
     */
    public Builder addRequiredScopes(Iterable<String> scopes) {
      builder.addAllRequiredScopes(scopes);
      return this;
    }

    /**
     * Sets {@code retry_after_seconds}.
     *
     * @param retryAfterSeconds the seconds; null for none
     * @return this builder
     */
    public Builder retryAfterSeconds(Double retryAfterSeconds) {
      builder.retryAfterSeconds(retryAfterSeconds);
      return this;
    }

    /**
     * Builds the body.
     *
     * @return the body
     */
    public ErrorBody build() {
      return builder.build();
    }
  }
}
