package dev.flowexec.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowexec.sdk.errors.RequestValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddedHeadersTest {
  @Test
  void oneHeaderIsKeptAndAddingItAgainReplacesItsValue() {
    AddedHeaders headers = new AddedHeaders();
    assertThat(headers.snapshot()).isEmpty();

    headers.add("traceparent", "00-a-b-01");
    headers.add("traceparent", "00-a-c-01");

    assertThat(headers.snapshot()).containsExactly(Map.entry("traceparent", "00-a-c-01"));
  }

  @Test
  void severalHeadersKeepTheOrderTheyWereFirstAddedIn() {
    AddedHeaders headers = new AddedHeaders();
    headers.add("traceparent", "1");
    headers.add("tracestate", "2");
    headers.add("traceparent", "3");
    headers.add("X-Seq", "4");

    Map<String, String> snapshot = headers.snapshot();

    assertThat(List.copyOf(snapshot.keySet()))
        .containsExactly("traceparent", "tracestate", "X-Seq");
    assertThat(snapshot).containsEntry("traceparent", "3").containsEntry("tracestate", "2");
    assertThatThrownBy(() -> snapshot.put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    headers.add("X-Late", "5");
    assertThat(snapshot).doesNotContainKey("X-Late"); // a snapshot, not a view
  }

  @Test
  void aRefusedHeaderIsNotAdded() {
    AddedHeaders headers = new AddedHeaders();
    headers.add("traceparent", "1");

    assertThatThrownBy(() -> headers.add("Idempotency-Key", "k"))
        .isInstanceOf(RequestValidationException.class)
        .hasMessageContaining("headers.Idempotency-Key is a header the SDK sets itself");
    assertThatThrownBy(() -> headers.add("X-Trace", "a\r\nX-Injected: 1"))
        .isInstanceOf(RequestValidationException.class);

    assertThat(headers.snapshot()).containsExactly(Map.entry("traceparent", "1"));
  }

  @Test
  void overReplacesHeadersOfTheSameNameInAnyCase() {
    AddedHeaders headers = new AddedHeaders();
    Map<String, String> base = new LinkedHashMap<>();
    base.put("TraceParent", "old");
    base.put("X-Correlation-Id", "c1");
    assertThat(headers.over(base)).isSameAs(base);

    headers.add("traceparent", "new");

    assertThat(headers.over(base))
        .containsExactly(Map.entry("X-Correlation-Id", "c1"), Map.entry("traceparent", "new"));
  }
}
