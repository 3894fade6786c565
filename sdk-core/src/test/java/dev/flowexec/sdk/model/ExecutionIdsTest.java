package dev.flowexec.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExecutionIdsTest {
  @Test
  void idsAreCanonicalVersion4Uuids() {
    String id = ExecutionIds.randomUuid();

    UUID uuid = UUID.fromString(id);
    assertThat(uuid.toString()).isEqualTo(id);
    assertThat(uuid.version()).isEqualTo(4);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void idsAreUniqueAcrossThreads() {
    Set<String> ids = ConcurrentHashMap.newKeySet();

    IntStream.range(0, 40_000).parallel().forEach(i -> ids.add(ExecutionIds.randomUuid()));

    assertThat(ids).hasSize(40_000);
  }

  @Test
  void everyBitOutsideVersionAndVariantVaries() {
    long orHigh = 0;
    long andHigh = -1;
    long orLow = 0;
    long andLow = -1;
    for (int i = 0; i < 2_000; i++) {
      UUID uuid = UUID.fromString(ExecutionIds.randomUuid());
      orHigh |= uuid.getMostSignificantBits();
      andHigh &= uuid.getMostSignificantBits();
      orLow |= uuid.getLeastSignificantBits();
      andLow &= uuid.getLeastSignificantBits();
    }
    // Only the version nibble (0100) and the variant bits (10) are fixed.
    assertThat(orHigh ^ andHigh).isEqualTo(~0x000000000000F000L);
    assertThat(orLow ^ andLow).isEqualTo(~0xC000000000000000L);
  }
}
