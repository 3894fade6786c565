package dev.flowexec.sdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flowexec.sdk.errors.InsufficientScopeException;
import dev.flowexec.sdk.transport.Operation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTest {
  @Test
  void theContractsTable() {
    assertThat(Operation.LAUNCH.acceptedScopes())
        .containsExactly("flow:execute", "flow:execution:write");
    assertThat(Operation.GET.acceptedScopes())
        .containsExactlyInAnyOrder("flow:execution:read", "flow:execute", "flow:execution:write");
    assertThat(Operation.LAUNCH.acceptedScopes()).isUnmodifiable();
    assertThat(Operation.LAUNCH.acceptedScopes())
        .containsExactly(Scopes.FLOW_EXECUTE, Scopes.FLOW_EXECUTION_WRITE);
    assertThat(Scopes.defaultRequest()).containsExactly("flow:execute", "flow:execution:read");
  }

  @Test
  void allows() {
    assertThat(Scopes.allows(Operation.LAUNCH, Set.of("flow:execute"))).isTrue();
    assertThat(Scopes.allows(Operation.LAUNCH, Set.of("flow:execution:write"))).isTrue();
    assertThat(Scopes.allows(Operation.LAUNCH, Set.of("flow:execution:read"))).isFalse();
    assertThat(Scopes.allows(Operation.GET, Set.of("flow:execution:read"))).isTrue();
    assertThat(Scopes.allows(Operation.GET, Set.of("flow:execute"))).isTrue();
    assertThat(Scopes.allows(Operation.GET, Set.of("flow:execution:write"))).isTrue();
    for (Operation op : Operation.values()) {
      assertThat(Scopes.allows(op, Set.of("flow:read"))).as(op.name()).isFalse();
      assertThat(Scopes.allows(op, Set.of())).isFalse();
      assertThat(Scopes.allows(op, Set.of("FLOW:EXECUTE"))).isFalse();
    }
  }

  @Test
  void checkPassesUnknownScopes() {
    assertThatCode(() -> Scopes.check(Operation.LAUNCH, AccessToken.of("t")))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                Scopes.check(
                    Operation.LAUNCH,
                    AccessToken.builder()
                        .value("t")
                        .grantedScopes(Set.of("flow:read", "flow:execute"))
                        .build()))
        .doesNotThrowAnyException();
  }

  @Test
  void checkFailsFastWhenKnownScopesDoNotAllow() {
    AccessToken readOnly =
        AccessToken.builder().value("secret-token").grantedScopes(Set.of("flow:read")).build();
    InsufficientScopeException e =
        catchThrowableOfType(
            InsufficientScopeException.class, () -> Scopes.check(Operation.LAUNCH, readOnly));
    assertThat(e).isNotNull();
    assertThat(e.statusCode()).isZero();
    assertThat(e.errorCode()).isEqualTo("insufficient_scope");
    assertThat(e.requiredScopes())
        .containsExactlyInAnyOrder("flow:execute", "flow:execution:write");
    assertThat(e.grantedScopes()).containsExactly("flow:read");
    assertThat(e.getMessage())
        .contains("checked before sending")
        .contains("launching an execution needs flow:execute or flow:execution:write")
        .contains("the token has flow:read")
        .contains("Request the token with flow:execute")
        .doesNotContain("secret-token");
    assertThatCode(
            () ->
                Scopes.check(
                    Operation.GET,
                    AccessToken.builder()
                        .value("t")
                        .grantedScopes(Set.of("flow:execution:read"))
                        .build()))
        .doesNotThrowAnyException();
    InsufficientScopeException get =
        catchThrowableOfType(
            InsufficientScopeException.class, () -> Scopes.check(Operation.GET, readOnly));
    assertThat(get.getMessage())
        .contains(
            "reading an execution needs flow:execution:read or flow:execute or flow:execution:write");
  }

  @Test
  void checkWithAKnownEmptyGrantSaysSo() {
    AccessToken none = AccessToken.builder().value("t").grantedScopes(Set.of()).build();
    InsufficientScopeException e =
        catchThrowableOfType(
            InsufficientScopeException.class, () -> Scopes.check(Operation.LAUNCH, none));
    assertThat(e.getMessage()).contains("the token has no scopes").doesNotContain("unknown");
  }

  @Test
  void insufficientFromTheService() {
    InsufficientScopeException e =
        Scopes.insufficient(Operation.GET, List.of("flow:execution:read"), Set.of(), 403, "req_1");
    assertThat(e.statusCode()).isEqualTo(403);
    assertThat(e.requestId()).contains("req_1");
    assertThat(e.getMessage())
        .startsWith("403 insufficient_scope: reading an execution needs flow:execution:read")
        .contains("the token's scopes are unknown")
        .endsWith("[request req_1]");
  }

  @Test
  void insufficientWithNoRequiredScopesFallsBackToTheTable() {
    InsufficientScopeException e =
        Scopes.insufficient(Operation.LAUNCH, List.of(), Set.of(), 403, null);
    assertThat(e.requiredScopes())
        .containsExactlyInAnyOrder("flow:execute", "flow:execution:write");
    assertThat(e.getMessage())
        .contains("Request the token with flow:execute")
        .doesNotContain("(request");
  }
}
