package dev.flowexec.sdk.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An OAuth client the emulator of an {@link EmulatorTest} registers; repeat it for several. An
 * injected {@link dev.flowexec.sdk.FlowExecutionsClient} authenticates as the first one, or as the
 * one its parameter names with {@link UseClient}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(EmulatorClient.List.class)
public @interface EmulatorClient {
  /**
   * The client id.
   *
   * @return the id
   */
  String id();

  /**
   * The client secret.
   *
   * @return the secret
   */
  String secret();

  /**
   * The scopes it may be granted.
   *
   * @return the scopes, {@code flow:execute} and {@code flow:execution:read} by default
   */
  String[] scopes() default {"flow:execute", "flow:execution:read"};

  /** Holds repeated {@link EmulatorClient} annotations. */
  @Documented
  @Inherited
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
  @interface List {
    /**
     * The clients.
     *
     * @return the annotations
     */
    EmulatorClient[] value();
  }
}
