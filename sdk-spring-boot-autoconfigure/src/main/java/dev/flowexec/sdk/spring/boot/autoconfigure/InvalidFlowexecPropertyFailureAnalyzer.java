package dev.flowexec.sdk.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link InvalidFlowexecPropertyException} into Spring Boot's start-up failure report. */
final class InvalidFlowexecPropertyFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidFlowexecPropertyException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidFlowexecPropertyException cause) {
    return new FailureAnalysis(
        "The flowexec client could not be configured: property "
            + cause.property()
            + ": "
            + cause.reason()
            + ".",
        cause.action(),
        cause);
  }
}
