package com.example.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.cvm.CvmInfo;
import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.cvm.ViewList;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Code a user writes once against {@link ViewList} runs on both shapes' lists: the helpers the
 * shapes share have one name, one type and one matching rule. A helper that exists on one list
 * only, or with another type, fails this build.
 */
class OneVocabularyTest {
  /** A report written once, for any shape. */
  private static <T extends CvmView, L extends ViewList<T, L>> String report(ViewList<T, L> cvms) {
    long vcpus = cvms.totalVcpu();
    BigDecimal memory = cvms.totalMemoryGb();
    long disk = cvms.totalDiskGb();
    Map<String, L> regions = cvms.groupByRegion();
    Map<String, L> nodes = cvms.groupByNode();
    return vcpus
        + " vCPU, "
        + memory
        + " GB, "
        + disk
        + " GB disk, "
        + regions.keySet()
        + ", "
        + nodes.size()
        + " nodes";
  }

  @Test
  void oneReportRunsOnBothShapes() throws IOException {
    CvmList legacy = CvmList.parse(GenericsAcceptWhatTheyShouldTest.example("cvms-full.json"));
    CvmInfoList current =
        CvmInfoList.parse(GenericsAcceptWhatTheyShouldTest.example("cvminfos-full.json"));

    // The legacy shape's MB are exact GB: 4096 + 196608 + 8192 MB.
    assertThat(report(legacy)).startsWith("30 vCPU, 204 GB, 560 GB disk, ");
    assertThat(report(current)).startsWith("30 vCPU, 204.5 GB, 620 GB disk, [us-west");
  }

  @Test
  void hexIdsMatchWithoutRegardToCaseInBothShapes() throws IOException {
    CvmList legacy = CvmList.parse(GenericsAcceptWhatTheyShouldTest.example("cvms-full.json"));
    CvmInfoList current =
        CvmInfoList.parse(GenericsAcceptWhatTheyShouldTest.example("cvminfos-full.json"));
    String legacyAppId = legacy.get(0).hosted().appId();
    String currentAppId = current.get(0).appId().orElseThrow();
    String vmUuid = current.get(0).vmUuid().orElseThrow();

    assertThat(legacy.findByAppId(legacyAppId.toUpperCase())).contains(legacy.get(0));
    assertThat(current.findByAppId(currentAppId.toUpperCase())).contains(current.get(0));
    assertThat(current.findByVmId(vmUuid.toUpperCase())).contains(current.get(0));
    assertThat(current.findByName(current.get(0).name().toUpperCase())).isEmpty();
  }

  @Test
  void theWorkspacePredicateFiltersAndStreams() throws IOException {
    CvmInfoList current =
        CvmInfoList.parse(GenericsAcceptWhatTheyShouldTest.example("cvminfos-full.json"));
    CvmInfo first = current.get(0);
    var workspace = first.workspace().orElseThrow().id();

    Optional<CvmInfo> found =
        current.stream().filter(CvmInfoList.isInWorkspace(workspace)).findFirst();

    assertThat(current.filter(CvmInfoList.isInWorkspace(workspace)))
        .hasSameElementsAs(current.inWorkspace(workspace));
    assertThat(found).contains(first);
  }
}
