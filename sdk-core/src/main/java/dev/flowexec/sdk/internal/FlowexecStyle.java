package dev.flowexec.sdk.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of this SDK, applied per package in {@code package-info.java}.
 *
 * <p>Generated classes are package-private: users see only the abstract value types and the
 * builders and stage interfaces written by hand beside them, so no signature, Javadoc page or
 * compiler message names a generated type. {@code overshadowImplementation} makes the generated
 * {@code with*} copies return the abstract type. Not part of the public API.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    // Our types declare their own builder() and nested Builder: keep Immutables off both names.
    builder = "newBuilder",
    typeInnerBuilder = "GeneratedBuilder",
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = true),
    redactedMask = "<redacted>",
    optionalAcceptNullable = true,
    // No @Generated annotations on generated code: they are not on users' classpaths, and javac
    // warns about each one when compiling against sdk-core.
    allowedClasspathAnnotations = {Override.class},
    headerComments = false)
public @interface FlowexecStyle {}
