package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static com.phala.cloud.cvm.Examples.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The list helpers (filters, finders, groupings, totals), checked against values computed straight
 * from the example's JSON: the full example's three CVMs plus the minimal one.
 */
class CvmListHelpersTest {
  private final JsonArray json = json();
  private final CvmList list = CvmList.parse(json.toString());

  private static JsonArray json() {
    JsonArray all = Examples.tree(FULL);
    all.addAll(Examples.tree(MINIMAL));
    return all;
  }

  @Test
  void withStatusKeepsTheCvmsInThatStatusInOrder() {
    assertThat(names(list.withStatus("running")))
        .containsExactlyElementsOf(namesWhere(cvm -> status(cvm).equals("running")));
  }

  @Test
  void withStatusMatchesAnyOfSeveralIgnoringCase() {
    assertThat(names(list.withStatus("STOPPED", "Starting")))
        .containsExactlyElementsOf(
            namesWhere(cvm -> List.of("stopped", "starting").contains(status(cvm))));
  }

  @Test
  void withStatusTakesKnownStates() {
    assertThat(names(list.withStatus(CvmStatus.Known.STARTING))).containsExactly("staging-api");
  }

  @Test
  void runningKeepsTheRunningCvms() {
    assertThat(names(list.running()))
        .containsExactlyElementsOf(namesWhere(cvm -> status(cvm).equals("running")))
        .hasSize(2);
  }

  @Test
  void withStatusSkipsCvmsWhoseStatusIsNullOrMissing() {
    CvmList broken =
        Examples.listOf(
            Examples.set(Examples.cvm(FULL, 0), "status", null),
            Examples.remove(Examples.cvm(FULL, 1), "status"),
            Examples.cvm(FULL, 2));

    assertThat(names(broken.withStatus("starting"))).containsExactly("staging-api");
  }

  @Test
  void inProjectKeepsThatProjectsCvms() {
    assertThat(names(list.inProject(ProjectId.parse("prj_7Kd2mQ9xR4"))))
        .containsExactlyElementsOf(
            namesWhere(cvm -> "prj_7Kd2mQ9xR4".equals(string(cvm, "project_id"))))
        .hasSize(2);
  }

  @Test
  void inProjectIgnoresMalformedProjectIdsOfOtherCvms() {
    CvmList withBadId =
        Examples.listOf(
            Examples.set(Examples.cvm(FULL, 0), "project_id", "project-123"),
            Examples.set(Examples.cvm(FULL, 1), "project_id", 42),
            Examples.cvm(FULL, 2));

    assertThat(names(withBadId.inProject(ProjectId.parse("prj_7Kd2mQ9xR4"))))
        .containsExactly("staging-api");
  }

  @Test
  void filtersKeepTheResponseOfTheList() {
    assertThat(list.running().response()).isEqualTo(list.response()).isEmpty();
  }

  @Test
  void findByNameFindsTheCvm() {
    assertThat(list.findByName("gpu-trainer"))
        .hasValueSatisfying(cvm -> assertThat(cvm.path()).isEqualTo("$[1]"));
    assertThat(list.findByName("no-such-cvm")).isEmpty();
  }

  @Test
  void findByAppIdFindsTheCvmIgnoringCase() {
    String appId = hosted(1, "app_id");

    assertThat(list.findByAppId(appId.toUpperCase(Locale.ROOT)))
        .map(Cvm::name)
        .contains("gpu-trainer");
    assertThat(list.findByAppId("0000000000000000000000000000000000000000")).isEmpty();
  }

  @Test
  void findByVmIdFindsTheCvm() {
    assertThat(list.findByVmId(hosted(2, "id"))).map(Cvm::name).contains("staging-api");
    assertThat(list.findByVmId("00000000-0000-0000-0000-000000000000")).isEmpty();
  }

  @Test
  void findByInstanceIdFindsTheCvm() {
    assertThat(list.findByInstanceId(hosted(0, "instance_id")))
        .map(Cvm::name)
        .contains("inference-gateway");
  }

  @Test
  void findByInstanceIdNeverMatchesACvmWithoutOne() {
    // staging-api's instance_id is null and hello-world has none: neither is the instance "null".
    assertThat(list.findByInstanceId("null")).isEmpty();
  }

  @Test
  void findByNameSkipsCvmsWithoutHostedOrName() {
    CvmList broken =
        Examples.listOf(
            Examples.remove(Examples.cvm(FULL, 0), "hosted"),
            Examples.set(Examples.cvm(FULL, 1), "name", null),
            Examples.cvm(FULL, 2));

    assertThat(broken.findByName("staging-api")).map(Cvm::path).contains("$[2]");
    assertThat(broken.findByAppId(hosted(2, "app_id"))).map(Cvm::path).contains("$[2]");
  }

