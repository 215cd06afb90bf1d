package com.phala.cloud.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmInfo;
import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.CvmList;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A CVM built with a few fields is valid against the contract in both shapes, as served. */
@ExtendWith(FakePhalaCloudExtension.class)
class FakeCvmTest {
  @Test
  void onlyANameIsValidInBothShapes() {
    FakeCvm cvm = FakeCvm.named("api");
    assertThat(CvmList.parse("[" + cvm.toLegacyJson() + "]").get(0).validate()).isEmpty();
    assertThat(CvmInfoList.parse("[" + cvm.toCurrentJson() + "]").get(0).validate()).isEmpty();
  }

  @Test
  void everyFieldIsValidInBothShapes() {
    FakeCvm cvm =
        FakeCvm.named("worker")
            .withStatus("stopping")
            .withInProgress(true)
            .withProjectId("prj_0123abcd")
            .withVcpu(4)
            .withMemoryMb(6144)
            .withDiskSizeGb(80)
            .withUptime("2h 30m 5s")
            .withLegacyField("listed", "true")
            .withCurrentField("listed", "true");
    Cvm legacy = CvmList.parse("[" + cvm.toLegacyJson() + "]").get(0);
    CvmInfo current = CvmInfoList.parse("[" + cvm.toCurrentJson() + "]").get(0);
    assertThat(legacy.validate()).isEmpty();
    assertThat(current.validate()).isEmpty();
    assertThat(legacy.name()).isEqualTo("worker");
    assertThat(legacy.status().value()).isEqualTo("stopping");
    assertThat(legacy.vcpu()).hasValue(4);
    assertThat(legacy.memoryMb()).hasValue(6144);
    assertThat(current.name()).isEqualTo("worker");
    assertThat(current.id().toString()).startsWith("cvm_");
  }

  @Test
  void servedCvmsFollowTheRequestedShape(FakePhalaCloud fake, PhalaCloud client) {
    fake.serve(FakeCvm.named("a"), FakeCvm.named("b").withStatus("stopped"));

    CvmList legacy = client.cvms().list(CvmShape.LEGACY);
    CvmInfoList current = client.cvms().list();

    assertThat(legacy).extracting(Cvm::name).containsExactly("a", "b");
    assertThat(legacy.running()).extracting(Cvm::name).containsExactly("a");
    assertThat(current).extracting(CvmInfo::name).containsExactly("a", "b");
    legacy.forEach(cvm -> assertThat(cvm.validate()).isEmpty());
    current.forEach(cvm -> assertThat(cvm.validate()).isEmpty());
  }

  @Test
  void anEmptyListAndJsonOfEachShape(FakePhalaCloud fake, PhalaCloud client) {
    fake.serve();
    assertThat(client.cvms().list(CvmShape.LEGACY)).isEmpty();

    fake.serveCvmsJson("[" + FakeCvm.named("legacy-only").toLegacyJson() + "]");
    fake.serveCvmInfosJson("[" + FakeCvm.named("current-only").toCurrentJson() + "]");
    assertThat(client.cvms().list(CvmShape.LEGACY).get(0).name()).isEqualTo("legacy-only");
    assertThat(client.cvms().list().get(0).name()).isEqualTo("current-only");
  }

  @Test
  void anHourlyRateReachesTheCostHelperExactly(FakePhalaCloud fake, PhalaCloud client) {
    fake.serve(
        FakeCvm.named("a").withHourlyRate("0.0690"),
        FakeCvm.named("b").withHourlyRate("3.5400"),
        FakeCvm.named("c"));

    CvmInfoList cvms = client.cvms().list();

    assertThat(cvms.get(0).hourlyRate().orElseThrow().total()).hasValue(new BigDecimal("0.0690"));
    assertThat(cvms.totalHourlyRate().amount()).isEqualByComparingTo("3.6090");
    assertThat(cvms.totalHourlyRate().unpriced()).isEqualTo(1);
    cvms.forEach(cvm -> assertThat(cvm.validate()).isEmpty());
  }

  @Test
  void anHourlyRateThatIsNotADecimalIsRefused() {
    assertThatThrownBy(() -> FakeCvm.named("a").withHourlyRate("cheap"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("decimal number")
        .hasMessageContaining("cheap");
  }
}
