package dev.flowexec.sdk.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an injected {@link dev.flowexec.sdk.FlowExecutionsClient} (or its builder) authenticate as
 * this registered client instead of the first one.
 *
 * <pre>{@code
 * @Test
 * void readOnlyClientCannotLaunch(@UseClient("reader") FlowExecutionsClient reader) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface UseClient {
  /**
   * The client id, as registered with {@link EmulatorClient} or in an {@link EmulatorConfiguration}
   * method.
   *
   * @return the id
   */
  String value();
}
