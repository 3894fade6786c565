/**
 * Access tokens, where they come from, and which OAuth scopes each operation accepts.
 *
 * <pre>{@code
 * AccessTokenProvider tokens = AccessTokenProvider.of("static-token");
 * boolean ok = Scopes.allows(Operation.LAUNCH, Set.of("flow:execution:write")); // true: the alias
 * }</pre>
 */
@FlowexecStyle
package dev.flowexec.sdk.auth;

import dev.flowexec.sdk.internal.FlowexecStyle;
