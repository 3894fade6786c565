package dev.flowexec.sdk.retrofit;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;

/** Parses JSON in tests into plain maps and lists. */
final class TestJson {
  private TestJson() {}

  static Object parse(String json) {
    try {
      return JsonValueReader.read(JsonReader.of(new Buffer().writeUtf8(json)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
