package dev.flowexec.sdk.sample.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sample.*} properties.
 *
 * @param flowId the flow each order event launches
 */
@ConfigurationProperties("sample")
record SampleProperties(String flowId) {}
