/**
 * A JUnit 5 extension for tests against the emulator: {@link
 * dev.flowexec.sdk.testing.junit.EmulatorTest} on a test class starts and stops the emulator and
 * injects it, a ready client and the test clock. Needs {@code junit-jupiter-api} and {@code
 * sdk-retrofit} on the test class path.
 */
package dev.flowexec.sdk.testing.junit;
