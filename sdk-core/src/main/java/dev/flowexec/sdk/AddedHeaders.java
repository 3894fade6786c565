package dev.flowexec.sdk;

import dev.flowexec.sdk.transport.CallOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The headers listeners add to one request, checked by the rules of {@link CallOptions}. The usual
 * case is one header (a {@code traceparent}): it is kept in two fields, without a map, since every
 * attempt of a traced client makes one of these.
 */
final class AddedHeaders {
  private String firstName;
  private String firstValue;

  /** Every header in the order added, once a second name comes; null until then. */
  private Map<String, String> all;

  synchronized void add(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    CallOptions.checkHeader(name, value); // the one set of header rules
    if (all != null) {
      all.put(name, value);
    } else if (firstName == null || firstName.equals(name)) {
      firstName = name;
      firstValue = value;
    } else {
      all = new LinkedHashMap<>(4);
      all.put(firstName, firstValue);
      all.put(name, value);
    }
  }

  synchronized Map<String, String> snapshot() {
    if (all != null) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(all));
    }
    return firstName == null ? Map.of() : Map.of(firstName, firstValue);
  }

  /** {@code base} with the added headers on top, replacing any of the same name in any case. */
  synchronized Map<String, String> over(Map<String, String> base) {
    Map<String, String> added = snapshot();
    if (added.isEmpty()) {
      return base;
    }
    Map<String, String> merged = new LinkedHashMap<>(base.size() + added.size());
    base.forEach(
        (name, value) -> {
          if (added.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
            merged.put(name, value);
          }
        });
    merged.putAll(added);
    return Collections.unmodifiableMap(merged);
  }
}
