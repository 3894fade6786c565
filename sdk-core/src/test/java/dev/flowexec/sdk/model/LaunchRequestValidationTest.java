package dev.flowexec.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.RequestValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every request rule of the contract, checked at build(), with its field path, issue and fix. */
class LaunchRequestValidationTest {
  static final Participant ALICE =
      Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB);

  static LaunchRequest.Builder valid() {
    return LaunchRequest.builder().flowId("abc-123").participants(ALICE).channelType(Channel.WEB);
  }

  static RequestValidationException invalid(ThrowingCallable call) {
    RequestValidationException e = catchThrowableOfType(RequestValidationException.class, call);
    assertThat(e).as("expected a RequestValidationException").isNotNull();
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    return e;
  }

  /** Asserts exactly one field error, with this path and issue, and returns it. */
  static FieldError single(ThrowingCallable call, String field, String issue) {
    RequestValidationException e = invalid(call);
    assertThat(e.fieldErrors()).hasSize(1);
    FieldError error = e.fieldErrors().get(0);
    assertThat(error.field()).isEqualTo(field);
    assertThat(error.issue()).isEqualTo(issue);
    assertThat(e.getMessage()).isEqualTo(error.message());
    assertThat(error.message()).startsWith(field + " ");
    return error;
  }

  static String repeat(String s, int n) {
    return s.repeat(n);
  }

  @Test
  void theContractsValidLaunchBuilds() {
    LaunchRequest request =
        LaunchRequest.builder()
            .flowId("abc-123")
            .participants(Participant.of("user-456", Role.USER, Channel.VOICE, Channel.WEB))
            .channelType(Channel.WEB)
            .flowExecutionId("2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11")
            .putInputData("order_id", "42")
            .build();
    assertThat(request.flowId()).isEqualTo("abc-123");
    assertThat(request.flowExecutionId()).isEqualTo("2b1f3c9e-0d4a-4f0e-9a57-5d0c2f1e8b11");
    assertThat(request.channelType()).isSameAs(Channel.WEB);
    assertThat(request.inputData()).containsExactly(Map.entry("order_id", "42"));
    assertThat(request.flowVersion()).isEmpty();
    assertThat(request.name()).isEmpty();
    assertThat(request.startNode()).isEmpty();
  }

  @Nested
  class FlowId {
    @Test
    void blank() {
      FieldError e = single(() -> build("  "), "flow_id", "blank");
      assertThat(e.message()).contains("flow_id is blank").contains("1 to 128 characters");
      single(() -> build(""), "flow_id", "blank");
    }

    @Test
    void lengthLimitIs128() {
      assertThatCode(() -> build(repeat("a", 128))).doesNotThrowAnyException();
      FieldError e = single(() -> build(repeat("a", 129)), "flow_id", "too_long");
      assertThat(e.message()).isEqualTo("flow_id has 129 characters: use at most 128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc.123", "urn:flow:1", "A_b-C.9:z", "0"})
    void allowsDotsAndColons(String id) {
      assertThat(build(id).flowId()).isEqualTo(id);
    }

    @Test
    void badCharacters() {
      FieldError e = single(() -> build("abc/123"), "flow_id", "invalid_format");
      assertThat(e.message()).contains("'/'").contains("index 3").contains("A-Z a-z 0-9 . _ : -");
      FieldError space = single(() -> build("abc 123"), "flow_id", "invalid_format");
      assertThat(space.message()).contains("\\u0020").contains("index 3");
      single(() -> build("ab\u00e9"), "flow_id", "invalid_format");
    }

    private LaunchRequest build(String flowId) {
      return LaunchRequest.builder()
          .flowId(flowId)
          .participants(ALICE)
          .channelType(Channel.WEB)
          .build();
    }
  }

  @Nested
  class FlowExecutionId {
    @Test
    void blank() {
      FieldError e =
          single(() -> valid().flowExecutionId("").build(), "flow_execution_id", "blank");
      assertThat(e.message()).contains("1 to 128 characters of A-Z a-z 0-9 _ -");
      single(() -> valid().flowExecutionId(" \t").build(), "flow_execution_id", "blank");
    }

    @Test
    void lengthLimitIs128() {
      assertThat(valid().flowExecutionId(repeat("x", 128)).build().flowExecutionId()).hasSize(128);
      FieldError e =
          single(
              () -> valid().flowExecutionId(repeat("x", 129)).build(),
              "flow_execution_id",
              "too_long");
      assertThat(e.message()).contains("129 characters").contains("at most 128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a:b", "a/b", "a b", "ä"})
    void refusesDotsColonsAndOthers(String id) {
      FieldError e =
          single(() -> valid().flowExecutionId(id).build(), "flow_execution_id", "invalid_format");
      assertThat(e.message()).contains("use only A-Z a-z 0-9 _ -");
    }

    @Test
    void allowsUnderscoreAndDash() {
      assertThat(valid().flowExecutionId("A-z_0").build().flowExecutionId()).isEqualTo("A-z_0");
    }
  }

  @Nested
  class OptionalStrings {
    @Test
    void nameAtMost200CodePoints() {
      assertThatCode(() -> valid().name(repeat("n", 200)).build()).doesNotThrowAnyException();
      // 200 emoji are 400 chars but 200 characters
      assertThatCode(() -> valid().name(repeat("\uD83D\uDE00", 200)).build())
          .doesNotThrowAnyException();
      FieldError e =
          single(() -> valid().name(repeat("\uD83D\uDE00", 201)).build(), "name", "too_long");
      assertThat(e.message()).isEqualTo("name has 201 characters: use at most 200");
    }

    @Test
    void flowVersionBlank() {
      FieldError e = single(() -> valid().flowVersion(" ").build(), "flow_version", "blank");
      assertThat(e.message()).contains("flow_version is blank").contains("leave it out");
      assertThat(valid().flowVersion("3").build().flowVersion()).contains("3");
    }

    @Test
    void startNodeBlank() {
      FieldError e = single(() -> valid().startNode("").build(), "start_node", "blank");
      assertThat(e.message()).contains("start_node is blank").contains("case-sensitive");
      assertThat(valid().startNode("Start").build().startNode()).contains("Start");
    }
  }

  @Nested
  class Participants {
    @Test
    void atMost50() {
      List<Participant> more = new ArrayList<>();
      for (int i = 1; i < 50; i++) {
        more.add(Participant.of("u" + i, Role.USER, Channel.WEB));
      }
      assertThat(valid().addParticipants(more).build().participants()).hasSize(50);
      more.add(Participant.of("u50", Role.USER, Channel.WEB));
      FieldError e =
          single(() -> valid().addParticipants(more).build(), "participants", "too_many");
      assertThat(e.message())
          .isEqualTo("participants has 51 items: launch with at most 50 participants");
    }

    @Test
    void duplicateUserIdNamesTheIndex() {
      Participant again = Participant.of("user-456", Role.AGENT, Channel.CHAT);
      Participant other = Participant.of("user-7", Role.BOT, Channel.CHAT);
      FieldError e =
          single(
              () -> valid().addParticipants(other, again).build(),
              "participants[2].user_id",
              "duplicate");
      assertThat(e.message())
          .contains("repeats \"user-456\" of participants[0]")
          .contains("give each participant its own user_id");
    }

    @Test
    void userIdBlank() {
      FieldError e =
          single(() -> Participant.of(" ", Role.USER, Channel.WEB), "participant.user_id", "blank");
      assertThat(e.message())
          .contains("participant.user_id is blank")
          .contains("1 to 128 characters");
      single(() -> Participant.of("", Role.USER, Channel.WEB), "participant.user_id", "blank");
    }

    @Test
    void userIdAtMost128() {
      assertThat(Participant.of(repeat("u", 128), Role.USER, Channel.WEB).userId()).hasSize(128);
      FieldError e =
          single(
              () -> Participant.of(repeat("u", 129), Role.USER, Channel.WEB),
              "participant.user_id",
              "too_long");
      assertThat(e.message()).contains("129 characters").contains("at most 128");
    }

    @Test
    void userIdMayHaveAnyCharacters() {
      assertThat(Participant.of("alice@example.com / #1", Role.USER, Channel.WEB).userId())
          .isEqualTo("alice@example.com / #1");
    }

    @Test
    void unknownRole() {
      FieldError e =
          single(
              () -> Participant.of("u", Role.of("ROBOT"), Channel.WEB),
              "participant.role",
              "invalid_value");
      assertThat(e.message())
          .contains("\"ROBOT\"")
          .contains("USER, AGENT, BOT, EXTERNAL")
          .doesNotContain("did you mean");
    }

    @Test
    void roleCaseHint() {
      FieldError e =
          single(
              () -> Participant.of("u", Role.of("user"), Channel.WEB),
              "participant.role",
              "invalid_value");
      assertThat(e.message()).contains("did you mean USER?");
    }

    @Test
    void atMost6Channels() {
      assertThat(
              Participant.of(
                      "u",
                      Role.USER,
                      Channel.VOICE,
                      Channel.WEB,
                      Channel.CHAT,
                      Channel.SMS,
                      Channel.EMAIL,
                      Channel.MESSAGING)
                  .channels())
          .hasSize(6);
      RequestValidationException e =
          invalid(
              () ->
                  Participant.of(
                      "u",
                      Role.USER,
                      Channel.VOICE,
                      Channel.WEB,
                      Channel.CHAT,
                      Channel.SMS,
                      Channel.EMAIL,
                      Channel.MESSAGING,
                      Channel.VOICE));
      assertThat(e.fieldErrors())
          .extracting(FieldError::field, FieldError::issue)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("participant.channels", "too_many"),
              org.assertj.core.groups.Tuple.tuple("participant.channels[6]", "duplicate"));
      assertThat(e.fieldErrors().get(0).message())
          .isEqualTo("participant.channels has 7 items: list at most 6 distinct channels");
    }

    @Test
    void duplicateChannel() {
      FieldError e =
          single(
              () -> Participant.of("u", Role.USER, Channel.WEB, Channel.VOICE, Channel.of("web")),
              "participant.channels[2]",
              "duplicate");
      assertThat(e.message())
          .isEqualTo("participant.channels[2] repeats \"web\": list each channel once");
    }

    @Test
    void unknownChannel() {
      FieldError e =
          single(
              () -> Participant.of("u", Role.USER, Channel.WEB, Channel.of("fax")),
              "participant.channels[1]",
              "invalid_value");
      assertThat(e.message())
          .contains("\"fax\"")
          .contains("voice, web, chat, sms, email, messaging");
      FieldError hint =
          single(
              () -> Participant.of("u", Role.USER, Channel.of("Voice")),
              "participant.channels[0]",
              "invalid_value");
      assertThat(hint.message()).contains("did you mean voice?");
    }
  }

  @Nested
  class ChannelType {
    @Test
    void unknown() {
      FieldError e =
          single(
              () ->
                  LaunchRequest.builder()
                      .flowId("f")
                      .participants(ALICE)
                      .channelType(Channel.of("fax"))
                      .build(),
              "channel_type",
              "invalid_value");
      assertThat(e.message())
          .contains("\"fax\"")
          .contains("use one of voice, web, chat, sms, email, messaging");
      FieldError hint =
          single(
              () ->
                  LaunchRequest.builder()
                      .flowId("f")
                      .participants(ALICE)
                      .channelType(Channel.of("WEB"))
                      .build(),
              "channel_type",
              "invalid_value");
      assertThat(hint.message()).contains("did you mean web?");
    }

    @Test
    void noParticipantHasIt() {
      Participant bob = Participant.of("bob", Role.AGENT, Channel.CHAT, Channel.VOICE);
      FieldError e =
          single(
              () ->
                  LaunchRequest.builder()
                      .flowId("f")
                      .participants(ALICE)
                      .channelType(Channel.SMS)
                      .addParticipants(bob)
                      .build(),
              "channel_type",
              "not_allowed");
      assertThat(e.message())
          .contains("channel_type is \"sms\", but no participant has that channel")
          .contains("add sms to a participant's channels")
          .endsWith("(voice, web, chat)");
    }

    @Test
    void anyParticipantSuffices() {
      Participant bob = Participant.of("bob", Role.AGENT, Channel.SMS);
      assertThat(
              LaunchRequest.builder()
                  .flowId("f")
                  .participants(ALICE)
                  .channelType(Channel.SMS)
                  .addParticipants(bob)
                  .build()
                  .channelType())
          .isEqualTo(Channel.SMS);
    }
  }

  @Nested
  class InputData {
    /** {"k":"<n x a>"} is 8 + n bytes. */
    private Map<String, Object> ofSize(int bytes) {
      return Map.of("k", repeat("a", bytes - 8));
    }

    @Test
    void exactly262144BytesPassesAnd262145Fails() {
      assertThatCode(() -> valid().putAllInputData(ofSize(262_144)).build())
          .doesNotThrowAnyException();
      FieldError e =
          single(() -> valid().putAllInputData(ofSize(262_145)).build(), "input_data", "too_large");
      assertThat(e.message())
          .isEqualTo(
              "input_data is 262,145 bytes as JSON: keep it at most 262,144 bytes,"
                  + " and pass large payloads by reference (a URL or an id)");
    }

    @Test
    void boundaryCountsUtf8AndEscapes() {
      // {"k":"<s>","q":"\"\\\n\u0001","e":[1,true,null]}
      // "q":  key 3 + colon 1 + value: quotes 2 + \" 2 + \\ 2 + \n 2 + \u0001 6 = 14 -> 18
      // "e":[1,true,null]: key 3 + colon 1 + [1,true,null] 13 -> 17
      // braces 2 + two commas 2; "k": 3 + 1 + quotes 2 -> 6
      // s: "é" 2 bytes, "€" 3 bytes, an emoji 4 bytes, then ASCII padding
      int fixed = 2 + 2 + 6 + 18 + 17;
      String multi = "\u00e9\u20ac\uD83D\uDE00"; // 9 bytes
      String s = multi + repeat("a", 262_144 - fixed - 9);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("k", s);
      data.put("q", "\"\\\n\u0001");
      data.put("e", java.util.Arrays.asList(1, true, null));
      assertThatCode(() -> valid().putAllInputData(data).build()).doesNotThrowAnyException();
      data.put("k", s + "a");
      single(() -> valid().putAllInputData(data).build(), "input_data", "too_large");
      data.put(
          "k",
          multi + "\u00e9" + repeat("a", 262_144 - fixed - 9 - 1)); // one 2-byte char for one 'a'
      single(() -> valid().putAllInputData(data).build(), "input_data", "too_large");
    }

    @Test
    void unsupportedTypes() {
      FieldError instant =
          single(
              () -> valid().putInputData("at", Instant.EPOCH).build(),
              "input_data.at",
              "invalid_value");
      assertThat(instant.message()).contains("java.time.Instant").contains("ISO-8601");
      FieldError nan =
          single(
              () -> valid().putInputData("n", Map.of("x", List.of(1, Double.NaN))).build(),
              "input_data.n.x[1]",
              "invalid_value");
      assertThat(nan.message()).contains("NaN").contains("finite number");
      single(
          () -> valid().putInputData("f", Float.POSITIVE_INFINITY).build(),
          "input_data.f",
          "invalid_value");
      single(
          () -> valid().putInputData("arr", new int[] {1}).build(),
          "input_data.arr",
          "invalid_value");
    }

    @Test
    void nonStringKeys() {
      Map<Object, Object> nested = new HashMap<>();
      nested.put(42, "x");
      FieldError e =
          single(() -> valid().putInputData("m", nested).build(), "input_data.m", "invalid_value");
      assertThat(e.message())
          .contains("the key 42")
          .contains("java.lang.Integer")
          .contains("must be Strings");
    }

    /** Returns a list nested {@code levels} deep: [[[...]]]. */
    private List<Object> nested(int levels) {
      List<Object> list = new ArrayList<>();
      for (int i = 1; i < levels; i++) {
        List<Object> outer = new ArrayList<>();
        outer.add(list);
        list = outer;
      }
      return list;
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
      // input_data itself is level 1
      assertThatCode(() -> valid().putInputData("deep", nested(199)).build())
          .doesNotThrowAnyException();
      FieldError e =
          single(
              () -> valid().putInputData("deep", nested(200)).build(),
              "input_data",
              "invalid_value");
      assertThat(e.message()).contains("more than 200 levels deep").contains("contains itself");
    }

    @Test
    void aMapThatContainsItselfIsRefused() {
      Map<String, Object> cycle = new HashMap<>();
      cycle.put("self", cycle);
      cycle.put("again", cycle);
      List<Object> list = new ArrayList<>();
      list.add(list);
      list.add(list);
      RequestValidationException e = invalid(() -> valid().putInputData("c", cycle).build());
      assertThat(e.fieldErrors())
          .extracting(FieldError::field)
          .containsExactlyInAnyOrder("input_data.c.self", "input_data.c.again");
      assertThat(e.getMessage()).contains("contains itself");
      assertThat(invalid(() -> valid().putInputData("l", list).build()).fieldErrors())
          .extracting(FieldError::field)
          .containsExactly("input_data.l[0]", "input_data.l[1]");
    }

    @Test
    void supportedTypesPass() {
      Map<String, Object> nested = new HashMap<>();
      nested.put("nil", null);
      LaunchRequest r =
          valid()
              .putInputData("s", "x")
              .putInputData("b", false)
              .putInputData("l", 1L)
              .putInputData("d", 1.5)
              .putInputData("big", new BigDecimal("1E+400"))
              .putInputData("n", null)
              .putInputData("m", nested)
              .putInputData("list", java.util.Arrays.asList("a", null))
              .build();
      assertThat(r.inputData()).containsEntry("n", null).hasSize(8);
    }
  }

  @Test
  void severalErrorsAtOnce() {
    Map<String, Object> data = new HashMap<>();
    data.put("at", Instant.EPOCH);
    RequestValidationException e =
        invalid(
            () ->
                LaunchRequest.builder()
                    .flowId("bad id")
                    .participants(ALICE)
                    .channelType(Channel.SMS)
                    .flowExecutionId("a.b")
                    .name(repeat("n", 201))
                    .putAllInputData(data)
                    .build());
    assertThat(e.fieldErrors())
        .extracting(FieldError::field)
        .containsExactly("flow_id", "flow_execution_id", "name", "channel_type", "input_data.at");
    assertThat(e.fieldErrors())
        .extracting(FieldError::issue)
        .containsExactly(
            "invalid_format", "invalid_format", "too_long", "not_allowed", "invalid_value");
    assertThat(e.getMessage())
        .startsWith("5 fields are invalid: flow_id has ' ' ".replace("' '", "'\\u0020'"));
    for (FieldError error : e.fieldErrors()) {
      assertThat(e.getMessage()).contains(error.message());
    }
    assertThat(e.fieldErrors()).isUnmodifiable();
  }

  @Test
  void participantErrorsTogether() {
    RequestValidationException e =
        invalid(() -> Participant.of(" ", Role.of("robot"), Channel.of("fax")));
    assertThat(e.fieldErrors())
        .extracting(FieldError::field)
        .containsExactly("participant.user_id", "participant.role", "participant.channels[0]");
    assertThat(e.getMessage()).startsWith("3 fields are invalid: ");
  }

  @Test
  void withCopiesRevalidate() {
    LaunchRequest r = valid().build();
    single(() -> r.withFlowId("a b"), "flow_id", "invalid_format");
    single(() -> r.withChannelType(Channel.SMS), "channel_type", "not_allowed");
    single(() -> r.withName(repeat("n", 201)), "name", "too_long");
    single(() -> ALICE.withRole(Role.of("ROBOT")), "participant.role", "invalid_value");
  }
}
