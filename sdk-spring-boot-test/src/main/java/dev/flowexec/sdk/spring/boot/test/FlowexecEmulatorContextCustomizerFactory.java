package dev.flowexec.sdk.spring.boot.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link AutoConfigureFlowexecEmulator} on a test class (or an enclosing one) and adds the
 * emulator to its context. Registered in {@code META-INF/spring.factories}.
 */
final class FlowexecEmulatorContextCustomizerFactory implements ContextCustomizerFactory {
  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    AutoConfigureFlowexecEmulator annotation =
        TestContextAnnotationUtils.findMergedAnnotation(
            testClass, AutoConfigureFlowexecEmulator.class);
    return annotation == null
        ? null
        : new FlowexecEmulatorContextCustomizer(EmulatorSettings.of(annotation));
  }
}
