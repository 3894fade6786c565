package dev.flowexec.sdk.retrofit;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON-like values ({@code null}, String, Boolean, Number, List, Map) without reflection. A
 * {@link Number} is written as its {@code toString()}, so {@link java.math.BigDecimal} and {@link
 * java.math.BigInteger} keep every digit. Any other object is written as its {@code toString()} in
 * quotes, as {@code JsonValues.serializedSize} counts it. Not public API.
 */
final class JsonValueWriter {
  private JsonValueWriter() {}

  /**
   * Writes one value; the writer must serialize nulls.
   *
   * @param writer the writer
   * @param value the value
   * @throws IOException if the sink fails
   */
  public static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Boolean) {
      writer.value(((Boolean) value).booleanValue());
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else if (value instanceof Map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        writer.name(String.valueOf(entry.getKey()));
        write(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof Collection) {
      writer.beginArray();
      for (Object item : (Collection<?>) value) {
        write(writer, item);
      }
      writer.endArray();
    } else {
      writer.value(value.toString());
    }
  }
}
