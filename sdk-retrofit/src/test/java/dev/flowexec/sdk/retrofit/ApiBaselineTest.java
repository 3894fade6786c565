package dev.flowexec.sdk.retrofit;

import dev.flowexec.sdk.apibaseline.ApiBaseline;
import org.junit.jupiter.api.Test;

/**
 * The public API of sdk-retrofit equals the committed {@code api/sdk-retrofit.api}, shows no
 * generated type, and uses no other module's {@code internal} package. Regenerate: {@value
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
