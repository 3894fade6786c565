package dev.flowexec.sdk;

import dev.flowexec.sdk.transport.CallOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The headers listeners add to one request, checked by the rules of {@link CallOptions}. */
final class AddedHeaders {
  private Map<String, String> added;

  synchronized void add(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    CallOptions.builder().putHeaders(name, value).build(); // the one set of header rules
    if (added == null) {
      added = new LinkedHashMap<>(4);
    }
    added.put(name, value);
  }

  synchronized Map<String, String> snapshot() {
    return added == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(added));
  }

  /** {@code base} with the added headers on top, replacing any of the same name in any case. */
  synchronized Map<String, String> over(Map<String, String> base) {
    if (added == null) {
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
