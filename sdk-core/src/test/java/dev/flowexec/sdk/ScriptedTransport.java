package dev.flowexec.sdk;

import dev.flowexec.sdk.model.FlowExecution;
import dev.flowexec.sdk.model.LaunchRequest;
import dev.flowexec.sdk.transport.CallOptions;
import dev.flowexec.sdk.transport.FlowTransport;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A transport that answers each attempt from a script and records what it was sent. */
final class ScriptedTransport implements FlowTransport {
  final List<LaunchRequest> launches = new CopyOnWriteArrayList<>();
  final List<String> gets = new CopyOnWriteArrayList<>();
  final List<CallOptions> options = new CopyOnWriteArrayList<>();
  private final Deque<Function<String, FlowExecution>> script = new ArrayDeque<>();
  volatile boolean closed;

  /** Queues an answer: a function of the execution id that returns or throws. */
  synchronized ScriptedTransport then(Function<String, FlowExecution> answer) {
    script.add(answer);
    return this;
  }

  synchronized ScriptedTransport thenFail(RuntimeException failure) {
    return then(id -> {
      throw failure;
    });
  }

  synchronized ScriptedTransport thenSucceed() {
    return then(id -> TestValues.execution(id, dev.flowexec.sdk.model.ExecutionStatus.QUEUED));
  }

  @Override
  public FlowExecution launch(LaunchRequest request, CallOptions callOptions) {
    launches.add(request);
    options.add(callOptions);
    return next().apply(request.flowExecutionId());
  }

  @Override
  public FlowExecution get(String flowExecutionId, CallOptions callOptions) {
    gets.add(flowExecutionId);
    options.add(callOptions);
    return next().apply(flowExecutionId);
  }

  private synchronized Function<String, FlowExecution> next() {
    Function<String, FlowExecution> answer = script.poll();
    if (answer == null) {
      throw new AssertionError("the transport was called more often than the test scripted");
    }
    return answer;
  }

  @Override
  public void close() {
    closed = true;
  }
}
