package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.phala.cloud.internal.JsonEquality;
import com.phala.cloud.internal.JsonMembers;
import com.phala.cloud.internal.TestTrees;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Views are values: equal, with equal hash codes, when they came from the same JSON; lists of them
 * too. As the README and {@link ApiObject} document it.
 */
class ViewValueSemanticsTest {
  @Test
  void theSameBodyParsedTwiceGivesEqualListsCvmsAndNestedViews() {
    CvmList one = CvmList.parse(Examples.text(Examples.FULL));
    CvmList two = CvmList.parse(Examples.text(Examples.FULL));

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(one.get(0)).isEqualTo(two.get(0)).hasSameHashCodeAs(two.get(0));
    assertThat(one.get(0).hosted()).isEqualTo(two.get(0).hosted());
    assertThat(one.get(0).hosted().hashCode()).isEqualTo(two.get(0).hosted().hashCode());
    assertThat(one.get(0).hosted().configuration()).isEqualTo(two.get(0).hosted().configuration());
    assertThat(one.get(0).publicUrls()).isEqualTo(two.get(0).publicUrls());
    assertThat(new HashSet<>(one)).containsExactlyInAnyOrderElementsOf(two);
  }

  @Test
  void theCurrentShapeToo() {
    CvmInfoList one = CvmInfoList.parse(Examples.text("cvminfos-full.json"));
    CvmInfoList two = CvmInfoList.parse(Examples.text("cvminfos-full.json"));

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    assertThat(one.get(0).resource()).isEqualTo(two.get(0).resource());
  }

  @Test
  void differentCvmsAreNotEqual() {
    CvmList list = CvmList.parse(Examples.text(Examples.FULL));

    assertThat(list.get(0)).isNotEqualTo(list.get(1));
    assertThat(list.filter(Cvm::isRunning)).isNotEqualTo(list);
  }

  @Test
  void membersInAnotherOrderAreTheSameJson() {
    JsonObject cvm = Examples.cvm(Examples.FULL, 0);
    JsonObject reordered = new JsonObject();
    Map<String, JsonElement> sorted = new TreeMap<>(cvm.asMap());
    sorted.forEach(reordered::add);

    assertThat(Examples.one(reordered)).isEqualTo(Examples.one(cvm));
    assertThat(Examples.one(reordered).hashCode()).isEqualTo(Examples.one(cvm).hashCode());
  }

  @Test
  void numbersCompareByTheirExactText() {
    Cvm four = Examples.one(Examples.set(Examples.cvm(Examples.FULL, 0), "vcpu", 4));
    Cvm fourPointZero =
        CvmList.parse(
                "["
                    + Examples.set(Examples.cvm(Examples.FULL, 0), "vcpu", 4)
                        .toString()
                        .replace("\"vcpu\":4", "\"vcpu\":4.0")
                    + "]")
            .get(0);

    assertThat(four.vcpu()).isEqualTo(fourPointZero.vcpu());
    assertThat(four).isNotEqualTo(fourPointZero);
  }

  @Test
  void aValueChangedDeepInsideMakesThemDifferent() {
    JsonObject cvm = Examples.cvm(Examples.FULL, 0);
    JsonObject changed = Examples.set(cvm.deepCopy(), "hosted.configuration.name", "other");

    assertThat(Examples.one(changed)).isNotEqualTo(Examples.one(cvm));
    assertThat(Examples.one(changed).hosted()).isNotEqualTo(Examples.one(cvm).hosted());
  }

  @Test
  void viewsOfDifferentSchemasAreNeverEqual() {
    JsonMembers json = TestTrees.object("{}");
    Set<Object> views =
        Set.of(
            new CvmNode(json, "$"), new ManagedUser(json, "$"), new KmsInfo(json, "$").hashCode());
    assertThat(new CvmNode(json, "$")).isNotEqualTo(new ManagedUser(json, "$"));
    assertThat(new CvmNode(json, "$")).isEqualTo(new CvmNode(TestTrees.object("{}"), "$[3].node"));
    assertThat(views).hasSize(3);
  }

  @Test
  void nestingAsDeepAsALimitAllowsDoesNotOverflowTheStack() {
    assertThat(JsonEquality.equal(nested(200_000, 1), nested(200_000, 1))).isTrue();
    assertThat(JsonEquality.equal(nested(200_000, 1), nested(200_000, 2))).isFalse();
  }

  /** Arrays {@code depth} deep, the innermost holding {@code last}. */
  private static List<Object> nested(int depth, int last) {
    List<Object> root = new ArrayList<>();
    List<Object> inner = root;
    for (int i = 0; i < depth; i++) {
      List<Object> next = new ArrayList<>();
      inner.add(next);
      inner = next;
    }
    inner.add(new BigDecimal(last));
    return root;
  }
}
