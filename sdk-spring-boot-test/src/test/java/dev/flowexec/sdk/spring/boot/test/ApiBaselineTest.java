package dev.flowexec.sdk.spring.boot.test;

import dev.flowexec.sdk.apibaseline.ApiBaseline;
import org.junit.jupiter.api.Test;

/**
 * The public API of sdk-spring-boot-test equals the committed {@code api/sdk-spring-boot-test.api},
 * shows no generated type, and uses no other module's {@code internal} package. Regenerate: {@value
 * ApiBaseline#REGENERATE}.
 */
class ApiBaselineTest {
  @Test
  void publicApiMatchesTheCommittedBaseline() throws Exception {
    ApiBaseline.check();
  }

  @Test
  void usesNoInternalPackageOfAnotherModule() throws Exception {
    ApiBaseline.checkNoForeignInternal();
  }
}
