package dev.flowexec.sdk.retrofit.internal;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;

/**
 * A JSON request body already serialized into an Okio buffer: its length is known (so it is sent
 * with {@code Content-Length}, not chunked), and each write shares the buffer's segments instead of
 * copying bytes, so OkHttp may send it again after a connection failure. Not public API.
 */
public final class JsonRequestBody extends RequestBody {
  /** {@code application/json}, as the contract spells it. */
  public static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  private final Buffer json;

  /**
   * Wraps serialized JSON; the buffer must not change afterwards.
   *
   * @param json the body
   */
  public JsonRequestBody(Buffer json) {
    this.json = json;
  }

  @Override
  public MediaType contentType() {
    return APPLICATION_JSON;
  }

  @Override
  public long contentLength() {
    return json.size();
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    json.copyTo(sink.getBuffer(), 0, json.size());
    sink.emitCompleteSegments();
  }
}
