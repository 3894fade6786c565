package dev.flowexec.sdk.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells Immutables (which matches this annotation by its simple name) that a map attribute keeps
 * null values: JSON objects such as {@code input_data} may hold {@code null}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.SOURCE)
@interface AllowNulls {}
