package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The typed views of the current shape ({@link CvmInfo} and the objects inside it) read every field
 * of the contract's example {@code cvminfos-full.json}, one test per object level, with the values
 * written here literally (not read back from the example by the same code path). Also: the
 * contract's defaults when a field is absent, {@code validate()} on the examples and on broken
 * copies of them, unknown fields at several levels, exact JSON, and {@code toString()}.
 */
class CvmInfoViewsTest {
  private static final String FULL = "cvminfos-full.json";
  private static final String MINIMAL = "cvminfos-minimal.json";

  private static CvmInfoList full() {
    return CvmInfoList.parse(Examples.text(FULL));
  }

  private static CvmInfo fullCvm(int index) {
    return full().get(index);
  }

  private static CvmInfo one(JsonObject cvm) {
    JsonArray array = new JsonArray();
    array.add(cvm);
    return CvmInfoList.parse(array.toString()).get(0);
  }

  private static JsonObject fullTree(int index) {
    return Examples.tree(FULL).get(index).getAsJsonObject();
  }

  @Test
  void theCvmLevelReadsEveryField() {
    CvmInfo cvm = fullCvm(0);

    assertThat(cvm.id()).isEqualTo(CvmId.parse("cvm_7Kp2xQ9mRbT4"));
    assertThat(cvm.id().toString()).isEqualTo("cvm_7Kp2xQ9mRbT4");
    assertThat(cvm.idRaw()).isEqualTo("cvm_7Kp2xQ9mRbT4");
    assertThat(cvm.name()).isEqualTo("inference-gateway");
    assertThat(cvm.status()).isEqualTo(CvmStatus.of("running"));
    assertThat(cvm.status().known()).contains(CvmStatus.Known.RUNNING);
    assertThat(cvm.isRunning()).isTrue();
    assertThat(cvm.isTransitional()).isFalse();
    assertThat(cvm.appId()).contains("e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f");
    assertThat(cvm.instanceId()).contains("9c2b1f0e7d3a45b6c8e9f0a1b2c3d4e5f6a7b8c9");
    assertThat(cvm.vmUuid()).contains("4470d47f-ebde-41ee-b29b-bbac8513da3c");
    assertThat(cvm.composeHash())
        .contains("5d8e2f1a9c4b7e3d6a0f8c2e5b9d1a4f7c3e6b0d9a2f5c8e1b4d7a0c3f6e9b2d");
    assertThat(cvm.dockerComposeHash())
        .contains("a3c5e7f9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5");
    assertThat(cvm.preLaunchScriptHash())
        .contains("0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
    assertThat(cvm.createdAt()).contains(Instant.parse("2026-02-14T09:30:12Z"));
    assertThat(cvm.createdAtRaw()).contains("2026-02-14T09:30:12Z");
    assertThat(cvm.deletedAt()).isEmpty();
    assertThat(cvm.deletedAtRaw()).isEmpty();
    assertThat(cvm.kmsTypeRaw()).contains("base");
    assertThat(cvm.kmsType().flatMap(OpenEnum::known)).contains(KmsType.BASE);
    assertThat(cvm.gatewayEnabled()).isTrue();
    assertThat(cvm.progress()).isEmpty();
    assertThat(cvm.projectType()).contains("webdapp");
    assertThat(cvm.inProgress()).isFalse();
    assertThat(cvm.listed()).isTrue();
    assertThat(cvm.publicLogs()).isTrue();
    assertThat(cvm.publicSysinfo()).isTrue();
    assertThat(cvm.publicTcbinfo()).isTrue();
    assertThat(cvm.secureTime()).isFalse();
    assertThat(cvm.storageFs()).isEqualTo("zfs");
    assertThat(cvm.path()).isEqualTo("$[0]");

    CvmInfo stopped = fullCvm(1);
    assertThat(stopped.id()).isEqualTo(CvmId.parse("cvm_Qm4Wz8Ne1Ld"));
    assertThat(stopped.status().known()).contains(CvmStatus.Known.STOPPED);
    assertThat(stopped.preLaunchScriptHash()).isEmpty();
    // Fractional seconds, to the microsecond.
    assertThat(stopped.createdAt()).contains(Instant.parse("2025-11-03T17:45:00.123456Z"));
    assertThat(stopped.kmsTypeRaw()).contains("phala");
    assertThat(stopped.listed()).isFalse();
    assertThat(stopped.publicTcbinfo()).isFalse();
    assertThat(stopped.secureTime()).isTrue();
    assertThat(stopped.storageFs()).isEqualTo("ext4");
    assertThat(stopped.projectType()).contains("custom-image");

    CvmInfo starting = fullCvm(2);
    assertThat(starting.status().value()).isEqualTo("starting");
    assertThat(starting.isTransitional()).isTrue();
    assertThat(starting.inProgress()).isTrue();
    assertThat(starting.instanceId()).isEmpty();
    assertThat(starting.dockerComposeHash()).isEmpty();
    assertThat(starting.projectType()).isEmpty();
    assertThat(starting.creator()).isEmpty();
    assertThat(starting.kmsTypeRaw()).contains("ethereum");
    assertThat(starting.gatewayEnabled()).isFalse();
  }

  @Test
  void theResourceLevelReadsEveryFieldWithExactNumbers() {
    CvmResourceInfo resource = fullCvm(0).resource();

    assertThat(resource.instanceType()).contains("tdx.medium");
    assertThat(resource.vcpu()).hasValue(2);
    // Exact: 4.0 stays 4.0 (scale 1), not 4 or 4.00.
    assertThat(resource.memoryInGb()).contains(new BigDecimal("4.0"));
    assertThat(resource.diskInGb()).hasValue(40);
    assertThat(resource.gpus()).hasValue(0);
    // The contract declares compute_billing_price a string of format decimal (x-decimal): an exact
    // BigDecimal, trailing zeros included.
    Optional<BigDecimal> price = resource.computeBillingPrice();
    assertThat(price).contains(new BigDecimal("0.0580"));
    assertThat(price.orElseThrow().scale()).isEqualTo(4);
    assertThat(resource.billingPeriodRaw()).contains("hourly");
    assertThat(resource.billingPeriod().flatMap(OpenEnum::known)).contains(BillingPeriod.HOURLY);

    CvmResourceInfo gpu = fullCvm(1).resource();
    assertThat(gpu.instanceType()).contains("h200.small");
    assertThat(gpu.vcpu()).hasValue(24);
    assertThat(gpu.memoryInGb()).contains(new BigDecimal("192.0"));
    assertThat(gpu.diskInGb()).hasValue(500);
    assertThat(gpu.gpus()).hasValue(1);
    assertThat(gpu.computeBillingPrice()).contains(new BigDecimal("3.5000"));
    assertThat(gpu.billingPeriodRaw()).contains("monthly");

    CvmResourceInfo nulls = fullCvm(2).resource();
    assertThat(nulls.instanceType()).isEmpty();
    assertThat(nulls.memoryInGb()).contains(new BigDecimal("8.5"));
    assertThat(nulls.gpus()).isEqualTo(OptionalInt.empty());
    assertThat(nulls.computeBillingPrice()).isEmpty();
    assertThat(nulls.billingPeriod().flatMap(OpenEnum::known)).contains(BillingPeriod.SKIP);
  }

  @Test
  void theNodeLevelReadsEveryField() {
    NodeRef node = fullCvm(0).nodeInfo().orElseThrow();

    assertThat(node.id()).hasValue(12L);
    assertThat(node.nodeId()).hasValue(1012L);
    assertThat(node.name()).contains("prod5");
    assertThat(node.region()).contains("us-west");
    assertThat(node.statusRaw()).contains("ONLINE");
    assertThat(node.version()).contains("0.5.3");
    assertThat(node.deviceId())
        .contains("8a7d6c5b4e3f2a1908b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5");
    assertThat(node.ppid()).contains("3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f");
    assertThat(node.objectType()).isEqualTo("node");
    assertThat(node.path()).isEqualTo("$[0].node_info");

    NodeRef offline = fullCvm(1).nodeInfo().orElseThrow();
    assertThat(offline.statusRaw()).contains("OFFLINE");
    assertThat(offline.deviceId()).isEmpty();
    assertThat(offline.ppid()).isEmpty();

    NodeRef maintenance = fullCvm(2).nodeInfo().orElseThrow();
    assertThat(maintenance.statusRaw()).contains("MAINTENANCE");
    assertThat(maintenance.nodeId()).isEqualTo(OptionalLong.empty());
    assertThat(maintenance.version()).isEmpty();
  }

  @Test
  void theOsLevelReadsEveryField() {
    CvmOsInfo os = fullCvm(0).os().orElseThrow();

    assertThat(os.name()).contains("dstack-0.5.3");
    assertThat(os.version()).contains("0.5.3");
    assertThat(os.isDev()).contains(false);
    assertThat(os.osImageHash())
        .contains("b7e2c9d4f1a6e3b8c5d2f9a7e4b1c6d3f8a5e2b9c7d4f1a6e3b8c5d2f9a7e4b1");

    CvmOsInfo dev = fullCvm(2).os().orElseThrow();
    assertThat(dev.isDev()).contains(true);
    assertThat(dev.version()).isEmpty();
    assertThat(dev.osImageHash()).isEmpty();
  }

  @Test
  void theKmsLevelReadsEveryFieldAndANullKmsInfoIsEmpty() {
    CvmKmsInfo kms = fullCvm(0).kmsInfo().orElseThrow();

    assertThat(kms.chainId()).hasValue(8453L);
    assertThat(kms.rpcEndpoint()).contains("https://mainnet.base.org");
    assertThat(kms.dstackKmsAddress()).contains("0x2f83172A49584C017F2B256F0FB2Dca14126Ba9C");
    assertThat(kms.dstackAppAddress()).contains("0x7c0B3aE4f1D5e2A9b8C6d4E3f2A1b0C9d8E7f6A5");
    assertThat(kms.deployerAddress()).contains("0x4B1d9E2c8F7a6B5c4D3e2F1a0B9c8D7e6F5a4B3c");
    assertThat(kms.encryptedEnvPubkey())
        .contains("04a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90");

    assertThat(fullCvm(1).kmsInfo()).as("\"kms_info\": null").isEmpty();

    CvmKmsInfo sparse = fullCvm(2).kmsInfo().orElseThrow();
    assertThat(sparse.chainId()).hasValue(1L);
    assertThat(sparse.dstackKmsAddress()).contains("0x9A8b7C6d5E4f3A2b1C0d9E8f7A6b5C4d3E2f1A0b");
    assertThat(sparse.rpcEndpoint()).isEmpty();
    assertThat(sparse.dstackAppAddress()).isEmpty();
    assertThat(sparse.deployerAddress()).isEmpty();
    assertThat(sparse.encryptedEnvPubkey()).isEmpty();
  }

  @Test
  void theProgressLevelReadsEveryField() {
    assertThat(fullCvm(0).progress()).as("\"progress\": null").isEmpty();

    CvmProgressInfo progress = fullCvm(2).progress().orElseThrow();
    assertThat(progress.correlationId()).contains("op_5e1c9a7b3d");
    assertThat(progress.startedAt()).contains(Instant.parse("2026-03-02T10:16:02.500Z"));
    assertThat(progress.startedAtRaw()).contains("2026-03-02T10:16:02.5Z");
    assertThat(progress.target()).contains("running");
  }

  @Test
  void theGatewayLevelReadsEveryField() {
    CvmGatewayInfo gateway = fullCvm(0).gateway();
    assertThat(gateway.baseDomain()).contains("dstack-prod5.phala.network");
    assertThat(gateway.cname())
        .contains("e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f.dstack-prod5.phala.network");

    assertThat(fullCvm(1).gateway().cname()).isEmpty();
    assertThat(fullCvm(2).gateway().baseDomain()).isEmpty();
  }

  @Test
  void theLogsLevelReadsEveryField() {
    CvmLogUrls logs = fullCvm(0).logs().orElseThrow();
    assertThat(logs.containerLogBase())
        .contains(
            "https://9c2b1f0e7d3a45b6c8e9f0a1b2c3d4e5f6a7b8c9-8090.dstack-prod5.phala.network/logs/");
    assertThat(logs.serial())
        .contains("https://cloud-api.phala.com/api/v1/cvms/cvm_7Kp2xQ9mRbT4/logs/serial");
    assertThat(logs.stdout())
        .contains("https://cloud-api.phala.com/api/v1/cvms/cvm_7Kp2xQ9mRbT4/logs/stdout");
    assertThat(logs.stderr())
        .contains("https://cloud-api.phala.com/api/v1/cvms/cvm_7Kp2xQ9mRbT4/logs/stderr");

    CvmLogUrls nulls = fullCvm(2).logs().orElseThrow();
    assertThat(nulls.containerLogBase()).isEmpty();
    assertThat(nulls.serial()).isEmpty();
    assertThat(nulls.stdout()).isEmpty();
    assertThat(nulls.stderr()).isEmpty();
  }

  @Test
  void theEndpointsLevelReadsEveryField() {
    List<PublicUrls> endpoints = fullCvm(0).endpoints();

    assertThat(endpoints).hasSize(2);
    assertThat(endpoints.get(0).app())
        .isEqualTo(
            "https://e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f-8080.dstack-prod5.phala.network");
    assertThat(endpoints.get(0).instance())
        .isEqualTo(
            "https://9c2b1f0e7d3a45b6c8e9f0a1b2c3d4e5f6a7b8c9-8080.dstack-prod5.phala.network");
    assertThat(endpoints.get(1).app())
        .isEqualTo(
            "https://e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f-8090.dstack-prod5.phala.network");
    assertThat(endpoints.get(1).instance())
        .isEqualTo(
            "https://9c2b1f0e7d3a45b6c8e9f0a1b2c3d4e5f6a7b8c9-8090.dstack-prod5.phala.network");
    assertThat(endpoints.get(1).path()).isEqualTo("$[0].endpoints[1]");

    assertThat(fullCvm(1).endpoints()).as("\"endpoints\": []").isEmpty();
    assertThat(fullCvm(2).endpoints()).as("\"endpoints\": null").isEmpty();
  }

  @Test
  void theWorkspaceLevelReadsEveryFieldWithItsHashedId() {
    WorkspaceRef workspace = fullCvm(0).workspace().orElseThrow();

    assertThat(workspace.id()).isEqualTo(WorkspaceId.parse("wks_9XbT3mPq"));
    assertThat(workspace.idRaw()).isEqualTo("wks_9XbT3mPq");
    assertThat(workspace.name()).isEqualTo("Acme AI");
    assertThat(workspace.slug()).contains("acme-ai");
    assertThat(workspace.avatarUrl()).contains("https://cloud.phala.com/avatars/wks_9XbT3mPq.png");
    assertThat(workspace.objectType()).isEqualTo("workspace");

    WorkspaceRef other = fullCvm(2).workspace().orElseThrow();
    assertThat(other.id()).isEqualTo(WorkspaceId.parse("wks_2LpV7nKs"));
    assertThat(other.name()).isEqualTo("Indexer Labs");
    assertThat(other.slug()).isEmpty();
    assertThat(other.avatarUrl()).isEmpty();
  }

  @Test
  void theCreatorLevelReadsEveryFieldWithItsHashedId() {
    UserRef creator = fullCvm(0).creator().orElseThrow();

    assertThat(creator.id()).contains(UserId.parse("usr_3Fh8Lw2Q"));
    assertThat(creator.idRaw()).contains("usr_3Fh8Lw2Q");
    assertThat(creator.username()).contains("alice");
    assertThat(creator.avatarUrl()).contains("https://avatars.githubusercontent.com/u/1234567");
    assertThat(creator.objectType()).isEqualTo("user");

    UserRef bob = fullCvm(1).creator().orElseThrow();
    assertThat(bob.id()).contains(UserId.parse("usr_8Jd2Vk5R"));
    assertThat(bob.username()).contains("bob");
    assertThat(bob.avatarUrl()).isEmpty();
  }

  @Test
  void theServicesAreFreeFormObjectsAsPlainJavaValues() {
    List<Object> services = fullCvm(0).services();

    assertThat(services).hasSize(2);
    @SuppressWarnings("unchecked")
    Map<String, Object> gateway = (Map<String, Object>) services.get(0);
    assertThat(gateway)
        .containsExactly(
            Map.entry("name", "gateway"),
            Map.entry("image", "ghcr.io/example/inference-gateway:1.4.2"),
            Map.entry("status", "running"),
            Map.entry("ports", List.of("8080:8080")));
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = (Map<String, Object>) services.get(1);
    assertThat(metrics).containsEntry("healthy", true).containsEntry("name", "metrics");
    assertThatThrownBy(() -> services.add("x")).isInstanceOf(UnsupportedOperationException.class);

    assertThat(fullCvm(1).services()).isEmpty();
    assertThat(fullCvm(2).services()).hasSize(1);
  }

  @Test
  void theContractsDefaultsApplyWhenFieldsAreAbsent() {
    CvmInfo minimal = CvmInfoList.parse(Examples.text(MINIMAL)).get(0);

    assertThat(minimal.id()).isEqualTo(CvmId.parse("cvm_Hx1Ab2Cd"));
    assertThat(minimal.name()).isEqualTo("hello-world");
    assertThat(minimal.storageFs()).isEqualTo("zfs");
    assertThat(minimal.publicTcbinfo()).isTrue();
    assertThat(minimal.listed()).isFalse();
    assertThat(minimal.gatewayEnabled()).isFalse();
    assertThat(minimal.inProgress()).isFalse();
    assertThat(minimal.publicLogs()).isFalse();
    assertThat(minimal.publicSysinfo()).isFalse();
    assertThat(minimal.secureTime()).isFalse();
    assertThat(minimal.endpoints()).isEmpty();
    assertThat(minimal.services()).isEmpty();
    assertThat(minimal.createdAt()).isEmpty();
    assertThat(minimal.nodeInfo()).isEmpty();
    assertThat(minimal.workspace()).isEmpty();
    assertThat(minimal.creator()).isEmpty();
    assertThat(minimal.kmsInfo()).isEmpty();
    assertThat(minimal.kmsType()).isEmpty();
    assertThat(minimal.logs()).isEmpty();
    assertThat(minimal.os()).isEmpty();
    assertThat(minimal.resource().vcpu()).isEmpty();
    assertThat(minimal.resource().memoryInGb()).isEmpty();
    assertThat(minimal.gateway().baseDomain()).isEmpty();

    // object_type defaults at the three levels that have one.
    JsonObject cvm = fullTree(0);
    cvm.getAsJsonObject("node_info").remove("object_type");
    cvm.getAsJsonObject("workspace").remove("object_type");
    cvm.getAsJsonObject("creator").remove("object_type");
    CvmInfo without = one(cvm);
    assertThat(without.nodeInfo().orElseThrow().objectType()).isEqualTo("node");
    assertThat(without.workspace().orElseThrow().objectType()).isEqualTo("workspace");
    assertThat(without.creator().orElseThrow().objectType()).isEqualTo("user");
    assertThat(without.validate()).isEmpty();
  }

  @Test
  void theExamplesValidate() {
    for (CvmInfo cvm : full()) {
      assertThat(cvm.validate()).as("validate() of %s", cvm).isEmpty();
    }
    for (CvmInfo cvm : CvmInfoList.parse(Examples.text(MINIMAL))) {
      assertThat(cvm.validate()).as("validate() of %s", cvm).isEmpty();
    }
  }

  @Test
  void validateReportsAMalformedCvmId() {
    CvmInfo cvm = one(Examples.set(fullTree(0), "id", "app_7Kp2xQ9mRbT4"));

    assertThat(cvm.validate())
        .singleElement()
        .asString()
        .contains("$[0].id")
        .contains("cvm_")
        .contains("idRaw()");
    assertThatThrownBy(cvm::id)
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageContaining("$[0].id");
    assertThat(cvm.idRaw()).isEqualTo("app_7Kp2xQ9mRbT4");
    // The rest of the CVM stays readable.
    assertThat(cvm.name()).isEqualTo("inference-gateway");
  }

  @Test
  void validateReportsAMissingRequiredResource() {
    CvmInfo cvm = one(Examples.remove(fullTree(0), "resource"));

    assertThat(cvm.validate())
        .singleElement()
        .asString()
        .contains("$[0].resource")
        .contains("missing");
    assertThatThrownBy(cvm::resource)
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageContaining("$[0].resource");
  }

  @Test
  void validateReportsAValueOutsideAClosedEnumButTheAccessorStillReadsIt() {
    CvmInfo cvm = one(Examples.set(fullTree(0), "kms_type", "martian"));

    assertThat(cvm.validate())
        .singleElement()
        .asString()
        .contains("$[0].kms_type")
        .contains("phala", "ethereum", "base", "legacy");
    assertThat(cvm.kmsTypeRaw()).contains("martian");
    assertThat(cvm.kmsType().flatMap(OpenEnum::known)).isEmpty();
  }

  @Test
  void validateReportsProblemsInsideNestedObjectsByTheirPath() {
    JsonObject tree = fullTree(0);
    Examples.set(tree, "resource.billing_period", "weekly");
    Examples.set(tree, "workspace.id", "wrk_1");
    Examples.set(tree, "creator.id", "user_1");
    CvmInfo cvm = one(tree);

    assertThat(cvm.validate())
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("$[0].resource.billing_period"))
        .anySatisfy(p -> assertThat(p).contains("$[0].workspace.id"))
        .anySatisfy(p -> assertThat(p).contains("$[0].creator.id"));
  }

