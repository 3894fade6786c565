package dev.flowexec.sdk;

import dev.flowexec.sdk.errors.FlowApiException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs one DEBUG line per attempt to {@code dev.flowexec.sdk.client}: operation, method, path,
 * attempt number, status, request id, elapsed time and what the client does next (done, retry in
 * how long, or give up), and for an attempt's request refused for its token and sent again; and one
 * per token fetch, whatever the transport: token endpoint, the attempt it was for, outcome, elapsed
 * time, and whether a refused token forced it. Logs nothing at INFO or above, and costs one level
 * check per event when DEBUG is off. Never logs a header value or a body.
 */
final class LoggingListener implements ExecutionListener {
  /** The logger's name. */
  public static final String LOGGER = "dev.flowexec.sdk.client";

  private final System.Logger log;

  /** A failed attempt's line, held until the client decides whether to retry. */
  private final Map<Long, String> pending = new ConcurrentHashMap<>();

  /** Logs to {@link #LOGGER}. */
  public LoggingListener() {
    this(System.getLogger(LOGGER));
  }

  LoggingListener(System.Logger log) {
    this.log = log;
  }

  /** Whether a line would be logged now: DEBUG is on for {@link #LOGGER}. */
  boolean isEnabled() {
    return log.isLoggable(Level.DEBUG);
  }

  @Override
  public void attemptFinished(AttemptFinished attempt) {
    if (!log.isLoggable(Level.DEBUG)) {
      return;
    }
    StringBuilder line =
        new StringBuilder(128)
            .append(attempt.operation().name().toLowerCase(java.util.Locale.ROOT))
            .append(' ')
            .append(attempt.operation().httpMethod())
            .append(' ')
            .append(attempt.operation().path(attempt.flowExecutionId()))
            .append(" attempt ")
            .append(attempt.attempt())
            .append(": ");
    RuntimeException failure = attempt.failure().orElse(null);
    int status = attempt.statusCode();
    line.append(status == 0 ? "no response" : String.valueOf(status));
    if (failure instanceof FlowApiException) {
      line.append(' ').append(((FlowApiException) failure).errorCode());
    } else if (failure != null) {
      line.append(' ').append(failure.getClass().getName());
    } else if (attempt.response().map(r -> r.replayed()).orElse(false)) {
      line.append(" replayed");
    }
    line.append(", request ")
        .append(attempt.requestId().orElse("-"))
        .append(", ")
        .append(attempt.duration().toMillis())
        .append(" ms");
    if (failure == null) {
      log.log(Level.DEBUG, line.append("; done").toString());
    } else {
      pending.put(attempt.callId(), line.toString());
    }
  }

  @Override
  public void requestResent(RequestResent resent) {
    if (!log.isLoggable(Level.DEBUG)) {
      return;
    }
    FlowApiException refusal = resent.refusal();
    log.log(
        Level.DEBUG,
        resent.operation().name().toLowerCase(java.util.Locale.ROOT)
            + ' '
            + resent.operation().httpMethod()
            + ' '
            + resent.operation().path(resent.flowExecutionId())
            + " attempt "
            + resent.attempt()
            + ": "
            + refusal.statusCode()
            + ' '
            + refusal.errorCode()
            + ", request "
            + refusal.requestId().orElse("-")
            + "; sent again with a new token");
  }

  @Override
  public void tokenFetched(TokenFetched fetch) {
    if (!log.isLoggable(Level.DEBUG)) {
      return;
    }
    StringBuilder line =
        new StringBuilder(128)
            .append("token fetch POST ")
            .append(fetch.tokenUrl().map(Object::toString).orElse("(token endpoint)"))
            .append(" for ")
            .append(fetch.operation().name().toLowerCase(java.util.Locale.ROOT))
            .append(" attempt ")
            .append(fetch.attempt())
            .append(": ");
    RuntimeException failure = fetch.failure().orElse(null);
    if (failure == null) {
      line.append("token received");
    } else {
      int status = fetch.statusCode();
      line.append(status == 0 ? "no response" : String.valueOf(status))
          .append(' ')
          .append(fetch.errorCode().orElse(failure.getClass().getName()));
    }
    line.append(", ").append(fetch.duration().toMillis()).append(" ms");
    if (fetch.forcedRefresh()) {
      line.append(", forced: the service refused the cached token");
    }
    log.log(Level.DEBUG, line.toString());
  }

  @Override
  public void retryScheduled(RetryScheduled retry) {
    String line = pending.remove(retry.callId());
    if (line != null && log.isLoggable(Level.DEBUG)) {
      log.log(Level.DEBUG, line + "; retry in " + retry.delay().toMillis() + " ms");
    }
  }

  @Override
  public void callFinished(CallFinished call) {
    String line = pending.remove(call.callId());
    if (!log.isLoggable(Level.DEBUG)) {
      return;
    }
    RuntimeException failure = call.failure().orElse(null);
    if (failure == null) {
      return; // the last attempt's line said "done"
    }
    String outcome =
        failure instanceof FlowApiException
            ? ((FlowApiException) failure).errorCode()
            : failure.getClass().getName();
    log.log(
        Level.DEBUG,
        (line != null
                ? line + "; "
                : call.operation().name().toLowerCase(java.util.Locale.ROOT)
                    + " "
                    + call.flowExecutionId()
                    + ": ")
            + "giving up after "
            + call.attempts()
            + (call.attempts() == 1 ? " attempt" : " attempts")
            + " and "
            + call.duration().toMillis()
            + " ms: "
            + outcome);
  }
}
