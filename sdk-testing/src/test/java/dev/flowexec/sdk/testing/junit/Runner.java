package dev.flowexec.sdk.testing.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs a test class on the JUnit Platform, as a build would, and sums up the outcome. */
final class Runner {

  private Runner() {}

  static String run(Class<?> testClass) {
    return outcome(summary(testClass));
  }

  static TestExecutionSummary summary(Class<?> testClass) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
        listener);
    return listener.getSummary();
  }

  static String outcome(TestExecutionSummary summary) {
    return summary.getTestsSucceededCount()
        + " passed, "
        + summary.getTestsFailedCount()
        + " failed";
  }
}
