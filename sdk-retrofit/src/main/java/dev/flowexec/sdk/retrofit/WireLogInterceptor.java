package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.transport.WireLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * Feeds sdk-core's {@link WireLog} from OkHttp, as a network interceptor: what went on the wire,
 * token requests (form bodies) included. When TRACE is off, the cost is one level check per
 * exchange. Not public API.
 */
final class WireLogInterceptor implements Interceptor {
  private final WireLog log;

  /**
   * Logs to {@code log}.
   *
   * @param log the wire log
   */
  public WireLogInterceptor(WireLog log) {
    this.log = log;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (!log.isEnabled()) {
      return chain.proceed(chain.request());
    }
    Request request = chain.request();
    WireLog.Exchange exchange =
        log.request(
            request.method(),
            request.url().uri(),
            map(request.headers()),
            body(request.body()),
            isForm(request.body()));
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException failure) {
      exchange.failed(failure);
      throw failure;
    }
    String body =
        response.body() != null ? response.peekBody(WireLog.MAX_BODY_CHARS * 4L).string() : null;
    exchange.response(response.code(), map(response.headers()), body);
    return response;
  }

  private static boolean isForm(RequestBody body) {
    MediaType type = body == null ? null : body.contentType();
    return type != null && "x-www-form-urlencoded".equals(type.subtype());
  }

  /** Names as sent, in order, repeated names together. */
  private static Map<String, List<String>> map(Headers headers) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      map.computeIfAbsent(headers.name(i), name -> new ArrayList<>(1)).add(headers.value(i));
    }
    return map;
  }

  private static String body(RequestBody body) throws IOException {
    if (body == null || body.isOneShot() || body.isDuplex()) {
      return null;
    }
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return buffer.readString(StandardCharsets.UTF_8);
  }
}
