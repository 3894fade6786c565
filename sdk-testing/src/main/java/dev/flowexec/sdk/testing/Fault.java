package dev.flowexec.sdk.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A failure the emulator acts out instead of (or around) answering a request normally. Create one
 * with a factory method and hand it to {@link FaultScript#next(int, Fault)} or {@link
 * FaultScript#random(double, long, Fault...)}. A fault applies to {@link Endpoint#LAUNCH} requests
 * unless {@link #on(Endpoint...)} says otherwise. Immutable.
 */
public final class Fault {
  /** What a fault does. */
  public enum Kind {
    /**
     * Answers a 5xx status with a JSON error body ({@code server_error} or {@code unavailable}).
     */
    JSON_ERROR,
    /** Answers {@code 502} with an HTML page, as a proxy in front of the service would. */
    HTML_BAD_GATEWAY,
    /** Answers a status with an empty body. */
    EMPTY_BODY,
    /** Waits {@link #delay()} and then answers normally. */
    SLOW_RESPONSE,
    /** Answers {@code 429 rate_limited} with a {@code Retry-After} header. */
    RATE_LIMITED,
    /** Closes the connection without an answer; nothing is recorded (a launch does not happen). */
    DROP_CONNECTION_BEFORE_PROCESSING,
    /**
     * Handles the request normally (a launch is recorded) and then closes the connection without
     * sending the answer.
     */
    DROP_CONNECTION_AFTER_PROCESSING,
    /**
     * Answers normally, and then acts as a proxy or load balancer that closes connections idle for
     * longer than {@link #delay()}, without {@code Connection: close}: the next request that
     * arrives on the connection after such a pause finds it closed (the emulator drops it unread;
     * nothing is recorded, a launch does not happen). The rule stays with the connection.
     */
    CLOSE_WHEN_IDLE
  }

  private final Kind kind;
  private final int status;
  private final Duration delay;
  private final RetryAfterFormat retryAfterFormat;
  private final Set<Endpoint> endpoints;
  private final String retryAfter;

  private Fault(
      Kind kind,
      int status,
      Duration delay,
      RetryAfterFormat format,
      Set<Endpoint> endpoints,
      String retryAfter) {
    this.kind = kind;
    this.status = status;
    this.delay = delay;
    this.retryAfterFormat = format;
    this.endpoints = endpoints;
    this.retryAfter = retryAfter;
  }

  private static Fault of(Kind kind, int status, Duration delay, RetryAfterFormat format) {
    return new Fault(
        kind,
        status,
        delay,
        format,
        Collections.unmodifiableSet(EnumSet.of(Endpoint.LAUNCH)),
        null);
  }

  /**
   * Answers a server-error status with the service's JSON error body: {@code error_code} {@code
   * server_error} for 500 and {@code unavailable} for any other 5xx status.
   *
   * @param status a status from 500 to 599 (the contract names 500, 502, 503 and 504)
   * @return the fault
   * @throws IllegalArgumentException if the status is not a 5xx status
   */
  public static Fault status(int status) {
    requireServerError(status);
    return of(Kind.JSON_ERROR, status, Duration.ZERO, null);
  }

  /**
   * Answers {@code 503 unavailable} with the service's JSON error body and this {@code Retry-After}
   * value, verbatim: delay-seconds, an HTTP-date, {@code 0} (which some HTTP clients re-send at
   * once on their own) or a number past the int range ({@code 99999999999}, valid under RFC 9110),
   * as middleboxes send them.
   *
   * @param retryAfter the header's value: printable ASCII, not empty
   * @return the fault
   * @throws IllegalArgumentException if the value could not be sent as a header
   */
  public static Fault unavailable(String retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isEmpty() || !retryAfter.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException(
          "retryAfter must be printable ASCII and not empty: \"" + retryAfter + "\"");
    }
    return new Fault(
        Kind.JSON_ERROR,
        503,
        Duration.ZERO,
        null,
        Collections.unmodifiableSet(EnumSet.of(Endpoint.LAUNCH)),
        retryAfter);
  }

  /**
   * Acts as a middlebox that closes connections idle for longer than {@code idle}: this request is
   * answered normally, and the next one on the same connection after a longer pause is dropped
   * unread, as if the connection had been closed meanwhile without {@code Connection: close}.
   * Clients that reuse pooled connections see it fail before any response byte.
   *
   * @param idle the idle time after which the connection counts as closed, not negative
   * @return the fault
   */
  public static Fault closeWhenIdle(Duration idle) {
    Objects.requireNonNull(idle, "idle");
    if (idle.isNegative()) {
      throw new IllegalArgumentException("idle must not be negative: " + idle);
    }
    return of(Kind.CLOSE_WHEN_IDLE, 0, idle, null);
  }

  /**
   * Answers {@code 502 Bad Gateway} with a {@code text/html} page instead of JSON.
   *
   * @return the fault
   */
  public static Fault htmlBadGateway() {
    return of(Kind.HTML_BAD_GATEWAY, 502, Duration.ZERO, null);
  }

  /**
   * Answers a status with an empty body and no {@code Content-Type}.
   *
   * @param status a status from 500 to 599, usually 503
   * @return the fault
   * @throws IllegalArgumentException if the status is not a 5xx status
   */
  public static Fault emptyBody(int status) {
    requireServerError(status);
    return of(Kind.EMPTY_BODY, status, Duration.ZERO, null);
  }

  /**
   * Waits before handling the request normally; use it to exercise client timeouts. The wait is
   * real time (not the emulator's clock) and ends early when the emulator closes.
   *
   * @param delay how long to wait
   * @return the fault
   */
  public static Fault slowResponse(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    return of(Kind.SLOW_RESPONSE, 0, delay, null);
  }

  /**
   * Answers {@code 429 rate_limited}, with {@code Retry-After} in the given form and {@code
   * retry_after_seconds} in the body.
   *
   * @param retryAfter how long the client should wait; rounded up to whole seconds
   * @param format the form of the {@code Retry-After} header
   * @return the fault
   */
  public static Fault rateLimited(Duration retryAfter, RetryAfterFormat format) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(format, "format");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
    return of(Kind.RATE_LIMITED, 429, retryAfter, format);
  }

  /**
   * Closes the connection before the request is handled: the client sees an I/O error and no
   * execution is created.
   *
   * @return the fault
   */
  public static Fault dropConnectionBeforeProcessing() {
    return of(Kind.DROP_CONNECTION_BEFORE_PROCESSING, 0, Duration.ZERO, null);
  }

  /**
   * Handles the request normally (a launch creates its execution) and then closes the connection
   * instead of answering: the client sees an I/O error although the execution exists. This is the
   * case that idempotent retries exist for.
   *
   * @return the fault
   */
  public static Fault dropConnectionAfterProcessing() {
    return of(Kind.DROP_CONNECTION_AFTER_PROCESSING, 0, Duration.ZERO, null);
  }

  /**
   * Returns this fault applying to the given endpoints instead.
   *
   * @param endpoints one or more endpoints
   * @return a copy of this fault with those endpoints
   */
  public Fault on(Endpoint... endpoints) {
    if (endpoints.length == 0) {
      throw new IllegalArgumentException("name at least one endpoint");
    }
    return new Fault(
        kind,
        status,
        delay,
        retryAfterFormat,
        Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(endpoints))),
        retryAfter);
  }

  /**
   * What this fault does.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The status answered, for the kinds that answer one.
   *
   * @return the status, or 0 for the kinds that answer normally or not at all
   */
  public int status() {
    return status;
  }

  /**
   * The {@code Retry-After} value of a fault made by {@link #unavailable(String)}.
   *
   * @return the value as sent, empty for other faults
   */
  public Optional<String> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * The wait of a {@link Kind#SLOW_RESPONSE}, the retry delay of a {@link Kind#RATE_LIMITED}, or
   * the idle time of a {@link Kind#CLOSE_WHEN_IDLE}.
   *
   * @return the duration, zero for the other kinds
   */
  public Duration delay() {
    return delay;
  }

  /**
   * The {@code Retry-After} form of a {@link Kind#RATE_LIMITED} fault.
   *
   * @return the form, empty for the other kinds
   */
  public Optional<RetryAfterFormat> retryAfterFormat() {
    return Optional.ofNullable(retryAfterFormat);
  }

  /**
   * The endpoints this fault applies to.
   *
   * @return an unmodifiable, non-empty set
   */
  public Set<Endpoint> endpoints() {
    return endpoints;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Fault{").append(kind);
    if (status != 0) {
      sb.append(", status=").append(status);
    }
    if (!delay.isZero()) {
      sb.append(", delay=").append(delay);
    }
    if (retryAfterFormat != null) {
      sb.append(", ").append(retryAfterFormat);
    }
    if (retryAfter != null) {
      sb.append(", Retry-After: ").append(retryAfter);
    }
    return sb.append(", on=").append(endpoints).append('}').toString();
  }

  private static void requireServerError(int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("not a 5xx status: " + status);
    }
  }
}