  @Test
  void unknownFieldsAreKeptAtEveryLevel() {
    JsonObject tree = fullTree(0);
    Examples.set(tree, "carbon_rate", "0.0580");
    Examples.set(tree, "kms_contract_id", "kms_1");
    Examples.set(tree, "resource.billing_cycle", "1h");
    JsonArray devices =
        JsonParser.parseString("[{\"device_id\":\"d1\",\"algorithm_version\":2,\"enabled\":true}]")
            .getAsJsonArray();
    Examples.set(tree, "node_info.attestations", devices);
    Examples.set(tree, "workspace.tier", "pro");
    Examples.set(tree, "endpoints.0.label", "api");
    CvmInfo cvm = one(tree);

    assertThat(cvm.unknownFields())
        .containsExactly(Map.entry("carbon_rate", "0.0580"), Map.entry("kms_contract_id", "kms_1"));
    assertThat(cvm.resource().unknownFields()).containsExactly(Map.entry("billing_cycle", "1h"));
    Map<String, Object> node = cvm.nodeInfo().orElseThrow().unknownFields();
    assertThat(node).containsOnlyKeys("attestations");
    @SuppressWarnings("unchecked")
    Map<String, Object> device = (Map<String, Object>) ((List<?>) node.get("attestations")).get(0);
    assertThat(device).containsEntry("device_id", "d1").containsEntry("enabled", true);
    assertThat(device.get("algorithm_version").toString()).isEqualTo("2");
    assertThat(cvm.workspace().orElseThrow().unknownFields())
        .containsExactly(Map.entry("tier", "pro"));
    assertThat(cvm.endpoints().get(0).unknownFields()).containsExactly(Map.entry("label", "api"));
    assertThat(cvm.field("carbon_rate")).contains("0.0580");
    // New fields are not problems.
    assertThat(cvm.validate()).isEmpty();
    // The examples themselves carry none.
    assertThat(fullCvm(0).unknownFields()).isEmpty();
    assertThat(fullCvm(0).resource().unknownFields()).isEmpty();
  }

