package dev.flowexec.sdk.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTopLevelStringTest {
  private static String id(String json) {
    return JsonTopLevelString.find(json.getBytes(StandardCharsets.UTF_8), "id");
  }

  @Test
  void findsTheTopLevelMemberPastNestedOnes() {
    assertThat(id("{\"id\":\"evt_1\"}")).isEqualTo("evt_1");
    assertThat(
            id(
                " {\n \"object\" : \"event\", \"data\": {\"id\": \"nested\", \"list\": [{\"id\": 1}, \"]}\"]},"
                    + " \"n\": -1.5e3, \"ok\": true, \"none\": null, \"id\": \"evt_\\u00e9\\\"2\\\"\" } "))
        .isEqualTo("evt_é\"2\"");
    assertThat(id("{\"text\": \"a \\\"quoted\\\" } brace\", \"id\": \"evt_3\"}"))
        .isEqualTo("evt_3");
  }

  @Test
  void givesNullForAnythingElse() {
    assertThat(id("{\"data\": {\"id\": \"nested\"}}")).isNull();
    assertThat(id("{\"id\": 42}")).isNull();
    assertThat(id("{}")).isNull();
    assertThat(id("[{\"id\": \"x\"}]")).isNull();
    assertThat(id("{\"id\": \"unterminated}")).isNull();
    assertThat(id("{\"a\": }")).isNull();
    assertThat(id("")).isNull();
    assertThat(id("{\"a\": {\"b\": [1, 2}")).isNull();
  }
}
