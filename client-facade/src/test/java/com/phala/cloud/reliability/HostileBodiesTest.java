package com.phala.cloud.reliability;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.CvmStream;
import com.phala.cloud.reliability.HostileBodies.Body;
import com.phala.cloud.reliability.Outcomes.Decoded;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Thousands of hostile bodies through each decode entry point: {@link CvmList#parse(String)},
 * {@link CvmList#read} over a Reader, and {@link CvmStream} iterated to the end. Each ends in a
 * list whose accessors throw only {@code PhalaInvalidDataException}, or in a bounded {@code
 * PhalaInvalidDataException}, within a time that grows only with the body's size.
 */
class HostileBodiesTest {

  @Property
  @Tries
  void truncatedBodies(@ForAll("truncated") Body body) {
    decodeEverywhere("truncated", body);
  }

  @Property
  @Tries
  void wrongTypesAtEveryField(@ForAll("wrongTypes") Body body) {
    decodeEverywhere("wrong types", body);
  }

  @Property
  @Tries(quick = 300, longMode = 3_000)
  void deepNesting(@ForAll("deeplyNested") Body body) {
    decodeEverywhere("deep nesting", body);
  }

  @Property
  @Tries(quick = 200, longMode = 2_000)
  void hugeNumbers(@ForAll("hugeNumbers") Body body) {
    decodeEverywhere("huge numbers", body);
  }

  @Property
  @Tries
  void invalidUtf8(@ForAll("invalidUtf8") Body body) {
    decodeEverywhere("invalid UTF-8", body);
  }

  @Property
  @Tries(quick = 100, longMode = 1_000)
  void duplicatedAndCountlessKeys(@ForAll("duplicatedKeys") Body body) {
    decodeEverywhere("duplicated keys", body);
  }

  @Property
  @Tries(quick = 20, longMode = 200)
  void enormousStrings(@ForAll("enormousStrings") Body body) {
    decodeEverywhere("enormous strings", body);
  }

  @Property
  @Tries
  void randomByteMutations(@ForAll("randomMutations") Body body) {
    decodeEverywhere("random mutations", body);
  }

  @AfterContainer
  static void recordFigures() {
    Figures.bodiesDone();
  }

  /**
   * The body through every entry point, each within a time limit that grows with its size: the list
   * parsed from a String has every accessor walked; reading it from a Reader and streaming it must
   * end the same way.
   */
  private static void decodeEverywhere(String property, Body body) {
    Duration limit = limitFor(body);
    Decoded parsed = Outcomes.decodeWithin(limit, true, () -> CvmList.parse(body.text()));
    Decoded read = Outcomes.decodeWithin(limit, false, () -> CvmList.read(reader(body), null));
    Decoded streamed =
        Outcomes.decodeWithin(
            limit,
            false,
            () -> {
              List<Cvm> cvms = new ArrayList<>();
              try (CvmStream stream = CvmStream.read(reader(body), null, null)) {
                stream.forEach(cvms::add);
              }
              return cvms;
            });
    assertThat(read).as("CvmList.read over a Reader, against CvmList.parse").isEqualTo(parsed);
    assertThat(streamed).as("CvmStream, against CvmList.parse").isEqualTo(parsed);
    Figures.bodyFuzzed(property);
  }

  /** 2 s, and 1 s more per MB: linear work fits easily; quadratic work on megabytes does not. */
  static Duration limitFor(Body body) {
    return Duration.ofSeconds(2 + body.bytes().length / (1 << 20));
  }

  /** The bytes decoded as OkHttp's {@code charStream()} does: UTF-8, malformed input replaced. */
  private static InputStreamReader reader(Body body) {
    return new InputStreamReader(new ByteArrayInputStream(body.bytes()), UTF_8);
  }

  @Provide
  Arbitrary<Body> truncated() {
    return HostileBodies.truncated();
  }

  @Provide
  Arbitrary<Body> wrongTypes() {
    return HostileBodies.wrongTypes();
  }

  @Provide
  Arbitrary<Body> deeplyNested() {
    return HostileBodies.deeplyNested();
  }

  @Provide
  Arbitrary<Body> hugeNumbers() {
    return HostileBodies.hugeNumbers();
  }

  @Provide
  Arbitrary<Body> invalidUtf8() {
    return HostileBodies.invalidUtf8();
  }

  @Provide
  Arbitrary<Body> duplicatedKeys() {
    return HostileBodies.duplicatedKeys();
  }

  @Provide
  Arbitrary<Body> enormousStrings() {
    return HostileBodies.enormousStrings();
  }

  @Provide
  Arbitrary<Body> randomMutations() {
    return HostileBodies.randomMutations();
  }
}
