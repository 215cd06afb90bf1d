package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a CVM points to: its owner, its node, its KMS and its public URLs. */
class CvmRelationsAccessorsTest {
  private final CvmList full = Examples.list(FULL);

  @Test
  void readsTheManagedUser() {
    ManagedUser user = full.get(0).managedUser().orElseThrow();

    assertThat(user.id()).isEqualTo(1042L);
    assertThat(user.username()).isEqualTo("alice");
  }

  @Test
  void acceptsAManagedUserIdSentAsANumericString() {
    Cvm cvm = Examples.one(Examples.set(Examples.cvm(FULL, 0), "managed_user.id", "1042"));

    assertThat(cvm.managedUser().orElseThrow().id()).isEqualTo(1042L);
    assertThat(cvm.validate()).isEmpty();
  }

  @Test
  void readsTheNode() {
    CvmNode node = full.get(0).node().orElseThrow();

    assertThat(node.id()).isEqualTo(12L);
    assertThat(node.name()).isEqualTo("prod5-us-west");
    assertThat(node.regionIdentifier()).contains("us-west");
  }

  @Test
  void readsANodeWithoutARegion() {
    CvmNode node = full.get(1).node().orElseThrow();

    assertThat(node.id()).isEqualTo(31L);
    assertThat(node.name()).isEqualTo("h200-eu-1");
    assertThat(node.regionIdentifier()).isEmpty();
  }

  @Test
  void readsEveryFieldOfTheKmsInfo() {
    KmsInfo kms = full.get(0).kmsInfo().orElseThrow();

    assertThat(kms.id()).isEqualTo(KmsId.parse("kms_4nT8pL2wQz"));
    assertThat(kms.idRaw()).isEqualTo("kms_4nT8pL2wQz");
    assertThat(kms.url()).isEqualTo("https://kms.dstack-prod5.phala.network");
    assertThat(kms.version()).isEqualTo("v0.5.3");
    assertThat(kms.slug()).contains("phala-prod5");
    assertThat(kms.chainId()).hasValue(8453L);
    assertThat(kms.kmsContractAddress()).contains("0x2f83172A49584C017F2B256F0FB2Dca14126Ba9C");
    assertThat(kms.gatewayAppId()).contains("0x9a8e7d2c4b1f0e3a5d6c7b8a9f0e1d2c3b4a5f6e");
  }

  @Test
  void readsNullKmsDetailsAsEmpty() {
    KmsInfo kms = full.get(2).kmsInfo().orElseThrow();

    assertThat(kms.id()).isEqualTo(KmsId.parse("kms_4nT8pL2wQz"));
    assertThat(kms.slug()).isEmpty();
    assertThat(kms.chainId()).isEmpty();
    assertThat(kms.kmsContractAddress()).isEmpty();
    assertThat(kms.gatewayAppId()).isEmpty();
  }

  @Test
  void readsThePublicUrls() {
    List<PublicUrls> urls = full.get(0).publicUrls();

    assertThat(urls)
        .singleElement()
        .satisfies(
            url -> {
              assertThat(url.app())
                  .isEqualTo(
                      "https://e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f-8080.dstack-prod5.phala.network");
              assertThat(url.instance())
                  .isEqualTo(
                      "https://9c2b1f0e7d3a45b6c8e9f0a1b2c3d4e5f6a7b8c9-8080.dstack-prod5.phala.network");
            });
  }
}
