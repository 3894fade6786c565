package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.RetryPolicy;
import dev.flowexec.sdk.transport.FlowTransport;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Applies the {@code flowexec.*} properties to the SDK's builders. Every value goes through the
 * builder's own checks; a failure becomes an {@link InvalidFlowexecPropertyException} that names
 * the property, so the rules live in one place (the SDK) and the messages speak the user's language
 * (properties).
 */
final class FlowexecClientFactory {
  static final String PREFIX = "flowexec.";

  private FlowexecClientFactory() {}

  /** Builds the client around {@code transport} from the properties, before any customizer. */
  static FlowExecutionsClient.Builder clientBuilder(
      FlowexecProperties properties, FlowTransport transport) {
    FlowExecutionsClient.Builder builder = FlowExecutionsClient.builder().transport(transport);
    Duration call = properties.getTimeouts().getCall();
    if (call == null) {
      throw new InvalidFlowexecPropertyException(
          PREFIX + "timeouts.call",
          "is empty",
          "Set it to a positive duration, such as 30s, or remove it for the default (30s)");
    }
    Duration checked = positive(PREFIX + "timeouts.call", call);
    apply(
        PREFIX + "timeouts.call",
        "a positive duration, such as 30s",
        () -> builder.timeout(checked));
    apply(
        PREFIX + "retry",
        "fix the retry values",
        () -> builder.retryPolicy(retryPolicy(properties.getRetry())));
    return builder;
  }

  private static RetryPolicy retryPolicy(FlowexecProperties.Retry retry) {
    // var: the builder's type is the SDK's to name, and may change without breaking this.
    var builder = RetryPolicy.builder();
    if (retry.getMaxAttempts() != null) {
      int attempts = retry.getMaxAttempts();
      if (attempts < 1) {
        throw new InvalidFlowexecPropertyException(
            PREFIX + "retry.max-attempts",
            "is " + attempts,
            "Set it to 1 or more (1 turns retries off)");
      }
      builder.maxAttempts(attempts);
    }
    if (retry.getInitialBackoff() != null) {
      Duration backoff = positive(PREFIX + "retry.initial-backoff", retry.getInitialBackoff());
      apply(
          PREFIX + "retry.initial-backoff",
          "a positive duration, such as 200ms",
          () -> builder.initialBackoff(backoff));
    }
    if (retry.getMaxBackoff() != null) {
      Duration backoff = positive(PREFIX + "retry.max-backoff", retry.getMaxBackoff());
      apply(
          PREFIX + "retry.max-backoff",
          "a positive duration, such as 5s",
          () -> builder.maxBackoff(backoff));
    }
    if (retry.getMaxRetryAfter() != null) {
      Duration cap = notNegative(PREFIX + "retry.max-retry-after", retry.getMaxRetryAfter());
      apply(
          PREFIX + "retry.max-retry-after",
          "a duration, such as 30s",
          () -> builder.maxRetryAfter(cap));
    }
    return call(
        PREFIX + "retry", "check the flowexec.retry.* values against each other", builder::build);
  }

  static Duration positive(String property, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new InvalidFlowexecPropertyException(
          property,
          "is " + value.toMillis() + "ms",
          "Set it to a positive duration, such as 10s, or remove it for the default");
    }
    return value;
  }

  static Duration notNegative(String property, Duration value) {
    if (value.isNegative()) {
      throw new InvalidFlowexecPropertyException(
          property,
          "is negative (" + value.toMillis() + "ms)",
          "Set it to zero or a positive duration, or remove it for the default");
    }
    return value;
  }

  /** Runs a builder call; the SDK's complaint becomes one about the property. */
  static void apply(String property, String action, Runnable setter) {
    call(
        property,
        action,
        () -> {
          setter.run();
          return null;
        });
  }

  static <T> T call(String property, String action, Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      if (e instanceof InvalidFlowexecPropertyException) {
        throw e;
      }
      throw new InvalidFlowexecPropertyException(
          property, String.valueOf(e.getMessage()), capitalize(action), e);
    }
  }

  private static String capitalize(String action) {
    return action.isEmpty()
        ? action
        : Character.toUpperCase(action.charAt(0)) + action.substring(1);
  }
}
