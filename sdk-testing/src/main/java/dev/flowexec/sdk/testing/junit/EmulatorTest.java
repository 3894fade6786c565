package dev.flowexec.sdk.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a {@link dev.flowexec.sdk.testing.FlowExecutionsEmulator}: one per
 * class (reset before each test) or one per test, closed when done. Test and lifecycle methods take
 * the emulator, a ready {@link dev.flowexec.sdk.FlowExecutionsClient} and the {@link
 * dev.flowexec.sdk.testing.TestClock} as parameters; nothing else needs wiring.
 *
 * <pre>{@code
 * @EmulatorTest
 * @EmulatorFlow(id = "abc-123", version = "3", nodes = {"Start", "Greeting", "End"})
 * class OrderWebhookTest {
 *   @Test
 *   void launchesAndCompletes(FlowExecutionsClient client, FlowExecutionsEmulator emulator) {
 *     FlowExecution launched = client.launch(request);
 *     FlowExecution done = client.awaitCompletion(launched.flowExecutionId(), Duration.ofMinutes(1));
 *     assertThat(done.status()).isEqualTo(ExecutionStatus.COMPLETED);   // at once: virtual time
 *   }
 * }
 * }</pre>
 *
 * <p>Flows come from {@link EmulatorFlow}, clients from {@link EmulatorClient} (without one, the
 * emulator has client {@code test-client} / {@code test-secret} with scopes {@code flow:execute}
 * and {@code flow:execution:read}), and anything else (outcomes, rate limits, the lifecycle's
 * durations) from a static {@link EmulatorConfiguration} method.
 *
 * <p>With {@link #virtualTime()} (the default) the emulator and every injected client run on one
 * {@code TestClock}: retry backoffs, {@code Retry-After} waits and {@code awaitCompletion} polls
 * move the clock instead of sleeping, for synchronous and asynchronous calls, so they finish at
 * once and in order.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(FlowExecutionsEmulatorExtension.class)
public @interface EmulatorTest {
  /**
   * How long one emulator lives.
   *
   * @return {@link Lifecycle#PER_CLASS} by default
   */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  /**
   * Whether the emulator and the injected clients run on a {@code TestClock} (the default) or on
   * the system clock, sleeping for real.
   *
   * @return true for virtual time
   */
  boolean virtualTime() default true;

  /**
   * Where the {@code TestClock} starts, in ISO-8601 ({@link java.time.Instant#parse}).
   *
   * @return the instant, {@code 2026-01-01T00:00:00Z} by default
   */
  String clockStart() default "2026-01-01T00:00:00Z";

  /** How long one emulator lives. */
  enum Lifecycle {
    /**
     * One emulator for the test class (and its {@code @Nested} classes), reset before each test:
     * executions, recorded requests, faults and the rate limit start over; the clock keeps moving
     * forward and issued tokens stay valid. So what a {@code @BeforeAll} method launches or scripts
     * is gone when a test starts: do that in {@code @BeforeEach}, which runs after the reset.
     */
    PER_CLASS,
    /** A new emulator (and a new clock) for each test. */
    PER_TEST
  }
}
