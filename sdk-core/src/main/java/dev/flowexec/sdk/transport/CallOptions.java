package dev.flowexec.sdk.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Options for one call: a timeout or deadline, and extra headers.
 *
 * <p>On the client, the timeout and deadline bound the whole call, retries and token fetch
 * included; the client's default timeout applies when both are absent. A transport receives options
 * whose {@link #timeout()} is the time left for that one attempt, and must not outlive it.
 *
 * <pre>{@code
 * client.launch(request, CallOptions.ofTimeout(Duration.ofSeconds(5)));
 * client.get(id, CallOptions.builder().putHeaders("X-Correlation-Id", traceId).build());
 * }</pre>
 */
@Value.Immutable
public abstract class CallOptions implements WithCallOptions {
  private static final CallOptions DEFAULTS = builder().build();
  private static final Set<String> RESERVED_HEADERS =
      Set.of("authorization", "idempotency-key", "content-type", "content-length", "host",
          "transfer-encoding", "connection");

  CallOptions() {}

  /**
   * Returns options with nothing set: the client's defaults apply.
   *
   * @return the shared empty options
   */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns options with only a timeout.
   *
   * @param timeout how long the call may take, positive
   * @return the options
   */
  public static CallOptions ofTimeout(Duration timeout) {
    return builder().timeout(timeout).build();
  }

  /**
   * Starts a builder; every field is optional.
   *
   * @return the builder
   */
  public static ImmutableCallOptions.Builder builder() {
    return ImmutableCallOptions.builder();
  }

  /**
   * Returns how long the call may take, from its start.
   *
   * @return the timeout, if set
   */
  public abstract Optional<Duration> timeout();

  /**
   * Returns the instant by which the call must end, on the client's clock.
   *
   * @return the deadline, if set
   */
  public abstract Optional<Instant> deadline();

  /**
   * Returns extra request headers, such as a correlation id. The headers the SDK owns
   * ({@code Authorization}, {@code Idempotency-Key}, {@code Content-Type}, ...) are refused.
   *
   * @return an immutable map of header name to value
   */
  public abstract Map<String, String> headers();

  @Value.Check
  void check() {
    timeout().ifPresent(t -> {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException(
            "timeout is " + t + ": use a positive duration, such as Duration.ofSeconds(10)");
      }
    });
    headers().forEach((name, value) -> {
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("headers has " + name
            + ", which the SDK sets itself: remove it (configure credentials on the transport)");
      }
      if (name.isEmpty() || !name.chars().allMatch(CallOptions::isTokenChar)) {
        throw new IllegalArgumentException("headers has the name \"" + name
            + "\", which is not a valid HTTP header name: use letters, digits and - only");
      }
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(
            "headers." + name + " contains a line break: header values must be one line");
      }
    });
  }

  private static boolean isTokenChar(int c) {
    return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }
}
