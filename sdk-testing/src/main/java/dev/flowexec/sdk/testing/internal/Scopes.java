package dev.flowexec.sdk.testing.internal;

import java.util.List;

/** The OAuth scopes of the contract and which ones each operation accepts. */
public final class Scopes {
  /** The canonical scope for launching. */
  public static final String EXECUTE = "flow:execute";

  /** The alias of {@link #EXECUTE}. */
  public static final String EXECUTION_WRITE = "flow:execution:write";

  /** The scope for reading executions. */
  public static final String EXECUTION_READ = "flow:execution:read";

  /** A scope that allows neither operation. */
  public static final String READ = "flow:read";

  /** The scopes that allow a launch, any one sufficing, in the order they are announced. */
  public static final List<String> LAUNCH = List.of(EXECUTE, EXECUTION_WRITE);

  /** The scopes that allow reading an execution, any one sufficing. */
  public static final List<String> GET_EXECUTION =
      List.of(EXECUTION_READ, EXECUTE, EXECUTION_WRITE);

  private Scopes() {}
}