  @Test
  void groupByProjectGroupsInFirstSeenOrderWithNoProjectUnderTheEmptyKey() {
    Map<String, List<String>> expected =
        groupNames(cvm -> string(cvm, "project_id") == null ? "" : string(cvm, "project_id"));

    assertThat(names(list.groupByProject())).containsExactlyEntriesOf(expected);
    assertThat(expected).containsKey("");
  }

  @Test
  void groupByNodeGroupsByNodeNameWithUnplacedCvmsUnderTheEmptyKey() {
    Map<String, List<String>> expected =
        groupNames(
            cvm ->
                cvm.get("node") == null || cvm.get("node").isJsonNull()
                    ? ""
                    : cvm.getAsJsonObject("node").get("name").getAsString());

    assertThat(names(list.groupByNode())).containsExactlyEntriesOf(expected);
    assertThat(expected).hasSize(3);
  }

  @Test
  void totalVcpuSumsTheCloudLevelValues() {
    assertThat(list.totalVcpu()).isEqualTo(sum("vcpu")).isEqualTo(4 + 24 + 2);
  }

  @Test
  void totalMemoryGbSumsTheCloudLevelValuesInMbExactly() {
    assertThat(list.totalMemoryGb())
        .isEqualByComparingTo(BigDecimal.valueOf(sum("memory")).divide(BigDecimal.valueOf(1024)));
  }

  @Test
  void totalDiskSizeGbSumsTheCloudLevelValues() {
    assertThat(list.totalDiskGb()).isEqualTo(sum("disk_size"));
  }

  @Test
  void totalsFallBackToTheConfigurationWhenTheCloudLevelValueIsAbsent() {
    JsonObject first = Examples.cvm(FULL, 0);
    for (String member : List.of("vcpu", "memory", "disk_size")) {
      Examples.remove(first, member);
      Examples.set(first, "hosted.configuration." + member, 1000);
    }
    CvmList fallback = Examples.listOf(first, Examples.cvm(FULL, 1));

    assertThat(fallback.totalVcpu()).isEqualTo(1000 + 24);
    assertThat(fallback.totalMemoryGb())
        .isEqualByComparingTo("192.9765625"); // (1000 + 196608) / 1024
    assertThat(fallback.totalDiskGb()).isEqualTo(1000 + 500);
  }

  @Test
  void totalsPreferTheCloudLevelValueOverTheConfiguration() {
    CvmList differing =
        Examples.listOf(Examples.set(Examples.cvm(FULL, 0), "hosted.configuration.vcpu", 1000));

    assertThat(differing.totalVcpu()).isEqualTo(4);
  }

  @Test
  void totalsCountZeroForACvmWithNeitherValue() {
    CvmList minimal = Examples.list(MINIMAL);

    assertThat(minimal.totalVcpu()).isZero();
    assertThat(minimal.totalMemoryGb()).isZero();
    assertThat(minimal.totalDiskGb()).isZero();
  }

  @Test
  void totalsDoNotOverflowAnInt() {
    JsonObject big = Examples.set(Examples.cvm(FULL, 0), "memory", Integer.MAX_VALUE);

    assertThat(Examples.listOf(big, big).totalMemoryGb())
        .isEqualByComparingTo(
            BigDecimal.valueOf(2L * Integer.MAX_VALUE).divide(BigDecimal.valueOf(1024)));
  }

  private long sum(String member) {
    long sum = 0;
    for (JsonElement cvm : json) {
      JsonElement value = cvm.getAsJsonObject().get(member);
      if (value != null && !value.isJsonNull()) {
        sum += value.getAsLong();
      }
    }
    return sum;
  }

  private String hosted(int index, String member) {
    return json.get(index).getAsJsonObject().getAsJsonObject("hosted").get(member).getAsString();
  }

  private static String status(JsonObject cvm) {
    return string(cvm, "status");
  }

  private static String string(JsonObject cvm, String member) {
    JsonElement value = cvm.get(member);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  private List<String> namesWhere(Predicate<JsonObject> test) {
    List<String> names = new ArrayList<>();
    json.forEach(
        cvm -> {
          if (test.test(cvm.getAsJsonObject())) {
            names.add(cvm.getAsJsonObject().get("name").getAsString());
          }
        });
    return names;
  }

  private Map<String, List<String>> groupNames(Function<JsonObject, String> key) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    json.forEach(
        cvm ->
            groups
                .computeIfAbsent(key.apply(cvm.getAsJsonObject()), k -> new ArrayList<>())
                .add(cvm.getAsJsonObject().get("name").getAsString()));
    return groups;
  }

  private static List<String> names(CvmList cvms) {
    return cvms.stream().map(Cvm::name).toList();
  }

  private static Map<String, List<String>> names(Map<String, CvmList> groups) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    groups.forEach((key, cvms) -> names.put(key, names(cvms)));
    return names;
  }
}
