package dev.flowexec.sdk.webhooks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The headers of a webhook request, looked up by name without regard to case (HTTP/2 sends them
 * lowercase, HTTP/1.1 senders capitalize them as they like). Immutable when made from a map.
 *
 * <pre>{@code
 * WebhookHeaders.of(exchange.getRequestHeaders());   // com.sun.net.httpserver
 * WebhookHeaders.of(springHttpHeaders);               // Spring's HttpHeaders (a Map<String, List<String>>)
 * WebhookHeaders.from(servletRequest::getHeader);     // jakarta.servlet
 * }</pre>
 */
public final class WebhookHeaders {
  private final Function<String, List<String>> lookup;
  private final String description;

  private WebhookHeaders(Function<String, List<String>> lookup, String description) {
    this.lookup = lookup;
    this.description = description;
  }

  /**
   * Copies headers from a map of names to values, such as {@code HttpExchange.getRequestHeaders()},
   * {@code java.net.http.HttpHeaders.map()} or Spring's {@code HttpHeaders}. Names that differ only
   * in case are merged.
   *
   * @param headers the headers; null values and null names are skipped
   * @return the headers
   */
  public static WebhookHeaders of(Map<String, ? extends Collection<String>> headers) {
    Objects.requireNonNull(headers, "headers");
    Map<String, List<String>> byName = new HashMap<>();
    headers.forEach(
        (name, values) -> {
          if (name != null && values != null) {
            List<String> merged = byName.computeIfAbsent(lower(name), n -> new ArrayList<>(1));
            values.stream().filter(Objects::nonNull).forEach(merged::add);
          }
        });
    byName.replaceAll((name, values) -> Collections.unmodifiableList(values));
    return new WebhookHeaders(
        name -> byName.getOrDefault(lower(name), List.of()),
        "WebhookHeaders" + new java.util.TreeSet<>(byName.keySet()));
  }

  /**
   * Copies headers from a map of names to single values.
   *
   * @param headers the headers; null values are skipped
   * @return the headers
   */
  public static WebhookHeaders ofSingleValues(Map<String, String> headers) {
    Objects.requireNonNull(headers, "headers");
    Map<String, List<String>> multi = new HashMap<>();
    headers.forEach(
        (name, value) -> {
          if (value != null) {
            multi.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
          }
        });
    return of(multi);
  }

  /**
   * Reads headers through a lookup that is itself case-insensitive, such as a servlet request's
   * {@code getHeader}. Such a lookup shows only one value of a repeated header.
   *
   * @param firstValue returns the value of a header, or null when it is absent
   * @return the headers, read when a verifier asks
   */
  public static WebhookHeaders from(Function<String, String> firstValue) {
    Objects.requireNonNull(firstValue, "firstValue");
    return new WebhookHeaders(
        name -> {
          String value = firstValue.apply(name);
          return value == null ? List.of() : List.of(value);
        },
        "WebhookHeaders(lookup)");
  }

  /**
   * Returns every value of a header.
   *
   * @param name the header's name, in any case
   * @return the values in the order received; empty when the header is absent
   */
  public List<String> all(String name) {
    return lookup.apply(Objects.requireNonNull(name, "name"));
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header's name, in any case
   * @return the value, or empty when the header is absent
   */
  public Optional<String> first(String name) {
    List<String> values = all(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Returns the one value of a header that a scheme allows once.
   *
   * @param name the header's name
   * @return the trimmed value
   * @throws WebhookVerificationException {@code MISSING_HEADER} when it is absent or blank, {@code
   *     MALFORMED_HEADER} when it is given twice with different values
   */
  String required(String name) {
    List<String> values = all(name);
    if (values.isEmpty() || values.get(0).isBlank()) {
      throw new WebhookVerificationException(
          WebhookVerificationException.Reason.MISSING_HEADER, "the " + name + " header is missing");
    }
    String value = values.get(0).trim();
    for (String other : values) {
      if (!other.trim().equals(value)) {
        throw new WebhookVerificationException(
            WebhookVerificationException.Reason.MALFORMED_HEADER,
            "the " + name + " header is given " + values.size() + " times with different values");
      }
    }
    return value;
  }

  /** Names only: values are the sender's business. */
  @Override
  public String toString() {
    return description;
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