  @Test
  void toJsonIsExactlyWhatWasReceived() {
    JsonArray tree = Examples.tree(FULL);
    CvmInfoList cvms = full();
    for (int i = 0; i < tree.size(); i++) {
      Examples.assertSameJson(cvms.get(i).toJson(), tree.get(i).toString());
    }
    // 4.0 stays 4.0, "0.0580" stays "0.0580".
    assertThat(cvms.get(0).resource().toJson())
        .isEqualTo(
            "{\"instance_type\":\"tdx.medium\",\"vcpu\":2,\"memory_in_gb\":4.0,\"disk_in_gb\":40,"
                + "\"gpus\":0,\"compute_billing_price\":\"0.0580\",\"billing_period\":\"hourly\"}");
    Examples.assertSameJson(
        CvmInfoList.parse(Examples.text(MINIMAL)).get(0).toJson(),
        Examples.tree(MINIMAL).get(0).toString());
  }

  @Test
  void toStringNamesTheCvmByIdNameAndStatusWithoutFreeText() {
    JsonObject tree = fullTree(0);
    Examples.set(tree, "services.0.environment", "OPENAI_API_KEY=sk-secret");
    CvmInfo cvm = one(tree);

    assertThat(cvm.toString())
        .isEqualTo("CvmInfo{id=cvm_7Kp2xQ9mRbT4, name=inference-gateway, status=running}");
    assertThat(cvm.toString()).doesNotContain("sk-secret", "ghcr.io", "alice", "Acme");
    assertThat(cvm.workspace().orElseThrow().toString())
        .isEqualTo("WorkspaceRef{id=wks_9XbT3mPq, name=Acme AI}");
    assertThat(cvm.creator().orElseThrow().toString()).isEqualTo("UserRef{id=usr_3Fh8Lw2Q}");
  }
}
