package dev.flowexec.sdk.transport;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The wire log every transport writes, on the {@link System.Logger} {@value #LOGGER}: at DEBUG one
 * line per token fetch (URL, status, request id, time); at TRACE every request and response of the
 * API and the token endpoint, with headers and bodies. The transport tells what it sent and
 * received; this class decides what a line shows, so every transport logs the same lines.
 *
 * <p>Credentials never appear: {@code Authorization}, cookies and any header
 * {@link ResponseHeaders#isSensitive named like a credential} show {@code <redacted>}, and so do
 * {@code client_secret}, {@code client_assertion}, {@code password} and {@code refresh_token} in
 * form bodies and {@code access_token}, {@code refresh_token}, {@code id_token} and
 * {@code client_secret} in JSON bodies; URLs lose their user info, query and fragment. Every line
 * also goes through the scrub given to {@link #create(UnaryOperator)}, which removes a client
 * secret wherever a server echoed it. Bodies are cut at {@value #MAX_BODY_CHARS} characters.
 *
 * <p>When DEBUG is off, {@link #isEnabled()} is false and a transport should do no other work.
 * Thread-safe.
 *
 * <pre>{@code
 * WireLog.Exchange exchange = log.isEnabled() ? log.request("POST", uri, headers, body, false) : null;
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
  private static final Pattern JSON_SECRETS = Pattern.compile(
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
   * @param scrub applied to every line before it is logged, such as
   *     {@link dev.flowexec.sdk.auth.ClientCredentials#redact}; beyond the fields redacted by name
   * @return the log on {@value #LOGGER}
   */
  public static WireLog create(UnaryOperator<String> scrub) {
    return new WireLog(System.getLogger(LOGGER), Objects.requireNonNull(scrub, "scrub"));
  }

  /**
   * Tells whether anything is logged: DEBUG is on for {@value #LOGGER}.
   *
   * @return false when a transport should skip the log entirely
   */
  public boolean isEnabled() {
    return log.isLoggable(Level.DEBUG);
  }

  /**
   * Tells whether requests and responses are logged in full: TRACE is on. A transport that must
   * copy a body to log it should do so only then.
   *
   * @return whether TRACE is on
   */
  public boolean isTracing() {
    return log.isLoggable(Level.TRACE);
  }

  /**
   * Logs a request as it is sent (at TRACE) and starts the clock of its exchange.
   *
   * @param method the HTTP method
   * @param url the request's URL; only scheme, host, port and path are shown
   * @param headers the request's headers, name to values
   * @param body the body as text, or null when there is none or it cannot be shown
   * @param tokenFetch whether this is a token request (a form), which DEBUG reports and whose body
   *     is redacted as a form
   * @return the exchange, to report its outcome on
   */
  public Exchange request(String method, URI url, Map<String, ? extends List<String>> headers,
      String body, boolean tokenFetch) {
    Exchange exchange = new Exchange(method, withoutCredentials(url), tokenFetch);
    if (isTracing()) {
      write(Level.TRACE, "--> " + method + " " + exchange.url + "\n" + headers(headers)
          + shown(body == null ? "" : redact(body, tokenFetch)));
    }
    return exchange;
  }

  /** One request and its outcome. */
  public final class Exchange {
    private final String method;
    private final String url;
    private final boolean tokenFetch;
    private final long startNanos = System.nanoTime();

    private Exchange(String method, String url, boolean tokenFetch) {
      this.method = method;
      this.url = url;
      this.tokenFetch = tokenFetch;
    }

    /**
     * Logs the response: the token fetch's DEBUG line, and at TRACE the status, headers and body.
     *
     * @param status the status code
     * @param headers the response's headers, name to values
     * @param body the body as text (its start is enough), or null when none was read
     */
    public void response(int status, Map<String, ? extends List<String>> headers, String body) {
      long millis = millis();
      if (tokenFetch) {
        write(Level.DEBUG, "token fetch " + method + " " + url + ": " + status + ", request "
            + requestId(headers) + ", " + millis + " ms");
      }
      if (isTracing()) {
        write(Level.TRACE, "<-- " + status + " " + method + " " + url + " (" + millis + " ms)\n"
            + headers(headers) + shown(body == null ? "" : redact(body, false)));
      }
    }

    /**
     * Logs that no response came: the token fetch's DEBUG line, and a TRACE line.
     *
     * @param failure what went wrong; only its type is shown
     */
    public void failed(Throwable failure) {
      long millis = millis();
      if (tokenFetch) {
        write(Level.DEBUG, "token fetch " + method + " " + url + ": no response after " + millis
            + " ms (" + failure.getClass().getName() + ")");
      }
      if (isTracing()) {
        write(Level.TRACE, "<-- " + method + " " + url + " failed after " + millis + " ms: "
            + failure.getClass().getName());
      }
    }

    private long millis() {
      return (System.nanoTime() - startNanos) / 1_000_000;
    }
  }

  private void write(Level level, String line) {
    log.log(level, scrub.apply(line));
  }

  /** {@code url} without user info, query and fragment, which may carry credentials. */
  static String withoutCredentials(URI url) {
    StringBuilder shown = new StringBuilder().append(url.getScheme()).append("://")
        .append(url.getHost());
    if (url.getPort() >= 0) {
      shown.append(':').append(url.getPort());
    }
    return shown.append(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
        .toString();
  }

  private static String headers(Map<String, ? extends List<String>> headers) {
    StringBuilder text = new StringBuilder();
    headers.forEach((name, values) -> {
      for (String value : values) {
        text.append(name).append(": ")
            .append(ResponseHeaders.isSensitive(name) ? REDACTED : value).append('\n');
      }
    });
    return text.toString();
  }

  private static String requestId(Map<String, ? extends List<String>> headers) {
    for (Map.Entry<String, ? extends List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("X-Request-Id") && !header.getValue().isEmpty()) {
        return header.getValue().get(0);
      }
    }
    return "-";
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
    return text.length() <= MAX_BODY_CHARS ? text
        : text.substring(0, MAX_BODY_CHARS) + "... (cut at " + MAX_BODY_CHARS + " characters)";
  }
}
