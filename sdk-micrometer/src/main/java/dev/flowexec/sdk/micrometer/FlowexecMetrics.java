package dev.flowexec.sdk.micrometer;

import dev.flowexec.sdk.ExecutionListener;
import dev.flowexec.sdk.errors.DeadlineExceededException;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.TransportException;
import dev.flowexec.sdk.transport.Operation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what a {@link dev.flowexec.sdk.FlowExecutionsClient} does as Micrometer meters. Add it as
 * a listener; one instance may serve several clients.
 *
 * <pre>{@code
 * FlowExecutionsClient client = FlowExecutionsClient.builder()
 *     .transport(transport)
 *     .listener(FlowexecMetrics.create(meterRegistry))
 *     .build();
 * }</pre>
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th></tr>
 * <tr><td>{@code flowexec.client.calls}</td><td>timer, one per call (retries included)</td>
 *     <td>{@code operation}, {@code outcome}, {@code error.code}, {@code status}</td></tr>
 * <tr><td>{@code flowexec.client.attempts}</td><td>timer, one per HTTP request on the wire</td>
 *     <td>{@code operation}, {@code outcome}, {@code error.code}, {@code status}</td></tr>
 * <tr><td>{@code flowexec.client.retries}</td><td>counter</td>
 *     <td>{@code operation}, {@code reason} (the failed attempt's error code)</td></tr>
 * <tr><td>{@code flowexec.client.calls.active}</td><td>gauge, calls in flight</td>
 *     <td>{@code operation}</td></tr>
 * <tr><td>{@code flowexec.client.token.fetches}</td><td>timer, one per request to the token
 *     endpoint (a token reused from the cache records nothing)</td>
 *     <td>{@code outcome}, {@code error.code}, {@code forced.refresh}</td></tr>
 * </table>
 *
 * <p>Every tag has a bounded set of values, so the number of series stays small whatever the
 * traffic: {@code operation} is {@code launch} or {@code get}; {@code outcome} one of {@code
 * success}, {@code replayed}, {@code client_error}, {@code server_error}, {@code transport_error},
 * {@code deadline}, {@code cancelled}, {@code other}; {@code error.code} one of the contract's
 * codes (or the SDK's own: {@code transport_error}, {@code deadline_exceeded}, {@code
 * malformed_response}, {@code client_closed}), {@code none} on success, {@code other} for a code it
 * does not know; {@code status} the HTTP status class ({@code 2xx}, {@code 4xx}, {@code 5xx}) or
 * {@code none} when no response arrived. On {@code flowexec.client.token.fetches}, {@code
 * error.code} is one of RFC 6749's codes ({@code invalid_client}, {@code invalid_scope}, ...) or
 * the SDK's own, and {@code forced.refresh} is {@code true} when the fetch replaced a token the
 * service refused ({@code 401 invalid_token}). No id, URL, token, secret or message is ever a tag.
 *
 * <p>{@code flowexec.client.attempts} counts every request the client sent, as the listener heard
 * of them: an attempt is one request, or two when the service refused its token ({@code 401
 * invalid_token}) and the transport sent it again with a new one ({@link
 * dev.flowexec.sdk.ExecutionListener#requestResent}). The refused request is then a sample of its
 * own, {@code client_error}, {@code invalid_token}, {@code 4xx}, timed from the attempt's start to
 * the refusal, and the re-send is timed from there to the attempt's end, so the samples of an
 * attempt add up to its duration. {@code flowexec.client.calls} counts the call once, and {@code
 * flowexec.client.retries} nothing: a re-send is no retry.
 *
 * <p>Token fetches are reported by the token provider through the attempt that needed the token
 * ({@link dev.flowexec.sdk.ExecutionListener#tokenFetched}): {@code CachingTokenProvider}, which
 * both of the SDK's transports use for client credentials, reports every fetch; a provider of your
 * own reports only if it implements {@link
 * dev.flowexec.sdk.auth.AccessTokenProvider#token(java.time.Duration,
 * dev.flowexec.sdk.transport.TokenFetchListener)}.
 */
public final class FlowexecMetrics implements ExecutionListener {
  /** The codes a token fetch may fail with; any other becomes {@code other}. */
  static final Set<String> TOKEN_CODES =
      Set.of(
          "invalid_request",
          "invalid_client",
          "invalid_grant",
          "unauthorized_client",
          "unsupported_grant_type",
          "invalid_scope",
          "unsupported_token_type",
          "rate_limited",
          "server_error",
          "temporarily_unavailable",
          "unavailable",
          "transport_error",
          "malformed_response");

  /**
   * The codes that may appear as {@code error.code} of a call or attempt (the contract's, the
   * SDK's, and a failed token fetch's); any other becomes {@code other}.
   */
  static final Set<String> KNOWN_CODES =
      union(
          TOKEN_CODES,
          Set.of(
              "invalid_request",
              "missing_token",
              "invalid_token",
              "insufficient_scope",
              "flow_not_found",
              "execution_not_found",
              "flow_not_published",
              "request_in_progress",
              "idempotency_key_reused",
              "request_too_large",
              "rate_limited",
              "server_error",
              "unavailable",
              "transport_error",
              "deadline_exceeded",
              "malformed_response",
              "client_closed"));

  private static final Set<String> CLIENT_CODES =
      Set.of(
          "invalid_request",
          "missing_token",
          "invalid_token",
          "insufficient_scope",
          "request_too_large");

  private final MeterRegistry registry;
  private final Tags commonTags;
  private final Map<Operation, AtomicInteger> active = new EnumMap<>(Operation.class);
  private final ConcurrentHashMap<String, Timer> calls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> attempts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> retries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> tokenFetches = new ConcurrentHashMap<>();

  /**
   * The time the refused requests of attempts that re-sent took, by call id, until the attempt
   * ends: the re-send's sample is the rest of the attempt. Empty but for those rare attempts.
   */
  private final ConcurrentHashMap<Long, Duration> refused = new ConcurrentHashMap<>();

  private FlowexecMetrics(MeterRegistry registry, Tags commonTags) {
    this.registry = registry;
    this.commonTags = commonTags;
    for (Operation operation : Operation.values()) {
      AtomicInteger count = new AtomicInteger();
      active.put(operation, count);
      Gauge.builder("flowexec.client.calls.active", count, AtomicInteger::get)
          .description("Calls of the Flow Executions API in flight")
          .tags(commonTags)
          .tag("operation", name(operation))
          .register(registry);
    }
  }

  /**
   * Returns metrics recorded in {@code registry}.
   *
   * @param registry where the meters go
   * @return the listener to add to a client
   */
  public static FlowexecMetrics create(MeterRegistry registry) {
    return create(registry, Tags.empty());
  }

  /**
   * Returns metrics recorded in {@code registry}, with extra tags on every meter (such as the
   * client's name when an application has several).
   *
   * @param registry where the meters go
   * @param tags tags added to every meter; keep their values few
   * @return the listener to add to a client
   */
  public static FlowexecMetrics create(MeterRegistry registry, Iterable<Tag> tags) {
    return new FlowexecMetrics(
        Objects.requireNonNull(registry, "registry"),
        Tags.of(Objects.requireNonNull(tags, "tags")));
  }

  @Override
  public void callStarted(CallStarted call) {
    active.get(call.operation()).incrementAndGet();
  }

  /** Records the refused request as an attempt of its own: every request on the wire counts. */
  @Override
  public void requestResent(RequestResent resent) {
    FlowApiException refusal = resent.refusal();
    timer(
            attempts,
            "flowexec.client.attempts",
            "One HTTP attempt to the Flow Executions API",
            resent.operation(),
            false,
            refusal,
            refusal.statusCode())
        .record(resent.duration());
    refused.merge(resent.callId(), resent.duration(), Duration::plus);
  }

  @Override
  public void attemptFinished(AttemptFinished attempt) {
    RuntimeException failure = attempt.failure().orElse(null);
    boolean replayed = attempt.response().map(r -> r.replayed()).orElse(false);
    Duration took = attempt.duration();
    if (!refused.isEmpty()) { // no boxing of the call id unless some attempt re-sent
      Duration before = refused.remove(attempt.callId());
      if (before != null) {
        took = took.compareTo(before) > 0 ? took.minus(before) : Duration.ZERO;
      }
    }
    timer(
            attempts,
            "flowexec.client.attempts",
            "One HTTP attempt to the Flow Executions API",
            attempt.operation(),
            replayed,
            failure,
            attempt.statusCode())
        .record(took);
  }

  @Override
  public void tokenFetched(TokenFetched fetch) {
    RuntimeException failure = fetch.failure().orElse(null);
    String outcome = outcome(false, failure, fetch.statusCode());
    String code =
        failure == null ? "none" : fetch.errorCode().filter(TOKEN_CODES::contains).orElse("other");
    String forced = fetch.forcedRefresh() ? "true" : "false";
    String key = outcome + '|' + code + '|' + forced;
    Timer timer = tokenFetches.get(key);
    if (timer == null) {
      timer =
          tokenFetches.computeIfAbsent(
              key,
              k ->
                  Timer.builder("flowexec.client.token.fetches")
                      .description("Requests for an access token to the token endpoint")
                      .tags(commonTags)
                      .tag("outcome", outcome)
                      .tag("error.code", code)
                      .tag("forced.refresh", forced)
                      .register(registry));
    }
    timer.record(fetch.duration());
  }

  @Override
  public void retryScheduled(RetryScheduled retry) {
    String reason = code(retry.cause());
    String key = name(retry.operation()) + '|' + reason;
    retries
        .computeIfAbsent(
            key,
            k ->
                Counter.builder("flowexec.client.retries")
                    .description("Retries scheduled by the client, by the failure that caused them")
                    .tags(commonTags)
                    .tag("operation", name(retry.operation()))
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }

  @Override
  public void callFinished(CallFinished call) {
    active.get(call.operation()).decrementAndGet();
    if (!refused.isEmpty()) {
      refused.remove(
          call.callId()); // an attempt abandoned after its re-send, such as at a deadline
    }
    RuntimeException failure = call.failure().orElse(null);
    boolean replayed = call.metadata().map(m -> m.replayed()).orElse(false);
    int status =
        call.metadata()
            .map(m -> m.statusCode())
            .orElse(
                failure instanceof FlowApiException
                    ? ((FlowApiException) failure).statusCode()
                    : 0);
    timer(
            calls,
            "flowexec.client.calls",
            "Calls of the Flow Executions API, retries included",
            call.operation(),
            replayed,
            failure,
            status)
        .record(call.duration());
  }

  private Timer timer(
      ConcurrentHashMap<String, Timer> cache,
      String name,
      String description,
      Operation operation,
      boolean replayed,
      RuntimeException failure,
      int status) {
    String outcome = outcome(replayed, failure, status);
    String code = failure == null ? "none" : code(failure);
    String statusClass = status < 100 || status > 599 ? "none" : (status / 100) + "xx";
    String key = name(operation) + '|' + outcome + '|' + code + '|' + statusClass;
    Timer timer = cache.get(key);
    if (timer == null) {
      timer =
          cache.computeIfAbsent(
              key,
              k ->
                  Timer.builder(name)
                      .description(description)
                      .tags(commonTags)
                      .tag("operation", name(operation))
                      .tag("outcome", outcome)
                      .tag("error.code", code)
                      .tag("status", statusClass)
                      .register(registry));
    }
    return timer;
  }

  static String outcome(boolean replayed, RuntimeException failure, int status) {
    if (failure == null) {
      return replayed ? "replayed" : "success";
    }
    if (failure instanceof DeadlineExceededException) {
      return "deadline";
    }
    if (failure instanceof CancellationException) {
      return "cancelled";
    }
    if (failure instanceof TransportException) {
      return "transport_error";
    }
    if (status >= 400 && status < 500) {
      return "client_error";
    }
    if (status >= 500) {
      return "server_error";
    }
    // No response, and no I/O failure: refused by the SDK itself before sending, such as a token
    // that lacks the scope, or the client was closed.
    if (failure instanceof FlowApiException
        && CLIENT_CODES.contains(((FlowApiException) failure).errorCode())) {
      return "client_error";
    }
    return "other";
  }

  static String code(RuntimeException failure) {
    if (!(failure instanceof FlowApiException)) {
      return failure instanceof CancellationException ? "cancelled" : "other";
    }
    String code = ((FlowApiException) failure).errorCode();
    return code != null && KNOWN_CODES.contains(code) ? code : "other";
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private static String name(Operation operation) {
    return operation.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "FlowexecMetrics{registry="
        + registry.getClass().getSimpleName()
        + ", tags="
        + commonTags
        + "}";
  }
}
