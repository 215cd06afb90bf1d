package com.phala.cloud.cvm;

import static com.phala.cloud.cvm.Examples.FULL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaIoException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * CvmStream over a plain Reader: lazy, single-use, closes what it was given, fails at the right
 * item.
 */
class CvmStreamTest {
  private final AtomicBoolean resourceClosed = new AtomicBoolean();

  @Test
  void iteratesTheCvmsInOrderWithTheirIndexPaths() {
    try (CvmStream cvms = stream(new StringReader(Examples.text(FULL)))) {
      List<Cvm> read = cvms.stream().toList();

      assertThat(read)
          .extracting(Cvm::name)
          .containsExactly("inference-gateway", "gpu-trainer", "staging-api");
      assertThat(read).extracting(Cvm::path).containsExactly("$[0]", "$[1]", "$[2]");
    }
  }

  @Test
  void readsOnlyAsFarAsTheCvmsTaken() {
    String body = manyCvms(200);
    CountingReader reader = new CountingReader(new StringReader(body));

    try (CvmStream cvms = stream(reader)) {
      Cvm first = cvms.iterator().next();

      assertThat(first.name()).isEqualTo("cvm-0");
      assertThat(reader.count).isLessThan(body.length() / 20);
    }
  }

  @Test
  void closeClosesTheResourceAndTheReader() {
    CountingReader reader = new CountingReader(new StringReader(Examples.text(FULL)));

    stream(reader).close();

    assertThat(resourceClosed).isTrue();
    assertThat(reader.closed).isTrue();
  }

  @Test
  void closeMidwayEndsTheIteration() {
    CvmStream cvms = stream(new StringReader(Examples.text(FULL)));
    Iterator<Cvm> iterator = cvms.iterator();
    iterator.next();

    cvms.close();

    assertThat(iterator.hasNext()).isFalse();
    assertThatThrownBy(iterator::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void aSecondIterationIsRefused() {
    try (CvmStream cvms = stream(new StringReader(Examples.text(FULL)))) {
      cvms.iterator();

      assertThatThrownBy(cvms::iterator).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(cvms::stream).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void closingTheJavaStreamClosesTheCvmStream() {
    CvmStream cvms = stream(new StringReader(Examples.text(FULL)));

    try (Stream<Cvm> stream = cvms.stream()) {
      assertThat(stream.findFirst()).isPresent();
    }

    assertThat(resourceClosed).isTrue();
  }

  @Test
  void aNonObjectItemMidStreamThrowsAtItsIndexAfterTheGoodOnes() {
    String body =
        "["
            + Examples.cvm(FULL, 0)
            + ","
            + Examples.cvm(FULL, 1)
            + ",\"oops\","
            + Examples.cvm(FULL, 2)
            + "]";

    try (CvmStream cvms = stream(new StringReader(body))) {
      Iterator<Cvm> iterator = cvms.iterator();
      assertThat(iterator.next().name()).isEqualTo("inference-gateway");
      assertThat(iterator.next().name()).isEqualTo("gpu-trainer");

      PhalaInvalidDataException thrown =
          catchThrowableOfType(PhalaInvalidDataException.class, iterator::next);

      assertThat(thrown).isNotNull();
      assertThat(thrown.where()).isEqualTo("$[2]");
    }
  }

  @Test
  void aBodyCutMidItemThrowsInvalidDataAfterTheCompleteOnes() {
    String whole = "[" + Examples.cvm(FULL, 0) + "," + Examples.cvm(FULL, 1) + "]";
    String cut = whole.substring(0, whole.length() - 200);

    try (CvmStream cvms = stream(new StringReader(cut))) {
      Iterator<Cvm> iterator = cvms.iterator();
      assertThat(iterator.next().name()).isEqualTo("inference-gateway");

      PhalaInvalidDataException thrown =
          catchThrowableOfType(PhalaInvalidDataException.class, iterator::next);

      assertThat(thrown).isNotNull();
      assertThat(thrown.where()).startsWith("$[1]");
    }
  }

  @Test
  void aReadFailureMidStreamBecomesPhalaIoExceptionAndClosesTheStream() {
    String body = manyCvms(50);
    Reader failing =
        new FilterReader(new StringReader(body)) {
          private int left = body.length() / 2;

          @Override
          public int read(char[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
              throw new IOException("connection reset");
            }
            int count = super.read(buffer, offset, Math.min(length, left));
            left -= Math.max(count, 0);
            return count;
          }
        };

    try (CvmStream cvms = stream(failing)) {
      assertThatThrownBy(() -> cvms.forEach(cvm -> {}))
          .isInstanceOf(PhalaIoException.class)
          .hasMessageContaining("connection reset");
      assertThat(resourceClosed).isTrue();
    }
  }

  @Test
  void aBrokenItemStreamsAndFailsOnlyWhenRead() {
    String body =
        "[" + Examples.cvm(FULL, 0) + "," + Examples.remove(Examples.cvm(FULL, 1), "hosted") + "]";

    try (CvmStream cvms = stream(new StringReader(body))) {
      List<Cvm> read = cvms.stream().toList();

      assertThat(read).hasSize(2);
      assertThat(
              catchThrowableOfType(PhalaInvalidDataException.class, () -> read.get(1).hosted())
                  .where())
          .isEqualTo("$[1].hosted");
    }
  }

  @Test
  void aStreamNotFromHttpHasNoResponse() {
    try (CvmStream cvms = stream(new StringReader("[]"))) {
      assertThat(cvms.response()).isEmpty();
      assertThat(cvms.iterator().hasNext()).isFalse();
    }
  }

  private CvmStream stream(Reader body) {
    return CvmStream.read(body, null, () -> resourceClosed.set(true));
  }

  /** A body of {@code count} copies of the first full CVM named cvm-0, cvm-1, ... */
  static String manyCvms(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> Examples.set(Examples.cvm(FULL, 0), "name", "cvm-" + i).toString())
        .collect(Collectors.joining(",", "[", "]"));
  }

  /** Counts the characters read through it and remembers being closed. */
  private static final class CountingReader extends FilterReader {
    long count;
    boolean closed;

    CountingReader(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
      int read = super.read(buffer, offset, length);
      count += Math.max(read, 0);
      return read;
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }
}
