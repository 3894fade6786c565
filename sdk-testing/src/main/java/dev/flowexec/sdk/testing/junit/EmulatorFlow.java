package dev.flowexec.sdk.testing.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A flow the emulator of an {@link EmulatorTest} knows, with one published version; repeat the
 * annotation for more flows, or for more versions of one flow (the last one is the latest). Its
 * executions end {@code COMPLETED} with an empty {@code output_data}; other outcomes and
 * unpublished flows go in an {@link EmulatorConfiguration} method.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Repeatable(EmulatorFlow.List.class)
public @interface EmulatorFlow {
  /**
   * The {@code flow_id}.
   *
   * @return the id
   */
  String id();

  /**
   * The published {@code flow_version}.
   *
   * @return the version, {@code "1"} by default
   */
  String version() default "1";

  /**
   * The names of the version's nodes, which {@code start_node} must match exactly.
   *
   * @return the node names, {@code Start} by default
   */
  String[] nodes() default {"Start"};

  /** Holds repeated {@link EmulatorFlow} annotations. */
  @Documented
  @Inherited
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
  @interface List {
    /**
     * The flows.
     *
     * @return the annotations
     */
    EmulatorFlow[] value();
  }
}
