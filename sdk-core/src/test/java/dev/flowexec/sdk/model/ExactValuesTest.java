package dev.flowexec.sdk.model;

import static dev.flowexec.sdk.model.LaunchRequestValidationTest.invalid;
import static dev.flowexec.sdk.model.LaunchRequestValidationTest.single;
import static dev.flowexec.sdk.model.LaunchRequestValidationTest.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.RequestValidationException;
import dev.flowexec.sdk.transport.CallOptions;
import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Values that used to pass {@code build()} and then crash at send time or go out wrong: each is now
 * refused at {@code build()} with its field path, or kept so that it is sent exactly.
 */
class ExactValuesTest {
  private static final String LONE_HIGH = "\uD83D";
  private static final String EMOJI = "\uD83D\uDE00";

  /** A Number whose text is whatever it was given. */
  static final class Spelled extends Number {
    private static final long serialVersionUID = 1L;
    final String text;

    Spelled(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }

    @Override
    public int intValue() {
      return 0;
    }

    @Override
    public long longValue() {
      return 0;
    }

    @Override
    public float floatValue() {
      return 0;
    }

    @Override
    public double doubleValue() {
      return 0;
    }
  }

  /** A map that counts how often its entries are iterated. */
  static final class CountingMap extends AbstractMap<String, Object> {
    final Map<String, Object> entries = new LinkedHashMap<>();
    final AtomicInteger reads;

    CountingMap(AtomicInteger reads) {
      this.reads = reads;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          reads.incrementAndGet();
          return entries.entrySet().iterator();
        }

