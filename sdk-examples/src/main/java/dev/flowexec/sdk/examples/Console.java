package dev.flowexec.sdk.examples;

import dev.flowexec.sdk.errors.FieldError;
import dev.flowexec.sdk.errors.FlowApiException;
import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.errors.InvalidRequestException;
import dev.flowexec.sdk.model.FlowExecution;
import java.io.PrintStream;
import java.util.List;

/** Aligned output: a fixed-width label, then the value. Used by every command. */
final class Console {
  static final String LABEL = "  %-12s %s%n";

  private final PrintStream out;

  Console(PrintStream out) {
    this.out = out;
  }

  PrintStream stream() {
    return out;
  }

  void heading(String text) {
    out.println();
    out.println(text);
  }

  void line(String label, Object value) {
    out.printf(LABEL, label, value);
  }

  void text(String text) {
    out.println(text);
  }

  /** Prints the fields of an execution a person looks at, one per line. */
  void execution(FlowExecution execution) {
    line("id", execution.flowExecutionId());
    line(
        "flow",
        execution.flowId() + execution.flowVersion().map(v -> " (version " + v + ")").orElse(""));
    execution.name().ifPresent(name -> line("name", name));
    line("status", execution.status());
    execution.channelType().ifPresent(channel -> line("channel", channel));
    line("created", execution.createdAt());
    execution.completedAt().ifPresent(at -> line("completed", at));
    execution.outputData().ifPresent(output -> line("output", output));
    execution.error().ifPresent(error -> line("error", error.code() + ": " + error.message()));
  }

  /** Prints a typed failure: its class, status and code, message lines, and field errors. */
  void failure(FlowApiException failure) {
    line("exception", failure.getClass().getSimpleName());
    line(
        "status",
        (failure.statusCode() == 0 ? "none (no HTTP call)" : failure.statusCode())
            + "  error_code "
            + failure.errorCode());
    if (failure instanceof InvalidRequestException) {
      fieldErrors(((InvalidRequestException) failure).fieldErrors());
    } else {
      line("message", firstLine(failure.getMessage()));
    }
    if (failure instanceof InsufficientScopeException) {
      InsufficientScopeException scope = (InsufficientScopeException) failure;
      line("required", String.join(" or ", new java.util.TreeSet<>(scope.requiredScopes())));
      if (!scope.grantedScopes().isEmpty()) {
        line("granted", String.join(" ", new java.util.TreeSet<>(scope.grantedScopes())));
      }
    }
  }

  void fieldErrors(List<FieldError> errors) {
    int width = errors.stream().mapToInt(e -> e.field().length()).max().orElse(0);
    String format = "  %-12s %-" + width + "s  %-14s %s%n";
    String label = "fieldErrors";
    for (FieldError error : errors) {
      out.printf(format, label, error.field(), error.issue(), error.message());
      label = "";
    }
  }

  static String firstLine(String message) {
    int newline = message == null ? -1 : message.indexOf('\n');
    return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
  }
}
