package dev.flowexec.sdk.retrofit.internal;

import dev.flowexec.sdk.transport.ResponseHeaders;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * The transport's wire log, on the logger {@code dev.flowexec.sdk.wire}: at TRACE every request
 * and response of the API and the token endpoint with headers and bodies. (The DEBUG line per
 * token fetch comes from the client's log, {@code dev.flowexec.sdk.client}, for every transport.) Credentials never appear: {@code Authorization},
 * cookies and any header named like a token or secret show {@code <redacted>}, and so do
 * {@code client_secret}, {@code client_assertion} and {@code password} in form bodies and
 * {@code access_token}, {@code refresh_token}, {@code id_token} and {@code client_secret} in JSON
 * bodies. Bodies are cut at {@link #MAX_BODY_CHARS} characters. When TRACE is off, the cost is one
 * level check per exchange. Not public API.
 */
public final class WireLog implements Interceptor {
  /** The logger's name. */
  public static final String LOGGER = "dev.flowexec.sdk.wire";
  /** The most of a body shown at TRACE. */
  public static final int MAX_BODY_CHARS = 4096;

  private static final String REDACTED = "<redacted>";
  private static final Pattern FORM_SECRETS =
      Pattern.compile("((?:^|&)(?:client_secret|client_assertion|password|refresh_token)=)[^&]*");
  private static final Pattern JSON_SECRETS = Pattern.compile(
      "(\"(?:access_token|refresh_token|id_token|client_secret)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

  private final System.Logger log;
  private final UnaryOperator<String> scrub;

  /**
   * Logs to {@link #LOGGER}.
   *
   * @param scrub applied to every line before it is logged: removes the client secret wherever a
   *     server echoed it (an error description, say), beyond the fields redacted by name
   */
  public WireLog(UnaryOperator<String> scrub) {
    this(System.getLogger(LOGGER), scrub);
  }

  WireLog(System.Logger log) {
    this(log, UnaryOperator.identity());
  }

  WireLog(System.Logger log, UnaryOperator<String> scrub) {
    this.log = log;
    this.scrub = scrub;
  }

  private void write(Level level, String line) {
    log.log(level, scrub.apply(line));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (!log.isLoggable(Level.TRACE)) {
      return chain.proceed(chain.request());
    }
    Request request = chain.request();
    String url = withoutCredentials(request.url());
    write(Level.TRACE, "--> " + request.method() + " " + url + "\n" + headers(request.headers())
        + body(request.body()));
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException failure) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      write(Level.TRACE, "<-- " + request.method() + " " + url + " failed after " + millis
          + " ms: " + failure.getClass().getName());
      throw failure;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    String text = response.body() == null ? ""
        : redact(response.peekBody(MAX_BODY_CHARS * 4L).string(), false);
    write(Level.TRACE, "<-- " + response.code() + " " + request.method() + " " + url + " ("
        + millis + " ms)\n" + headers(response.headers()) + shown(text));
    return response;
  }

  private static boolean isForm(RequestBody body) {
    MediaType type = body == null ? null : body.contentType();
    return type != null && "x-www-form-urlencoded".equals(type.subtype());
  }

  static String withoutCredentials(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
  }

  static String headers(Headers headers) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      text.append(name).append(": ")
          .append(ResponseHeaders.isSensitive(name) ? REDACTED : headers.value(i)).append('\n');
    }
    return text.toString();
  }

  private static String body(RequestBody body) throws IOException {
    if (body == null || body.isOneShot() || body.isDuplex()) {
      return "";
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return shown(redact(buffer.readString(StandardCharsets.UTF_8), isForm(body)));
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
