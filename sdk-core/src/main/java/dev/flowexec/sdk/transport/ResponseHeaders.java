package dev.flowexec.sdk.transport;

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
 * The headers of one HTTP response, in the order received. Names are looked up in any case.
 * Immutable.
 *
 * <p>{@link #toString()} hides the values of {@code Set-Cookie} and of any header whose name says
 * it carries a credential, so that the headers can be logged as they are.
 */
public final class ResponseHeaders {
  private static final ResponseHeaders EMPTY = new ResponseHeaders(new String[0]);

  // Alternating names and values, as received: compact, and cheap to build from any HTTP client.
  private final String[] namesAndValues;

  private ResponseHeaders(String[] namesAndValues) {
    this.namesAndValues = namesAndValues;
  }

  /**
   * Returns headers with nothing in them.
   *
   * @return the empty headers
   */
  public static ResponseHeaders empty() {
    return EMPTY;
  }

  /**
   * Returns headers from alternating names and values, such as {@code of("Content-Type",
   * "application/json", "X-Request-Id", "req_1")}.
   *
   * @param namesAndValues an even number of non-null strings
   * @return the headers
   * @throws IllegalArgumentException if the count is odd or an entry is null
   */
  public static ResponseHeaders of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "namesAndValues has " + namesAndValues.length + " entries: pass a value after each name");
    }
    String[] copy = namesAndValues.clone();
    for (int i = 0; i < copy.length; i++) {
      Objects.requireNonNull(copy[i], i % 2 == 0 ? "header name" : "header value");
    }
    return copy.length == 0 ? EMPTY : new ResponseHeaders(copy);
  }

  /**
   * Returns headers from a map of name to values, as {@code java.net.http.HttpHeaders#map()} or
   * OkHttp's {@code Headers#toMultimap()} give them.
   *
   * @param headers the headers
   * @return the headers
   */
  public static ResponseHeaders of(Map<String, ? extends List<String>> headers) {
    List<String> flat = new ArrayList<>();
    headers.forEach(
        (name, values) -> {
          for (String value : values) {
            flat.add(Objects.requireNonNull(name, "header name"));
            flat.add(Objects.requireNonNull(value, "header value"));
          }
        });
    return flat.isEmpty() ? EMPTY : new ResponseHeaders(flat.toArray(new String[0]));
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header's name, any case
   * @return the value, or empty when the header is absent
   */
  public Optional<String> first(String name) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i].equalsIgnoreCase(name)) {
        return Optional.of(namesAndValues[i + 1]);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns every value of a header, in the order received.
   *
   * @param name the header's name, any case
   * @return an immutable list, empty when the header is absent
   */
  public List<String> all(String name) {
    List<String> values = null;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i].equalsIgnoreCase(name)) {
        if (values == null) {
          values = new ArrayList<>(2);
        }
        values.add(namesAndValues[i + 1]);
      }
    }
    return values == null ? List.of() : Collections.unmodifiableList(values);
  }

  /**
   * Returns the headers as a map from lower-case name to values.
   *
   * @return an immutable map, in the order the names were first received
   */
  public Map<String, List<String>> asMap() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.computeIfAbsent(namesAndValues[i].toLowerCase(Locale.ROOT), n -> new ArrayList<>(1))
          .add(namesAndValues[i + 1]);
    }
    map.replaceAll((name, values) -> List.copyOf(values));
    return Collections.unmodifiableMap(map);
  }

  /**
   * Returns the names of the headers, in lower case.
   *
   * @return an immutable set
   */
  public Set<String> names() {
    return asMap().keySet();
  }

  /**
   * Returns how many header lines there are (a header sent twice counts twice).
   *
   * @return the count
   */
  public int size() {
    return namesAndValues.length / 2;
  }

  /**
   * Returns whether a header's value must never be shown: {@code Authorization}, {@code
   * Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie}, and any name containing {@code
   * token}, {@code secret}, {@code password}, {@code api-key} or {@code apikey}.
   *
   * @param name the header's name, any case
   * @return true if its value is to be redacted in logs and traces
   */
  public static boolean isSensitive(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.equals("authorization")
        || lower.equals("proxy-authorization")
        || lower.equals("cookie")
        || lower.equals("set-cookie")
        || lower.contains("token")
        || lower.contains("secret")
        || lower.contains("password")
        || lower.contains("api-key")
        || lower.contains("apikey");
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ResponseHeaders)) {
      return false;
    }
    String[] theirs = ((ResponseHeaders) other).namesAndValues;
    if (theirs.length != namesAndValues.length) {
      return false;
    }
    for (int i = 0; i < theirs.length; i += 2) {
      if (!theirs[i].equalsIgnoreCase(namesAndValues[i])
          || !theirs[i + 1].equals(namesAndValues[i + 1])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      hash = 31 * hash + namesAndValues[i].toLowerCase(Locale.ROOT).hashCode();
      hash = 31 * hash + namesAndValues[i + 1].hashCode();
    }
    return hash;
  }

  /** Returns the headers, one {@code name: value} after another; credential values redacted. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      text.append(i == 0 ? "" : ", ")
          .append(namesAndValues[i])
          .append(": ")
          .append(isSensitive(namesAndValues[i]) ? "<redacted>" : namesAndValues[i + 1]);
    }
    return text.append('}').toString();
  }
}
