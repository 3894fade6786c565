package dev.flowexec.sdk;

/** The listener used when none is configured. */
enum NoopListener implements ExecutionListener {
  INSTANCE
}
