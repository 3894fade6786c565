package dev.flowexec.sdk.spring.boot.autoconfigure;

import dev.flowexec.sdk.errors.AuthenticationException;
import dev.flowexec.sdk.errors.ExecutionNotFoundException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.RateLimitedException;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports whether the flowexec API can be reached and accepts this application's credentials.
 *
 * <p>The probe is one {@code GET} of an execution id that is never launched ({@value
 * #PROBE_EXECUTION_ID}), sent straight through the transport: one attempt, no retry, no listener
 * (so it is not counted in the client's metrics), bounded by a short timeout. It needs a token,
 * which the transport fetches and caches as for any call. A {@code 404} is the healthy answer: the
 * service is up and took the token. Nothing is ever launched.
 *
 * <p>The result is reused for a while (default 30 s) so that frequent health checks cost the
 * service nothing; concurrent checks share one probe.
 *
 * <table>
 *   <caption>Status by outcome</caption>
 *   <tr><th>outcome</th><th>status</th></tr>
 *   <tr><td>{@code 404 execution_not_found} (or {@code 200})</td><td>UP</td></tr>
 *   <tr><td>{@code 429 rate_limited}</td><td>UP, with a detail saying so</td></tr>
 *   <tr><td>credentials or token refused, a token without the scopes to launch (every scope that
 *   allows a launch allows a get), token endpoint failing, unreachable, 5xx, timeout</td><td>DOWN</td></tr>
 * </table>
 *
 * <p>Details name the endpoint (without user info or query), the outcome, the status code, the
 * error code and the request id; never a token or secret. The SDK's exception messages carry none
 * either.
 */
public final class FlowexecHealthIndicator implements HealthIndicator {
  /** The execution id the probe asks for; a valid id that this SDK never launches. */
  public static final String PROBE_EXECUTION_ID = "flowexec-health-probe";

  private final FlowTransport transport;
  private final String endpoint;
  private final Duration timeout;
  private final Duration cacheTtl;
  private final Clock clock;
  private final Object lock = new Object();
  private Health cached;
  private Instant cachedUntil = Instant.MIN;

  /**
   * Creates the indicator.
   *
   * @param transport the transport to probe
   * @param baseUrl the API's base URL, shown (without user info or query) in the details
   * @param timeout the most one probe may take
   * @param cacheTtl how long a result is reused; zero to probe on every check
   */
  public FlowexecHealthIndicator(
      FlowTransport transport, String baseUrl, Duration timeout, Duration cacheTtl) {
    this(transport, baseUrl, timeout, cacheTtl, Clock.systemUTC());
  }

  FlowexecHealthIndicator(
      FlowTransport transport, String baseUrl, Duration timeout, Duration cacheTtl, Clock clock) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.endpoint = displayable(baseUrl);
    this.timeout =
        FlowexecClientFactory.positive(
            "flowexec.health.timeout", Objects.requireNonNull(timeout, "timeout"));
    this.cacheTtl =
        FlowexecClientFactory.notNegative(
            "flowexec.health.cache-ttl", Objects.requireNonNull(cacheTtl, "cacheTtl"));
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Health health() {
    synchronized (lock) {
      Instant now = clock.instant();
      if (cached == null || !now.isBefore(cachedUntil)) {
        cached = probe(now);
        cachedUntil = now.plus(cacheTtl);
      }
      return cached;
    }
  }

  private Health probe(Instant now) {
    long started = System.nanoTime();
    Health.Builder health;
    try {
      transport.get(PROBE_EXECUTION_ID, CallOptions.ofTimeout(timeout));
      health = Health.up().withDetail("outcome", "api answered");
    } catch (ExecutionNotFoundException expected) {
      health = described(Health.up(), expected).withDetail("outcome", "api answered");
    } catch (InsufficientScopeException scope) {
      // Every scope that allows a launch allows a get: a token that cannot get cannot launch.
      health = failed(scope, "token lacks the scopes to launch: request flow:execute");
    } catch (RateLimitedException limited) {
      health = described(Health.up(), limited).withDetail("outcome", "api answered; rate limited");
    } catch (AuthenticationException refused) {
      health = failed(refused, "credentials or token refused");
    } catch (FlowApiException failure) {
      health = failed(failure, "api unavailable");
    } catch (RuntimeException unexpected) {
      health =
          Health.down()
              .withDetail("outcome", "probe failed")
              .withDetail("error", unexpected.getClass().getName());
    }
    return health
        .withDetail("endpoint", endpoint)
        .withDetail("checkedAt", now.toString())
        .withDetail("elapsedMs", Duration.ofNanos(System.nanoTime() - started).toMillis())
        .build();
  }

  private static Health.Builder failed(FlowApiException failure, String outcome) {
    return described(Health.down(), failure)
        .withDetail("outcome", outcome)
        .withDetail("error", failure.getClass().getSimpleName() + ": " + failure.getMessage());
  }

  private static Health.Builder described(Health.Builder health, FlowApiException failure) {
    if (failure.statusCode() != 0) {
      health.withDetail("statusCode", failure.statusCode());
    }
    health.withDetail("errorCode", failure.errorCode());
    failure.requestId().ifPresent(id -> health.withDetail("requestId", id));
    return health;
  }

  /** The URL without user info, query or fragment: those may hold credentials. */
  static String displayable(String baseUrl) {
    if (baseUrl == null) {
      return "(not configured)";
    }
    try {
      URI uri = URI.create(baseUrl);
      if (uri.getHost() == null) {
        return "(unparsable URL)";
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
          + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    } catch (IllegalArgumentException e) {
      return "(unparsable URL)";
    }
  }

  @Override
  public String toString() {
    return "FlowexecHealthIndicator{endpoint="
        + endpoint
        + ", timeout="
        + timeout
        + ", cacheTtl="
        + cacheTtl
        + "}";
  }
}
