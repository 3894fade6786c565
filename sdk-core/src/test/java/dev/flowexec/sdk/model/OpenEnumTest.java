package dev.flowexec.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Channel, Role and ExecutionStatus keep values they do not know. */
class OpenEnumTest {
  @Test
  void channelKnownValues() {
    assertThat(Channel.knownValues())
        .extracting(Channel::value)
        .containsExactly("voice", "web", "chat", "sms", "email", "messaging");
    for (Channel c : Channel.knownValues()) {
      assertThat(Channel.of(c.value())).isSameAs(c);
      assertThat(c.isKnown()).isTrue();
      assertThat(c.toString()).isEqualTo(c.value());
    }
    assertThat(Channel.knownValues()).isUnmodifiable();
  }

  @Test
  void channelUnknownIsKept() {
    Channel fax = Channel.of("fax");
    assertThat(fax.value()).isEqualTo("fax");
    assertThat(fax.isKnown()).isFalse();
    assertThat(fax)
        .isEqualTo(Channel.of("fax"))
        .hasSameHashCodeAs(Channel.of("fax"))
        .isNotEqualTo(Channel.WEB);
    assertThat(fax.toString()).isEqualTo("fax");
    assertThat(Channel.of("Voice")).isNotEqualTo(Channel.VOICE);
    assertThat(Channel.of("Voice").isKnown()).isFalse();
    assertThatThrownBy(() -> Channel.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void roleKnownAndUnknown() {
    assertThat(Role.knownValues())
        .extracting(Role::value)
        .containsExactly("USER", "AGENT", "BOT", "EXTERNAL");
    for (Role r : Role.knownValues()) {
      assertThat(Role.of(r.value())).isSameAs(r);
      assertThat(r.isKnown()).isTrue();
    }
    Role robot = Role.of("ROBOT");
    assertThat(robot.isKnown()).isFalse();
    assertThat(robot.value()).isEqualTo("ROBOT");
    assertThat(robot)
        .isEqualTo(Role.of("ROBOT"))
        .hasSameHashCodeAs(Role.of("ROBOT"))
        .isNotEqualTo(Role.BOT);
    assertThat(robot.toString()).isEqualTo("ROBOT");
    assertThat(Role.of("user")).isNotEqualTo(Role.USER);
  }

  @Test
  void statusFinality() {
    assertThat(ExecutionStatus.QUEUED.isFinal()).isFalse();
    assertThat(ExecutionStatus.RUNNING.isFinal()).isFalse();
    assertThat(ExecutionStatus.COMPLETED.isFinal()).isTrue();
    assertThat(ExecutionStatus.FAILED.isFinal()).isTrue();
    assertThat(ExecutionStatus.CANCELLED.isFinal()).isTrue();
    assertThat(ExecutionStatus.knownValues())
        .extracting(ExecutionStatus::value)
        .containsExactly("QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED");
    for (ExecutionStatus s : ExecutionStatus.knownValues()) {
      assertThat(ExecutionStatus.of(s.value())).isSameAs(s);
      assertThat(s.isKnown()).isTrue();
    }
  }

  @Test
  void statusUnknownIsKeptAndNotFinal() {
    ExecutionStatus paused = ExecutionStatus.of("PAUSED");
    assertThat(paused.isKnown()).isFalse();
    assertThat(paused.isFinal()).isFalse();
    assertThat(paused.value()).isEqualTo("PAUSED");
    assertThat(paused.toString()).isEqualTo("PAUSED");
    assertThat(paused)
        .isEqualTo(ExecutionStatus.of("PAUSED"))
        .hasSameHashCodeAs(ExecutionStatus.of("PAUSED"));
    assertThat(ExecutionStatus.of("completed")).isNotEqualTo(ExecutionStatus.COMPLETED);
    assertThat(ExecutionStatus.of("completed").isFinal()).isFalse();
  }

  @Test
  void differentEnumTypesAreNotEqual() {
    assertThat((Object) Channel.of("USER")).isNotEqualTo(Role.USER);
  }
}
