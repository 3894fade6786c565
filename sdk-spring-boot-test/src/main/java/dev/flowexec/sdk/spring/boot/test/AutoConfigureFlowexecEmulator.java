package dev.flowexec.sdk.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test's application context against a flowexec emulator: the emulator ({@link
 * dev.flowexec.sdk.testing.FlowExecutionsEmulator}) is started on a free loopback port before the
 * context, the {@code flowexec.*} properties are pointed at it (base URL, client id and secret,
 * scopes; they win over the application's own), it is a bean you can autowire to script faults or
 * read what it received, and it stops with the context.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureFlowexecEmulator(flows = "order-fulfilment:3:Start,Ship,End")
 * class OrderWebhookTest {
 *   @Autowired FlowExecutionsClient client;       // the application's, pointed at the emulator
 *   @Autowired FlowExecutionsEmulator emulator;   // to assert on, or script faults
 * }
 * }</pre>
 *
 * <p>Test classes with the same settings share one context (and so one emulator), as Spring's
 * context cache does for any context; the emulator is {@linkplain
 * dev.flowexec.sdk.testing.FlowExecutionsEmulator#reset() reset} after each test method unless
 * {@link #resetAfterEachTest()} is {@code false}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureFlowexecEmulator {
  /**
   * The flows the emulator knows, each {@code id:version:Node,Node,...} (the same form as the
   * standalone emulator's {@code --flow}), such as {@code "order-fulfilment:3:Start,Ship,End"}.
   * Several versions of one flow are several entries; the one listed last is the latest.
   *
   * @return the flows; none by default, so launches fail with {@code flow_not_found}
   */
  String[] flows() default {};

  /**
   * The OAuth client id registered with the emulator and set as {@code flowexec.auth.client-id}.
   *
   * @return the client id
   */
  String clientId() default "flowexec-test-client";

  /**
   * The client secret registered with the emulator and set as {@code flowexec.auth.client-secret}.
   *
   * @return the secret
   */
  String clientSecret() default "flowexec-test-secret";

  /**
   * The scopes the client may be granted, also set as {@code flowexec.auth.scopes}.
   *
   * @return the scopes
   */
  String[] scopes() default {"flow:execute", "flow:execution:read"};

  /**
   * Whether the emulator forgets its executions, recorded requests and scripted faults after each
   * test method.
   *
   * @return {@code true} by default
   */
  boolean resetAfterEachTest() default true;
}
