package dev.flowexec.sdk.retrofit;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads any JSON value into plain Java: objects as {@link LinkedHashMap} (document order), arrays
 * as {@link ArrayList}, strings, booleans, {@code null}, and numbers as follows: a literal without
 * fraction or exponent is a {@link Long} ({@link BigInteger} beyond its range); any other is a
 * {@link Double} ({@link BigDecimal} when a double would overflow). Not public API.
 */
final class JsonValueReader {
  private JsonValueReader() {}

  /**
   * Reads one value.
   *
   * @param reader the reader, positioned before a value
   * @return the value
   * @throws IOException if the source fails or the JSON is malformed
   */
  public static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        return readObject(reader);
      case BEGIN_ARRAY:
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(reader));
        }
        reader.endArray();
        return list;
      case STRING:
        return reader.nextString();
      case NUMBER:
        return number(reader.nextString());
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new JsonDataException(
            "Expected a value but was " + reader.peek() + " at path " + reader.getPath());
    }
  }

  /**
   * Reads a JSON object.
   *
   * @param reader the reader, positioned before an object
   * @return a mutable map in document order
   * @throws IOException if the source fails or the JSON is malformed
   */
  public static Map<String, Object> readObject(JsonReader reader) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      map.put(name, read(reader));
    }
    reader.endObject();
    return map;
  }

  /**
   * Converts a JSON number literal.
   *
   * @param literal the literal, such as {@code 42} or {@code 1.5e3}
   * @return a Long, BigInteger, Double or BigDecimal as described on the class
   */
  public static Number number(String literal) {
    boolean integral = true;
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
        break;
      }
    }
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException tooBig) {
        return new BigInteger(literal);
      }
    }
    double value = Double.parseDouble(literal);
    return Double.isInfinite(value) ? new BigDecimal(literal) : (Number) value;
  }
}
