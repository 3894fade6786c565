package dev.flowexec.sdk.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of this SDK, applied per package in {@code package-info.java}.
 *
 * <p>Staged builders make every required attribute a compile-time step. The generated classes are
 * public only because Java cannot reach the nested stage interfaces of a package-private class;
 * {@code overshadowImplementation} keeps them out of every signature users touch: builders and
 * {@code with*} copies return the abstract type. Not part of the public API.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    stagedBuilder = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
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
