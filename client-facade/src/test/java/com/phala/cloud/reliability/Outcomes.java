package com.phala.cloud.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.phala.cloud.cvm.Accessors;
import com.phala.cloud.cvm.Cvm;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.cvm.Examples;
import com.phala.cloud.cvm.ProjectId;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The only outcomes a hostile body may have: a list (whose every accessor, helper and {@code
 * validate()} then throws nothing but {@link PhalaInvalidDataException}), or a {@link
 * PhalaInvalidDataException} with a path and a bounded message and snippet. Anything else, or
 * taking longer than the limit, fails the test.
 */
public final class Outcomes {
  /** The longest snippet or path an exception may carry. */
  public static final int MAX_SNIPPET = 1024;

  /** The longest message an exception may carry. */
  public static final int MAX_MESSAGE = 2048;

  private Outcomes() {}

  /**
   * What a decode ended in: the JSON of each CVM read, or where the data broke. Equal outcomes from
   * two entry points mean they agree on the body.
   */
  public static final class Decoded {
    private final List<String> cvms;
    private final String brokeAt;

    private Decoded(List<String> cvms, String brokeAt) {
      this.cvms = cvms;
      this.brokeAt = brokeAt;
    }

    /** Whether the body was read into a list. */
    public boolean isResult() {
      return cvms != null;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Decoded
          && Objects.equals(((Decoded) other).cvms, cvms)
          && Objects.equals(((Decoded) other).brokeAt, brokeAt);
    }

    @Override
    public int hashCode() {
      return Objects.hash(cvms, brokeAt);
    }

    @Override
    public String toString() {
      return isResult() ? cvms.size() + " CVMs" : "PhalaInvalidDataException at " + brokeAt;
    }
  }

  /**
   * Runs {@code decode} on another thread, failing if it (and, with {@code everyAccessor}, the walk
   * over every accessor of what it returned) takes longer than {@code limit}, or if it throws
   * anything but a bounded {@link PhalaInvalidDataException}.
   */
  public static Decoded decodeWithin(
      Duration limit, boolean everyAccessor, ThrowingSupplier<List<Cvm>> decode) {
    return assertTimeoutPreemptively(
        limit,
        () -> {
          List<Cvm> cvms;
          try {
            cvms = decode.get();
          } catch (PhalaInvalidDataException invalid) {
            assertBounded(invalid);
            return new Decoded(null, invalid.where());
          }
          if (everyAccessor) {
            for (Cvm cvm : cvms) {
              assertOnlyInvalidData(cvm);
            }
            if (cvms instanceof CvmList) {
              assertHelpersThrowOnlyInvalidData((CvmList) cvms);
            }
          }
          List<String> json = new ArrayList<>(cvms.size());
          cvms.forEach(cvm -> json.add(cvm.toJson()));
          return new Decoded(json, null);
        },
        () -> "decoding did not finish within " + limit.toMillis() + " ms");
  }

  /**
   * {@code cvms} is the contract's full example, complete: three CVMs, each exactly the JSON
   * served.
   */
  public static void assertFullExample(List<Cvm> cvms) {
    assertThat(cvms)
        .extracting(Cvm::name)
        .containsExactly("inference-gateway", "gpu-trainer", "staging-api");
    for (int i = 0; i < cvms.size(); i++) {
      Examples.assertSameJson(cvms.get(i).toJson(), Examples.cvm(Examples.FULL, i).toString());
    }
  }

  /**
   * {@code validate()} throws nothing, and every accessor of every view throws only bounded {@link
   * PhalaInvalidDataException}s.
   */
  public static void assertOnlyInvalidData(Cvm cvm) {
    assertThat(cvm.validate())
        .allSatisfy(problem -> assertThat(problem.length()).isLessThanOrEqualTo(MAX_MESSAGE));
    for (Map.Entry<String, Throwable> failure : Accessors.failures(cvm).entrySet()) {
      assertThat(failure.getValue())
          .as("what %s threw", failure.getKey())
          .isInstanceOf(PhalaInvalidDataException.class);
      assertBounded((PhalaInvalidDataException) failure.getValue());
    }
  }

  private static void assertHelpersThrowOnlyInvalidData(CvmList list) {
    List<Supplier<Object>> helpers =
        List.of(
            list::running,
            () -> list.withStatus("running", "stopped"),
            list::groupByProject,
            list::groupByNode,
            () -> list.findByName("inference-gateway"),
            () -> list.findByAppId("e15a4bc4ee6e4d9c4e2e5d2ca43b0cc6a1a2b30f"),
            () -> list.findByVmId("4470d47f-ebde-41ee-b29b-bbac8513da3c"),
            () -> list.findByInstanceId("x"),
            () -> list.inProject(ProjectId.parse("prj_7Kd2mQ9xR4")),
            list::totalVcpu,
            list::totalMemoryGb,
            list::totalDiskGb,
            list::toString);
    for (Supplier<Object> helper : helpers) {
      try {
        helper.get();
      } catch (PhalaInvalidDataException invalid) {
        assertBounded(invalid);
      }
    }
  }

  /** A path, and a message and snippet of bounded length. */
  public static void assertBounded(PhalaInvalidDataException invalid) {
    assertThat(invalid.where()).as("where() of %s", head(invalid)).isNotNull();
    assertThat(invalid.where().length())
        .as("length of where() of %s", head(invalid))
        .isLessThanOrEqualTo(MAX_SNIPPET);
    assertThat(invalid.snippet().length())
        .as("length of snippet() of %s", head(invalid))
        .isLessThanOrEqualTo(MAX_SNIPPET);
    assertThat(invalid.getMessage().length())
        .as("length of the message of %s", head(invalid))
        .isLessThanOrEqualTo(MAX_MESSAGE);
  }

  private static String head(Throwable thrown) {
    String message = String.valueOf(thrown.getMessage());
    return thrown.getClass().getSimpleName()
        + "("
        + (message.length() > 300 ? message.substring(0, 300) + "..." : message)
        + ")";
  }
}
