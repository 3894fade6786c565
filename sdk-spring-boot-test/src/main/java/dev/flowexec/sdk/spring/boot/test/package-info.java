/**
 * Test support for Spring Boot applications that use flowexec: {@link
 * dev.flowexec.sdk.spring.boot.test.AutoConfigureFlowexecEmulator} gives a {@code @SpringBootTest}
 * a running emulator with the {@code flowexec.*} properties pointed at it.
 */
package dev.flowexec.sdk.spring.boot.test;
