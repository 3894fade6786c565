/**
 * The API baseline rail of the build: {@link dev.flowexec.sdk.apibaseline.ApiBaseline} checks a
 * module's public API against its committed {@code api/<module>.api}. Test scope only; not
 * published.
 */
package dev.flowexec.sdk.apibaseline;
