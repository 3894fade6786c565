/**
 * Spring Boot auto-configuration for flowexec: a {@link dev.flowexec.sdk.FlowExecutionsClient} from
 * the {@code flowexec.*} properties ({@link
 * dev.flowexec.sdk.spring.boot.autoconfigure.FlowexecProperties}), the customizer interfaces, and
 * the {@code flowexec} health indicator.
 */
package dev.flowexec.sdk.spring.boot.autoconfigure;
