package dev.flowexec.sdk.transport;

import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.RequestValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 *
 * <p>Immutable; {@code equals}, {@code hashCode} and {@code toString} cover the timeout, deadline,
 * headers and {@link #freshConnection()}.
 */
public final class CallOptions {
  // Written by hand, not generated: the client makes options for every attempt, and a generated
  // builder cost about 260 bytes each time where this one costs about 60.
  private static final CallOptions DEFAULTS =
      new CallOptions(
          null,
          null,
          Collections.emptyMap(),
          false,
          TokenFetchListener.none(),
          ResendListener.none());
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "authorization",
          "idempotency-key",
          "content-type",
          "content-length",
          "host",
          "transfer-encoding",
          "connection");

  private final Duration timeout;
  private final Instant deadline;
  private final Map<String, String> headers;
  private final boolean freshConnection;
  private final TokenFetchListener tokenFetchListener;
  private final ResendListener resendListener;

  private CallOptions(
      Duration timeout,
      Instant deadline,
      Map<String, String> headers,
      boolean freshConnection,
      TokenFetchListener tokenFetchListener,
      ResendListener resendListener) {
    this.timeout = timeout;
    this.deadline = deadline;
    this.headers = headers;
    this.freshConnection = freshConnection;
    this.tokenFetchListener = tokenFetchListener;
    this.resendListener = resendListener;
  }

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
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns how long the call may take, from its start.
   *
   * @return the timeout, if set
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * Returns the instant by which the call must end, on the client's clock.
   *
   * @return the deadline, if set
   */
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  /**
   * Returns extra request headers, such as a correlation id. The headers the SDK owns ({@code
   * Authorization}, {@code Idempotency-Key}, {@code Content-Type}, ...) are refused, and so are
   * names that are not HTTP tokens and values with anything but printable ASCII and tabs (HTTP
   * clients refuse those at send time): {@code build()} throws a {@link
   * dev.flowexec.sdk.errors.RequestValidationException} naming {@code headers.<name>}.
   *
   * @return an immutable map of header name to value
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Tells the transport to send this attempt on a new connection of its own, not on a pooled one.
   * The client sets it on the attempt that re-sends a request whose reused connection was lost
   * before any response byte ({@link
   * dev.flowexec.sdk.errors.TransportException#reusedConnectionLost()}), so that the re-send cannot
   * meet the same fate. A transport without a connection pool may ignore it. Default: false.
   *
   * @return whether the attempt must not reuse a pooled connection
   */
  public boolean freshConnection() {
    return freshConnection;
  }

  /**
   * Returns a copy with another timeout.
   *
   * @param timeout how long the call may take, positive; null for none
   * @return the copy
   * @throws IllegalArgumentException if the timeout is zero or negative
   */
  public CallOptions withTimeout(Duration timeout) {
    if (Objects.equals(this.timeout, timeout)) {
      return this;
    }
    return new CallOptions(
        checkTimeout(timeout),
        deadline,
        headers,
        freshConnection,
        tokenFetchListener,
        resendListener);
  }

  /**
   * Returns a copy with another deadline.
   *
   * @param deadline the instant by which the call must end; null for none
   * @return the copy
   */
  public CallOptions withDeadline(Instant deadline) {
    if (Objects.equals(this.deadline, deadline)) {
      return this;
    }
    return new CallOptions(
        timeout, deadline, headers, freshConnection, tokenFetchListener, resendListener);
  }

  /**
   * Returns a copy whose extra headers are {@code headers}, replacing all of them.
   *
   * @param headers header names to values, as for {@link #headers()}
   * @return the copy
   * @throws RequestValidationException if a header is refused
   */
  public CallOptions withHeaders(Map<String, ? extends String> headers) {
    if (this.headers == headers) {
      return this;
    }
    return new CallOptions(
        timeout,
        deadline,
        checkHeaders(copyOf(headers)),
        freshConnection,
        tokenFetchListener,
        resendListener);
  }

  /**
   * Returns where the transport reports the token fetches of this attempt; a transport passes it to
   * {@link dev.flowexec.sdk.auth.AccessTokenProvider#token(Duration, TokenFetchListener)}. The
   * client sets it on each attempt's options, so that its listeners hear of every fetch ({@link
   * dev.flowexec.sdk.ExecutionListener#tokenFetched}); one set on the options of a call hears that
   * call's fetches too. Not part of {@code equals}, {@code hashCode} or {@code toString}.
   *
   * @return the listener; {@link TokenFetchListener#none()} by default
   */
  public TokenFetchListener tokenFetchListener() {
    return tokenFetchListener;
  }

  /**
   * Returns what the transport tells when it sends this attempt's request again after a refused
   * token, and which headers that request carries; see {@link ResendListener}. The client sets it
   * on each attempt's options, so that its listeners hear of the re-send and may give it headers of
   * its own ({@link dev.flowexec.sdk.ExecutionListener#requestResent}); one set on the options of a
   * call is told first. Not part of {@code equals}, {@code hashCode} or {@code toString}.
   *
   * @return the listener; {@link ResendListener#none()} by default
   */
  public ResendListener resendListener() {
    return resendListener;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof CallOptions)) {
      return false;
    }
    CallOptions that = (CallOptions) other;
    return Objects.equals(timeout, that.timeout)
        && Objects.equals(deadline, that.deadline)
        && headers.equals(that.headers)
        && freshConnection == that.freshConnection;
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, deadline, headers, freshConnection);
  }

  /** Returns the timeout and deadline when set, the headers and {@link #freshConnection()}. */
  @Override
  public String toString() {
    return "CallOptions{"
        + (timeout != null ? "timeout=" + timeout + ", " : "")
        + (deadline != null ? "deadline=" + deadline + ", " : "")
        + "headers="
        + headers
        + ", freshConnection="
        + freshConnection
        + "}";
  }

  /** An immutable copy in the same order; names and values must not be null. */
  private static Map<String, String> copyOf(Map<String, ? extends String> headers) {
    if (headers.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> copy = new LinkedHashMap<>(headers.size() * 4 / 3 + 1);
    headers.forEach((name, value) -> copy.put(checkedName(name), checkedValue(name, value)));
    return Collections.unmodifiableMap(copy);
  }

  private static String checkedName(String name) {
    return Objects.requireNonNull(name, "headers key");
  }

  private static String checkedValue(String name, String value) {
    if (value == null) {
      throw new NullPointerException("headers value for key: " + name);
    }
    return value;
  }

  private static Duration checkTimeout(Duration timeout) {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException(
          "timeout is " + timeout + ": use a positive duration, such as Duration.ofSeconds(10)");
    }
    return timeout;
  }

  private static Map<String, String> checkHeaders(Map<String, String> headers) {
    if (headers.isEmpty()) {
      return headers; // the common case, each attempt of a call without extra headers
    }
    List<FieldError> errors = null;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      errors = headerErrors(header.getKey(), header.getValue(), errors);
    }
    if (errors != null) {
      throw new RequestValidationException(errors);
    }
    return headers;
  }

  /**
   * Checks one header by the rules of {@link #headers()}, as {@code build()} does: for a transport
   * or a listener that adds headers of its own. Allocates nothing when the header is allowed.
   *
   * @param name the header's name
   * @param value its value
   * @throws dev.flowexec.sdk.errors.RequestValidationException naming {@code headers.<name>} if the
   *     header is not allowed
   */
  public static void checkHeader(String name, String value) {
    List<FieldError> errors =
        headerErrors(
            Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"), null);
    if (errors != null) {
      throw new RequestValidationException(errors);
    }
  }

  /** {@code errors} with those of one header added; null while there are none. */
  private static List<FieldError> headerErrors(String name, String value, List<FieldError> errors) {
    if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
      String path = "headers." + name;
      errors =
          with(
              errors,
              FieldError.of(
                  path,
                  "not_allowed",
                  path
                      + " is a header the SDK sets itself:"
                      + " remove it (configure credentials on the transport)"));
    } else if (!isToken(name)) {
      errors =
          with(
              errors,
              FieldError.of(
                  "headers." + name,
                  "invalid_format",
                  "headers."
                      + printable(name)
                      + " is not a valid HTTP header name: use letters, digits and - only"));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        String path = "headers." + name;
        errors =
            with(
                errors,
                FieldError.of(
                    path,
                    "invalid_format",
                    path + " contains a line break: header values must be one line"));
        break;
      }
      if (c != '\t' && (c < 0x20 || c > 0x7e)) {
        String path = "headers." + name;
        errors =
            with(
                errors,
                FieldError.of(
                    path,
                    "invalid_format",
                    String.format(
                        Locale.ROOT,
                        "%s has \\u%04x at index %d, which HTTP clients refuse in a header value: use"
                            + " printable ASCII only (percent-encode other text, as RFC 8187 does)",
                        path,
                        (int) c,
                        i)));
        break;
      }
    }
    return errors;
  }

  private static List<FieldError> with(List<FieldError> errors, FieldError error) {
    List<FieldError> all = errors == null ? new ArrayList<>(2) : errors;
    all.add(error);
    return all;
  }

  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String name) {
    StringBuilder out = new StringBuilder(name.length());
    name.chars()
        .forEach(
            c ->
                out.append(
                    c >= 0x20 && c < 0x7f
                        ? String.valueOf((char) c)
                        : String.format(Locale.ROOT, "\\u%04x", c)));
    return out.toString();
  }

  private static boolean isTokenChar(int c) {
    return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
  }

  /** Builds {@link CallOptions}; every field is optional, and a null clears it. */
  public static final class Builder {
    private Duration timeout;
    private Instant deadline;
    private Map<String, String> headers; // made on the first header
    private boolean freshConnection;
    private TokenFetchListener tokenFetchListener = TokenFetchListener.none();
    private ResendListener resendListener = ResendListener.none();

    private Builder() {}

    /**
     * Sets how long the call may take, from its start.
     *
     * @param timeout a positive duration; null for none
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the instant by which the call must end, on the client's clock.
     *
     * @param deadline the deadline; null for none
     * @return this builder
     */
    public Builder deadline(Instant deadline) {
      this.deadline = deadline;
      return this;
    }

    /**
     * Puts one extra request header; see {@link CallOptions#headers()} for the names refused.
     *
     * @param name the header name
     * @param value the value: printable ASCII and tabs
     * @return this builder
     */
    public Builder putHeaders(String name, String value) {
      if (headers == null) {
        headers = new LinkedHashMap<>();
      }
      headers.put(checkedName(name), checkedValue(name, value));
      return this;
    }

    /**
     * Puts every entry of {@code headers}.
     *
     * @param headers header names to values
     * @return this builder
     */
    public Builder putAllHeaders(Map<String, ? extends String> headers) {
      for (Map.Entry<String, ? extends String> header : headers.entrySet()) {
        putHeaders(header.getKey(), header.getValue());
      }
      return this;
    }

    /**
     * Sets where the token fetches are reported; see {@link CallOptions#tokenFetchListener()}.
     *
     * @param tokenFetchListener the listener
     * @return this builder
     */
    public Builder tokenFetchListener(TokenFetchListener tokenFetchListener) {
      this.tokenFetchListener = Objects.requireNonNull(tokenFetchListener, "tokenFetchListener");
      return this;
    }

    /**
     * Sets what is told of a re-send after a refused token; see {@link
     * CallOptions#resendListener()}.
     *
     * @param resendListener the listener
     * @return this builder
     */
    public Builder resendListener(ResendListener resendListener) {
      this.resendListener = Objects.requireNonNull(resendListener, "resendListener");
      return this;
    }

    /**
     * Sends the attempt on a new connection; see {@link CallOptions#freshConnection()}.
     *
     * @param freshConnection whether a pooled connection must not be reused
     * @return this builder
     */
    public Builder freshConnection(boolean freshConnection) {
      this.freshConnection = freshConnection;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException if the timeout is zero or negative
     * @throws RequestValidationException naming each refused header
     */
    public CallOptions build() {
      return new CallOptions(
          checkTimeout(timeout),
          deadline,
          headers == null ? Collections.emptyMap() : checkHeaders(copyOf(headers)),
          freshConnection,
          tokenFetchListener,
          resendListener);
    }
  }
}
