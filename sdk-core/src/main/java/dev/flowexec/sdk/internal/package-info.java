/** Implementation details of the SDK. Not public API: anything here may change in any release. */
package dev.flowexec.sdk.internal;
