package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The fields today's server sends beyond Phala's published document, as the contract now declares
 * them: typed accessors on both shapes, read from the contract's full examples, and the cost helper
 * built on them.
 */
class TodaysServerFieldsTest {
  private static final String CURRENT = "cvminfos-full.json";
  private static final String LEGACY = "cvms-full.json";

  private static CvmInfoList current() {
    return CvmInfoList.parse(Examples.text(CURRENT));
  }

  private static CvmInfoList currentOf(JsonObject... cvms) {
    JsonArray array = new JsonArray();
    for (JsonObject cvm : cvms) {
      array.add(cvm);
    }
    return CvmInfoList.parse(array.toString());
  }

  @Test
  void theHourlyRateIsExactDecimals() {
    CvmHourlyRate rate = current().get(0).hourlyRate().orElseThrow();

    assertThat(rate.total()).hasValue(new BigDecimal("0.0690"));
    assertThat(rate.total().orElseThrow().scale()).isEqualTo(4);
    assertThat(rate.compute()).hasValue(new BigDecimal("0.0580"));
    assertThat(rate.disk()).hasValue(new BigDecimal("0.0110"));
    assertThat(current().get(2).hourlyRate()).isEmpty();
  }

  @Test
  void theTotalHourlyRateSumsExactlyAndCountsTheCvmsWithoutOne() {
    HourlyRateTotal total = current().totalHourlyRate();

    assertThat(total.amount()).isEqualTo(new BigDecimal("3.6090"));
    assertThat(total.priced()).isEqualTo(2);
    assertThat(total.unpriced()).isEqualTo(1);
    assertThat(total.complete()).isFalse();
    assertThat(total).hasToString("3.6090 per hour (2 priced, 1 without a rate)");
  }

  @Test
  void aRateWithoutATotalIsLeftOutAndCounted() {
    JsonObject noTotal = Examples.cvm(CURRENT, 0);
    Examples.set(noTotal, "hourly_rate.total", null);

    HourlyRateTotal total = currentOf(noTotal, Examples.cvm(CURRENT, 1)).totalHourlyRate();

    assertThat(total.amount()).isEqualTo(new BigDecimal("3.5400"));
    assertThat(total.unpriced()).isEqualTo(1);
    assertThat(currentOf().totalHourlyRate().amount()).isEqualTo(BigDecimal.ZERO);
    assertThat(currentOf().totalHourlyRate().complete()).isTrue();
  }

  @Test
  void aRateThatIsNotADecimalFailsTheSumNamingIt() {
    JsonObject cvm = Examples.cvm(CURRENT, 0);
    Examples.set(cvm, "hourly_rate.total", "cheap");

    assertThatThrownBy(() -> currentOf(cvm).totalHourlyRate())
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageContaining("hourly_rate.total");
  }

  @Test
  void totalsOfEqualAmountsAreEqualWhateverTheirScale() {
    assertThat(new HourlyRateTotal(new BigDecimal("0.50"), 1, 0))
        .isEqualTo(new HourlyRateTotal(new BigDecimal("0.5"), 1, 0))
        .hasSameHashCodeAs(new HourlyRateTotal(new BigDecimal("0.5"), 1, 0))
        .isNotEqualTo(new HourlyRateTotal(new BigDecimal("0.5"), 1, 1));
  }

  @Test
  void aGpuRentalOrderReadsEveryField() {
    GpuRentalOrder order = current().get(1).gpuRentalOrder().orElseThrow();

    assertThat(order.orderId()).isEqualTo("gro_5Tq8Wn2Lx7");
    assertThat(order.status()).isEqualTo("active");
    assertThat(order.pricingPlan()).contains("committed");
    assertThat(order.commitmentDays()).hasValue(30);
    assertThat(order.expiresAt()).contains(Instant.parse("2026-12-14T00:00:00Z"));
    assertThat(order.activatedAt()).contains(Instant.parse("2026-11-14T00:02:31Z"));
    assertThat(order.cancelledAt()).isEmpty();
    assertThat(order.autoRenew()).isTrue();
    assertThat(order.renewalInProgress()).isFalse();
    assertThat(order.agreedHourlyRate()).hasValue(new BigDecimal("3.2000"));
    assertThat(order.skuCode()).contains("h200-141g");
    assertThat(order.skuDisplayName()).contains("NVIDIA H200 141GB");
    assertThat(current().get(0).gpuRentalOrder()).isEmpty();
  }

