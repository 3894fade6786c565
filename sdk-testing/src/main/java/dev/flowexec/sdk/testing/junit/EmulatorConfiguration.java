package dev.flowexec.sdk.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method of an {@link EmulatorTest} class that configures its emulator beyond the
 * annotations: it takes the {@link dev.flowexec.sdk.testing.FlowExecutionsEmulator.Builder}, after
 * the {@link EmulatorFlow}, {@link EmulatorClient} and clock settings were applied, before the
 * emulator starts. Superclass methods run first.
 *
 * <pre>{@code
 * @EmulatorConfiguration
 * static void emulator(FlowExecutionsEmulator.Builder emulator) {
 *   emulator.flow(Flow.withId("broken").publishedVersion("1", "Start")
 *           .outcome(Outcome.failed("boom", "it broke")))
 *       .rateLimit(10, Duration.ofSeconds(1), RetryAfterFormat.DELAY_SECONDS);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EmulatorConfiguration {}
