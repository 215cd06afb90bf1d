package com.example.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.cvm.ApiObject;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmView;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.cvm.ViewList;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Compiles, from a package outside the library as a user's code is, the library's own predicates
 * and user lambdas of every supertype against the list helpers: a signature that is too narrow
 * ({@code Predicate<T>} where {@code Predicate<? super T>} belongs) fails this build, not a user's.
 */
class GenericsAcceptWhatTheyShouldTest {
  /** The contract's example {@code name}, as the generated jar ships it. */
  static String example(String name) throws IOException {
    try (InputStream in =
        GenericsAcceptWhatTheyShouldTest.class
            .getClassLoader()
            .getResourceAsStream("META-INF/phala-cloud/openapi/examples/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void filterTakesTheLibrarysOwnPredicates() throws IOException {
    CvmList cvms = CvmList.parse(example("cvms-full.json"));
    CvmInfoList infos = CvmInfoList.parse(example("cvminfos-full.json"));
    ProjectId project = cvms.get(0).projectId().orElseThrow();

    CvmList inProject = cvms.filter(CvmList.isInProject(project));
    CvmList running = cvms.filter(ViewList.hasStatus(List.of("running")));
    CvmInfoList runningInfos = infos.filter(ViewList.hasStatus(Set.of("RUNNING")));

    assertThat(inProject).hasSameElementsAs(cvms.inProject(project));
    assertThat(running).hasSameElementsAs(cvms.running());
    assertThat(runningInfos).hasSameElementsAs(infos.running());
  }

  @Test
  void filterTakesPredicatesOfEverySupertype() throws IOException {
    CvmList cvms = CvmList.parse(example("cvms-full.json"));
    Predicate<Object> everything = item -> true;
    Predicate<ApiObject> named = item -> item.field("name").isPresent();
    Predicate<CvmView> runningView = CvmView::isRunning;
    Predicate<Cvm> exact = cvm -> cvm.name().startsWith("gpu");

    assertThat(cvms.filter(everything)).hasSize(cvms.size());
    assertThat(cvms.filter(named)).hasSize(cvms.size());
    assertThat(cvms.filter(runningView)).hasSameElementsAs(cvms.running());
    assertThat(cvms.filter(exact)).extracting(Cvm::name).containsExactly("gpu-trainer");
  }

  @Test
  void streamsTakeTheSamePredicates() throws IOException {
    CvmList cvms = CvmList.parse(example("cvms-full.json"));

    assertThat(cvms.stream().filter(ViewList.hasStatus(List.of("running"))).count())
        .isEqualTo(cvms.running().size());
  }
}
