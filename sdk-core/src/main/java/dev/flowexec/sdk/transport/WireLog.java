package dev.flowexec.sdk.transport;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The wire log every transport writes, on the {@link System.Logger} {@value #LOGGER}: at TRACE
 * every request and response of the API and the token endpoint, with headers and bodies. (The DEBUG
 * line per token fetch comes from the client's log, {@code dev.flowexec.sdk.client}, for every
 * transport.) The transport tells what it sent and received; this class decides what a line shows,
 * so every transport logs the same lines.
 *
 * <p>Credentials never appear: {@code Authorization}, cookies and any header {@link
 * ResponseHeaders#isSensitive named like a credential} show {@code <redacted>}, and so do {@code
 * client_secret}, {@code client_assertion}, {@code password} and {@code refresh_token} in form
 * bodies and {@code access_token}, {@code refresh_token}, {@code id_token} and {@code
 * client_secret} in JSON bodies; URLs lose their user info, query and fragment. Every line also
 * goes through the scrub given to {@link #create(UnaryOperator)}, which removes a client secret
 * wherever a server echoed it. Bodies are cut at {@value #MAX_BODY_CHARS} characters.
 *
 * <p>When TRACE is off, {@link #isEnabled()} is false and a transport should do no other work.
 * Thread-safe.
 *
 * <pre>{@code
 * WireLog.Exchange exchange = wire.isEnabled() ? wire.request("POST", uri, headers, body, false) : null;
 * ...
 * if (exchange != null) exchange.response(status, responseHeaders, responseBody);
 * }</pre>
 */
public final class WireLog {
  /** The logger's name. */
  public static final String LOGGER = "dev.flowexec.sdk.wire";

  /** The most characters of a body shown at TRACE. */
  public static final int MAX_BODY_CHARS = 4096;

  private static final String REDACTED = "<redacted>";
  private static final Pattern FORM_SECRETS =
      Pattern.compile("((?:^|&)(?:client_secret|client_assertion|password|refresh_token)=)[^&]*");
  private static final Pattern JSON_SECRETS =
      Pattern.compile(
          "(\"(?:access_token|refresh_token|id_token|client_secret)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

  private final System.Logger log;
  private final UnaryOperator<String> scrub;

  private WireLog(System.Logger log, UnaryOperator<String> scrub) {
    this.log = log;
    this.scrub = scrub;
  }

  /**
   * Returns the wire log of a transport.
   *
   * @param scrub applied to every line before it is logged, such as {@link
   *     dev.flowexec.sdk.auth.ClientCredentials#redact}; beyond the fields redacted by name
   * @return the log on {@value #LOGGER}
   */
  public static WireLog create(UnaryOperator<String> scrub) {
    return new WireLog(System.getLogger(LOGGER), Objects.requireNonNull(scrub, "scrub"));
  }

  /**
   * Tells whether anything is logged: TRACE is on for {@value #LOGGER}.
   *
   * @return false when a transport should skip the log entirely, copying no body
   */
  public boolean isEnabled() {
    return log.isLoggable(Level.TRACE);
  }

  /**
   * Logs a request as it is sent (at TRACE) and starts the clock of its exchange.
   *
   * @param method the HTTP method
   * @param url the request's URL; only scheme, host, port and path are shown
   * @param headers the request's headers, name to values
   * @param body the body as text, or null when there is none or it cannot be shown
   * @param form whether the body is a form (a token request), redacted as such
   * @return the exchange, to report its outcome on
   */
  public Exchange request(
      String method,
      URI url,
      Map<String, ? extends List<String>> headers,
      String body,
      boolean form) {
    Exchange exchange = new Exchange(method, withoutCredentials(url));
    write(
        "--> "
            + method
            + " "
            + exchange.url
            + "\n"
            + headers(headers)
            + shown(body == null ? "" : redact(body, form)));
    return exchange;
  }

  /** One request and its outcome. */
  public final class Exchange {
    private final String method;
    private final String url;
    private final long startNanos = System.nanoTime();

    private Exchange(String method, String url) {
      this.method = method;
      this.url = url;
    }

    /**
     * Logs the response: status, time, headers and body.
     *
     * @param status the status code
     * @param headers the response's headers, name to values
     * @param body the body as text (its start is enough), or null when none was read
     */
    public void response(int status, Map<String, ? extends List<String>> headers, String body) {
      write(
          "<-- "
              + status
              + " "
              + method
              + " "
              + url
              + " ("
              + millis()
              + " ms)\n"
              + headers(headers)
              + shown(body == null ? "" : redact(body, false)));
    }

    /**
     * Logs that no response came.
     *
     * @param failure what went wrong; only its type is shown
     */
    public void failed(Throwable failure) {
      write(
          "<-- "
              + method
              + " "
              + url
              + " failed after "
              + millis()
              + " ms: "
              + failure.getClass().getName());
    }

    private long millis() {
      return (System.nanoTime() - startNanos) / 1_000_000;
    }
  }

  private void write(String line) {
    log.log(Level.TRACE, scrub.apply(line));
  }

  /** {@code url} without user info, query and fragment, which may carry credentials. */
  static String withoutCredentials(URI url) {
    StringBuilder shown =
        new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
    if (url.getPort() >= 0) {
      shown.append(':').append(url.getPort());
    }
    return shown
        .append(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        .toString();
  }

  private static String headers(Map<String, ? extends List<String>> headers) {
    StringBuilder text = new StringBuilder();
    headers.forEach(
        (name, values) -> {
          for (String value : values) {
            text.append(name)
                .append(": ")
                .append(ResponseHeaders.isSensitive(name) ? REDACTED : value)
                .append('\n');
          }
        });
    return text.toString();
  }

  /** Hides every credential a body may carry. */
  static String redact(String body, boolean form) {
    String json = JSON_SECRETS.matcher(body).replaceAll("$1\"" + REDACTED + "\"");
    return form ? FORM_SECRETS.matcher(json).replaceAll("$1" + REDACTED) : json;
  }

  private static String shown(String text) {
    if (text.isEmpty()) {
      return "(no body)";
    }
    return text.length() <= MAX_BODY_CHARS
        ? text
        : text.substring(0, MAX_BODY_CHARS) + "... (cut at " + MAX_BODY_CHARS + " characters)";
  }
}
