/**
 * Implementation of the emulator: HTTP routing, validation, token and execution stores, fault
 * injection and JSON reading and writing. Nothing here is API; it may change in any release.
 */
package dev.flowexec.sdk.testing.internal;