        @Override
        public int size() {
          return entries.size();
        }
      };
    }
  }

  /** A BigDecimal whose text is not its value. */
  static final class EvilDecimal extends BigDecimal {
    private static final long serialVersionUID = 1L;

    EvilDecimal() {
      super("1");
    }

    @Override
    public String toString() {
      return "1}";
    }
  }

  @Nested
  class LoneSurrogates {
    @Test
    void inAUserIdTwoDifferentIdsWouldBecomeOne() {
      FieldError e =
          single(
              () -> Participant.of("user-" + LONE_HIGH, Role.USER, Channel.WEB),
              "participant.user_id",
              "invalid_format");
      assertThat(e.message()).contains("lone surrogate (\\ud83d) at index 5").contains("'?'");
      assertThatCode(() -> Participant.of("user-" + EMOJI, Role.USER, Channel.WEB))
          .doesNotThrowAnyException();
    }

    @Test
    void inTheNameVersionAndStartNode() {
      single(() -> valid().name("order " + LONE_HIGH).build(), "name", "invalid_format");
      single(() -> valid().flowVersion("3" + "\uDE00").build(), "flow_version", "invalid_format");
      single(() -> valid().startNode(LONE_HIGH + "Start").build(), "start_node", "invalid_format");
      assertThatCode(() -> valid().name("order " + EMOJI).startNode("Start" + EMOJI).build())
          .doesNotThrowAnyException();
    }

    @Test
    void inInputDataValuesAndKeysWithTheirPath() {
      single(
          () -> valid().putInputData("a", Map.of("b", List.of("ok", "x" + LONE_HIGH))).build(),
          "input_data.a.b[1]",
          "invalid_format");
      FieldError key =
          single(
              () -> valid().putInputData("a", Map.of("k" + LONE_HIGH, 1)).build(),
              "input_data.a",
              "invalid_format");
      assertThat(key.message()).contains("the key \"k\\ud83d\"");
      single(() -> valid().putInputData(LONE_HIGH, 1).build(), "input_data", "invalid_format");
      LaunchRequest ok = valid().putInputData("e", EMOJI).build();
      assertThat(ok.inputData()).containsEntry("e", EMOJI);
    }
  }

  @Nested
  class Numbers {
    @Test
    void aNumberWhoseTextIsNotAJsonNumberIsRefusedNotWrittenRaw() {
      FieldError e =
          single(
              () -> valid().putInputData("n", new Spelled("1,\"injected\":true")).build(),
              "input_data.n",
              "invalid_value");
      assertThat(e.message()).contains(Spelled.class.getName()).contains("not a JSON number");
      for (String bad : List.of("NaN", "Infinity", "+1", ".5", "1.", "0x10", "1e", " 1", "")) {
        single(
            () -> valid().putInputData("n", List.of(new Spelled(bad))).build(),
            "input_data.n[0]",
            "invalid_value");
      }
    }

    @Test
    void aNumberWhoseTextIsAJsonNumberIsSentAsThatText() {
      LaunchRequest r =
          valid()
              .putInputData("n", new Spelled("12.50"))
              .putInputData("e", new Spelled("-1E+400"))
              .build();
      assertThat(r.inputData().get("n")).isEqualTo(new BigDecimal("12.50"));
      assertThat(r.inputData().get("n").toString()).isEqualTo("12.50");
      assertThat(r.inputData().get("e").toString()).isEqualTo("-1E+400");
    }

    @Test
    void aSubclassOfBigDecimalIsJudgedByItsText() {
      BigDecimal evil = new EvilDecimal();
      single(() -> valid().putInputData("n", evil).build(), "input_data.n", "invalid_value");
    }

    @Test
    void aNonFiniteDoubleAdderIsRefusedAtBuild() {
      DoubleAdder infinite = new DoubleAdder();
      infinite.add(Double.POSITIVE_INFINITY);
      FieldError e =
          single(
              () -> valid().putInputData("total", Map.of("sum", infinite)).build(),
              "input_data.total.sum",
              "invalid_value");
      assertThat(e.message()).contains("Infinity").contains("finite number");
    }

    @Test
    void mutableNumbersAreReadOnceSoTheRequestNeverChanges() {
      DoubleAdder adder = new DoubleAdder();
      adder.add(2.5);
      AtomicLong counter = new AtomicLong(7);
      LaunchRequest r =
          valid()
              .putInputData("sum", adder)
              .putInputData("count", List.of(counter))
              .putInputData("i", new AtomicInteger(3))
              .build();
      adder.add(Double.POSITIVE_INFINITY);
      counter.set(8);

      assertThat(r.inputData())
          .containsEntry("sum", 2.5)
          .containsEntry("count", List.of(7L))
          .containsEntry("i", 3L);
    }
  }

  @Nested
  class SharedReferences {
    /** {@code depth} levels, each holding the next one twice: 2^depth leaves, depth maps. */
    Map<String, Object> dag(int depth, AtomicInteger reads) {
      Map<String, Object> level = new CountingMap(reads);
      ((CountingMap) level).entries.put("leaf", "x");
      for (int i = 1; i < depth; i++) {
        CountingMap up = new CountingMap(reads);
        up.entries.put("left", level);
        up.entries.put("right", level);
        level = up;
      }
      return level;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS) // before the fix: no end
    void aDepth40DagIsWalkedOnceAndRefusedAsTooLarge() {
      AtomicInteger reads = new AtomicInteger();
      Map<String, Object> dag = dag(40, reads);

      FieldError e =
          single(() -> valid().putInputData("dag", dag).build(), "input_data", "too_large");

      assertThat(reads.get()).as("iterations over the 40 maps (2^40 places)").isEqualTo(40);
      assertThat(e.message()).contains("used in several places is written out at each");
    }

    @Test
    void aSmallDagBuildsKeepsItsSharingAndCountsEachPlace() {
      AtomicInteger reads = new AtomicInteger();
      Map<String, Object> dag = dag(8, reads); // {"leaf":"x"} is 12 bytes; 2^7 of them and the maps
      LaunchRequest r = valid().putInputData("dag", dag).build();

      assertThat(reads.get()).isEqualTo(8);
      Map<?, ?> top = (Map<?, ?>) r.inputData().get("dag");
      assertThat(top.get("left")).isSameAs(top.get("right"));
      assertThat(top).isEqualTo(dag);
      LaunchRequest copy = r.withName("again");
      assertThat(copy.inputData().get("dag")).isSameAs(top);
    }

    @Test
    void aCycleIsNamedWhereItCloses() {
      Map<String, Object> cycle = new LinkedHashMap<>();
      cycle.put("self", cycle);
      RequestValidationException e = invalid(() -> valid().putInputData("c", cycle).build());
      assertThat(e.fieldErrors())
          .extracting(FieldError::field)
          .containsExactly("input_data.c.self");
      assertThat(e.getMessage()).contains("contains itself");
    }

    @Test
    void aSharedPartNestedTooDeepSomewhereIsRefused() {
      Object deep = List.of();
      for (int i = 1; i < 150; i++) {
        deep = List.of(deep);
      }
      Object wrapped = deep;
      for (int i = 0; i < 55; i++) {
        wrapped = List.of(wrapped);
      }
      Object shallowAndDeep =
          List.of(deep, wrapped); // fine at the first place, too deep at the second
      single(
          () -> valid().putInputData("x", shallowAndDeep).build(), "input_data", "invalid_value");
    }
  }

  @Nested
  class Headers {
    @Test
    void valuesHttpClientsRefuseAreRefusedAtBuildWithTheirPath() {
      RequestValidationException e =
          invalid(
              () ->
                  CallOptions.builder()
                      .putHeaders("X-Note", "caf\u00e9")
                      .putHeaders("X-Nul", "a\u0000b")
                      .putHeaders("X-Ok", "a\tb c")
                      .build());
      assertThat(e.fieldErrors())
          .extracting(FieldError::field)
          .containsExactlyInAnyOrder("headers.X-Note", "headers.X-Nul");
      assertThat(e.fieldErrors()).extracting(FieldError::issue).containsOnly("invalid_format");
      assertThat(e.getMessage())
          .contains("headers.X-Note has \\u00e9 at index 3")
          .contains("printable ASCII");
    }

    @Test
    void namesAndReservedHeadersAreValidationErrorsToo() {
      FieldError reserved =
          single(
              () -> CallOptions.builder().putHeaders("Authorization", "x").build(),
              "headers.Authorization",
              "not_allowed");
      assertThat(reserved.message()).contains("the SDK sets itself");
      assertThat(
              invalid(() -> CallOptions.builder().putHeaders("X Bad", "x").build()).fieldErrors())
          .extracting(FieldError::issue)
          .containsExactly("invalid_format");
      assertThatCode(
              () -> CallOptions.builder().putHeaders("X-Correlation-Id", "abc-123 ~!").build())
          .doesNotThrowAnyException();
    }
  }
}
