package dev.flowexec.sdk.spring.boot.test;

import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the emulator of an {@link AutoConfigureFlowexecEmulator} test after each test method, so
 * tests sharing a cached context do not see each other's executions, requests or faults. Registered
 * in {@code META-INF/spring.factories}.
 */
public final class FlowexecEmulatorTestExecutionListener extends AbstractTestExecutionListener {
  /** Made by Spring's test framework. */
  public FlowexecEmulatorTestExecutionListener() {}

  /** Runs late, after the listeners that may still use the emulator's state. */
  @Override
  public int getOrder() {
    return LOWEST_PRECEDENCE - 100;
  }

  @Override
  public void afterTestMethod(TestContext testContext) {
    AutoConfigureFlowexecEmulator annotation =
        TestContextAnnotationUtils.findMergedAnnotation(
            testContext.getTestClass(), AutoConfigureFlowexecEmulator.class);
    if (annotation != null
        && annotation.resetAfterEachTest()
        && testContext.hasApplicationContext()) {
      testContext
          .getApplicationContext()
          .getBeanProvider(FlowExecutionsEmulator.class)
          .ifAvailable(FlowExecutionsEmulator::reset);
    }
  }
}
