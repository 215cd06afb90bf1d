package com.phala.cloud.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Names come back right, interned, however full the shared table gets. */
class KeyCacheTest {
  @Test
  void namesAreInternedAndFoundByTheirBytesAnywhereInABuffer() {
    byte[] bytes = "..hosted..".getBytes(StandardCharsets.US_ASCII);
    assertThat(KeyCache.name(bytes, 2, 6)).isSameAs("hosted");
    assertThat(KeyCache.name("hosted".getBytes(StandardCharsets.US_ASCII), 0, 6))
        .isSameAs("hosted");
    assertThat(KeyCache.name(bytes, 2, 0)).isSameAs("");
  }

  @Test
  void aFloodOfOddNamesNeitherBreaksNorLocksOutTheUsualOnes() {
    for (int i = 0; i < 20_000; i++) {
      String odd = "odd_name_" + i;
      byte[] bytes = odd.getBytes(StandardCharsets.US_ASCII);
      assertThat(KeyCache.name(bytes, 0, bytes.length)).isEqualTo(odd);
    }
    for (String usual :
        new String[] {"name", "status", "hosted", "public_urls", "app_id", "a", "ab", "abc"}) {
      byte[] bytes = usual.getBytes(StandardCharsets.US_ASCII);
      assertThat(KeyCache.name(bytes, 0, bytes.length)).isSameAs(usual);
      assertThat(KeyCache.name(bytes, 0, bytes.length)).isSameAs(usual);
    }
  }

  @Test
  void longNamesAreInternedWithoutBeingCached() {
    String longName = "n".repeat(KeyCache.MAX_LENGTH + 1);
    byte[] bytes = longName.getBytes(StandardCharsets.US_ASCII);
    assertThat(KeyCache.name(bytes, 0, bytes.length)).isSameAs(longName.intern());
  }
}