  @Test
  void aGpuRentalOrderWithoutItsRequiredFieldsIsAProblem() {
    JsonObject cvm = Examples.cvm(CURRENT, 1);
    Examples.remove(cvm, "gpu_rental_order.order_id");

    assertThat(currentOf(cvm).get(0).validate())
        .anySatisfy(problem -> assertThat(problem).contains("gpu_rental_order.order_id"));
  }

  @Test
  void theCvmLevelAdditionsHaveTheirDefaults() {
    CvmInfo full = current().get(0);
    CvmInfo bare = current().get(2);

    assertThat(full.managedEnv()).isFalse();
    assertThat(current().get(1).managedEnv()).isTrue();
    assertThat(full.updatedAt()).contains(Instant.parse("2026-11-20T16:05:41Z"));
    assertThat(full.baseImage()).contains("dstack-0.5.3");
    assertThat(full.runner()).contains("docker-compose");
    assertThat(full.manifestVersion()).contains("2");
    assertThat(full.features()).containsExactly("kms", "tproxy-net");
    assertThat(full.billingInterval()).contains("hour");
    assertThat(full.appUrl()).isPresent();
    // Null or absent: the contract's default, or empty.
    assertThat(bare.features()).isEmpty();
    assertThat(bare.updatedAt()).isEmpty();
    JsonObject absent = Examples.cvm(CURRENT, 2);
    absent.remove("managed_env");
    absent.remove("features");
    assertThat(currentOf(absent).get(0).managedEnv()).isFalse();
    assertThat(currentOf(absent).get(0).features()).isEmpty();
  }

  @Test
  void aNodeListsItsDeviceIds() {
    NodeRef node = current().get(0).nodeInfo().orElseThrow();

    assertThat(node.deviceIds()).hasSize(2);
    assertThat(node.deviceIds().get(1).algorithmVersion()).isEqualTo("v2");
    assertThat(node.deviceIds().get(1).enabled()).isFalse();
    assertThat(node.deviceIds().get(0).deviceId()).isEqualTo(node.deviceId().orElseThrow());
    assertThat(current().get(1).nodeInfo().orElseThrow().deviceIds()).isEmpty();
  }

  @Test
  void theKmsPublicKeyIsReadInBothShapes() {
    assertThat(current().get(0).kmsInfo().orElseThrow().k256Pubkey())
        .contains("03b8e1d4c7a0f3e6b9d2c5a8f1e4b7d0c3a6f9e2b5d8c1a4f7e0b3d6c9a2f5e8b1");
    assertThat(Examples.list(LEGACY).get(0).kmsInfo().orElseThrow().k256Pubkey())
        .contains("02c3a1f5e7d9b2c4a6e8f0b1d3c5a7e9f2b4d6c8a0e1f3b5d7c9a2e4f6b8d0c1a3");
  }

  @Test
  void theLegacyShapeReadsMachineInfoAndUpdatedAt() {
    Cvm trainer = Examples.list(LEGACY).get(1);
    MachineInfo machine = trainer.machineInfo().orElseThrow();

    assertThat(machine.vcpu()).hasValue(24);
    assertThat(machine.memoryMb()).hasValue(196608);
    assertThat(machine.diskSizeGb()).hasValue(500);
    assertThat(machine.gpuCount()).isEqualTo(2);
    assertThat(trainer.updatedAt()).contains(Instant.parse("2026-11-28T08:12:09.512Z"));
    assertThat(Examples.list(LEGACY).get(2).machineInfo()).isEmpty();
  }

  @Test
  void theExamplesCarryNoUnknownFieldAndBreakNoRule() {
    current().forEach(cvm -> assertThat(cvm.validate()).isEmpty());
    current().forEach(cvm -> assertThat(cvm.unknownFieldPaths()).isEmpty());
    Examples.list(LEGACY).forEach(cvm -> assertThat(cvm.validate()).isEmpty());
    Examples.list(LEGACY).forEach(cvm -> assertThat(cvm.unknownFieldPaths()).isEmpty());
  }
}
