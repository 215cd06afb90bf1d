package com.phala.cloud.cvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phala.cloud.errors.PhalaInvalidDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The InputStream overloads of CvmList.read and CvmStream.read give what the Reader ones give. */
class ReadFromBytesTest {
  @ParameterizedTest
  @ValueSource(strings = {"cvms-full.json", "cvms-minimal.json"})
  void aListReadFromBytesEqualsTheListReadFromCharacters(String example) throws IOException {
    byte[] body = example(example);
    CvmList fromBytes = CvmList.read(new ByteArrayInputStream(body), null);
    CvmList fromChars =
        CvmList.read(
            new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8), null);
    assertThat(fromBytes)
        .extracting(Cvm::toJson)
        .containsExactlyElementsOf(fromChars.stream().map(Cvm::toJson).toList());
    assertThat(fromBytes)
        .extracting(Cvm::path)
        .containsExactlyElementsOf(fromChars.stream().map(Cvm::path).toList());
    assertThat(fromBytes.get(0).name()).isEqualTo(fromChars.get(0).name());
    assertThat(fromBytes.get(0).hosted().name()).isEqualTo(fromChars.get(0).hosted().name());
    assertThat(fromBytes.totalVcpu()).isEqualTo(fromChars.totalVcpu());
    assertThat(fromBytes.response()).isEmpty();
  }

  @Test
  void aStreamReadFromBytesYieldsEachCvmAndClosesItsResource() {
    AtomicBoolean closed = new AtomicBoolean();
    List<String> names = new ArrayList<>();
    try (CvmStream cvms =
        CvmStream.read(
            new ByteArrayInputStream(example("cvms-full.json")), null, () -> closed.set(true))) {
      for (Cvm cvm : cvms) {
        names.add(cvm.path() + " " + cvm.name());
      }
    }
    assertThat(names)
        .containsExactly("$[0] inference-gateway", "$[1] gpu-trainer", "$[2] staging-api");
    assertThat(closed).isTrue();
  }

  @Test
  void aStreamFailsAtTheItemThatBreaks() {
    byte[] body = "[{\"name\":\"a\"},{\"name\":tru}]".getBytes(StandardCharsets.UTF_8);
    List<String> names = new ArrayList<>();
    try (CvmStream cvms = CvmStream.read(new ByteArrayInputStream(body), null, null)) {
      assertThatThrownBy(() -> cvms.forEach(cvm -> names.add(cvm.name())))
          .isInstanceOf(PhalaInvalidDataException.class)
          .satisfies(
              e -> assertThat(((PhalaInvalidDataException) e).where()).isEqualTo("$[1].name"));
    }
    assertThat(names).containsExactly("a");
  }

  @Test
  void aListThatIsNotAnArrayIsInvalidData() {
    assertThatThrownBy(
            () ->
                CvmList.read(
                    new ByteArrayInputStream("{\"detail\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
                    null))
        .isInstanceOf(PhalaInvalidDataException.class)
        .hasMessageStartingWith("The API sent an object where a JSON array of CVMs belongs at $.");
  }

  private static byte[] example(String name) {
    try (InputStream in =
        ReadFromBytesTest.class.getResourceAsStream(
            "/META-INF/phala-cloud/openapi/examples/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
