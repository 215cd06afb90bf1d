package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One pattern for every open set of the contract: the accessor returns an {@link OpenEnum} (a CVM's
 * status its subclass {@link CvmStatus}), with {@code known()} and {@code value()}, and {@code
 * ...Raw()} gives the string as sent. Generated: the enum schemas' and the inline enums' alike.
 */
class OpenEnumsTest {
  @ParameterizedTest(name = "{0}.{1}")
  @CsvSource({
    "CvmInfo, kmsType, com.phala.cloud.cvm.KmsType",
    "CvmResourceInfo, billingPeriod, com.phala.cloud.cvm.BillingPeriod",
    "GpuConfig, attachMode, com.phala.cloud.cvm.GpuConfig$AttachMode",
    "ComposeFile, storageFs, com.phala.cloud.cvm.ComposeFile$StorageFs",
    "NodeRef, status, com.phala.cloud.cvm.NodeRef$Status",
    "Cvm, status, com.phala.cloud.cvm.CvmStatus$Known",
    "HostedVm, status, com.phala.cloud.cvm.CvmStatus$Known",
    "CvmInfo, status, com.phala.cloud.cvm.CvmStatus$Known"
  })
  void everyOpenSetIsAnOpenEnumOfItsKnownValues(String view, String accessor, String known)
      throws Exception {
    Class<?> type = Class.forName("com.phala.cloud.cvm." + view);
    Type returned = type.getMethod(accessor).getGenericReturnType();
    if (returned instanceof ParameterizedType optional && optional.getRawType() == Optional.class) {
      returned = optional.getActualTypeArguments()[0];
    }
    Class<?> open =
        (Class<?>)
            (returned instanceof ParameterizedType generic ? generic.getRawType() : returned);

    assertThat(OpenEnum.class).isAssignableFrom(open);
    assertThat(knownType(open, returned)).isEqualTo(Class.forName(known));
    Method raw = type.getMethod(accessor + "Raw");
    assertThat(raw.getGenericReturnType().getTypeName()).contains("String");
  }

  @Test
  void aKnownValueIsItsConstantAndItsString() {
    CvmInfo cvm = CvmInfoList.parse(Examples.text("cvminfos-full.json")).get(0);

    assertThat(cvm.kmsType().flatMap(OpenEnum::known)).contains(KmsType.BASE);
    assertThat(cvm.kmsType().map(OpenEnum::value)).contains("base");
    assertThat(cvm.kmsType().orElseThrow().is(KmsType.BASE)).isTrue();
    assertThat(cvm.nodeInfo().orElseThrow().status().flatMap(OpenEnum::known))
        .contains(NodeRef.Status.ONLINE);
    assertThat(cvm.status().known()).contains(CvmStatus.Known.RUNNING);
  }

  @Test
  void aValueTheContractDoesNotListIsKeptNotAnError() {
    JsonObject json = Examples.tree("cvminfos-full.json").get(0).getAsJsonObject();
    json.addProperty("kms_type", "martian");
    CvmInfo cvm = CvmInfoList.parse("[" + json + "]").get(0);

    OpenEnum<KmsType> kms = cvm.kmsType().orElseThrow();
    assertThat(kms.value()).isEqualTo("martian");
    assertThat(kms.known()).isEmpty();
    assertThat(kms).hasToString("martian");
    assertThat(cvm.validate()).singleElement().asString().contains("$[0].kms_type");
  }

  @Test
  void theContractsDefaultIsAKnownValue() {
    GpuConfig gpus = new GpuConfig(com.phala.cloud.internal.TestTrees.object("{\"gpus\":[]}"), "$");

    assertThat(gpus.attachMode().known()).contains(GpuConfig.AttachMode.LISTED);
    assertThat(gpus.attachModeRaw()).isEqualTo("listed");
  }

  @Test
  void openValuesAreEqualByTheirString() {
    assertThat(OpenEnum.of("base", KmsType::of)).isEqualTo(OpenEnum.of("base", KmsType::of));
    assertThat(OpenEnum.of("base", KmsType::of).hashCode())
        .isEqualTo(OpenEnum.of("base", KmsType::of).hashCode());
    assertThat(OpenEnum.of("base", KmsType::of)).isNotEqualTo(OpenEnum.of("phala", KmsType::of));
  }

  private static Class<?> knownType(Class<?> open, Type returned) {
    if (returned instanceof ParameterizedType generic) {
      return (Class<?>) generic.getActualTypeArguments()[0];
    }
    // A subclass such as CvmStatus: its OpenEnum<K>.
    ParameterizedType base = (ParameterizedType) open.getGenericSuperclass();
    return (Class<?>) base.getActualTypeArguments()[0];
  }
}
