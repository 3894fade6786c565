package dev.flowexec.sdk.retrofit;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ByteString;

/**
 * A JSON request body already serialized: its length is known (so it is sent with {@code
 * Content-Length}, not chunked), and it can be written more than once. The bytes are taken out of
 * the serialization buffer, which hands its segment back to Okio's pool; sharing the segment
 * instead (with {@code Buffer.copyTo}) would keep it from ever returning there, and cost a fresh 8
 * KiB segment per call. Not public API.
 */
final class JsonRequestBody extends RequestBody {
  /** {@code application/json}, as the contract spells it. */
  public static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  private final ByteString json;

  /**
   * Takes serialized JSON out of a buffer, leaving it empty.
   *
   * @param json the body
   */
  public JsonRequestBody(Buffer json) {
    this.json = json.readByteString();
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
    sink.write(json);
  }
}
