package com.phala.cloud.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The outputs that hold every row count what they hold against a budget set up front, and stop with
 * a message that says what to do before the heap runs out.
 */
class HeldRowsTest {
  private static final String CELL = "cvm-000001";

  @Test
  void aTablePastItsBudgetStopsSayingWhatToDo() {
    HeldRows budget = new HeldRows(100 * HeldRows.cost(PackedCells.pack(new String[] {CELL})));
    TableOutput table =
        new TableOutput(new PrintWriter(new StringWriter()), new boolean[1], -1, budget);

    for (int i = 0; i < 100; i++) {
      table.row(new String[] {CELL}, null);
    }
    assertThatThrownBy(() -> table.row(new String[] {CELL}, null))
        .isInstanceOf(TooLargeToHoldException.class)
        .hasMessageContaining("after 101 CVMs")
        .hasMessageContaining("-o json")
        .hasMessageContaining("PHALA_CVMS_JAVA_OPTS=-Xmx");
  }

  @Test
  void rowsHandedFromTheSortToTheTableAreCountedOnce() {
    long oneRow = HeldRows.cost(PackedCells.pack(new String[] {CELL})) + HeldRows.cost(CELL);
    HeldRows budget = new HeldRows(100 * oneRow);
    StringWriter printed = new StringWriter();
    TableOutput table = new TableOutput(new PrintWriter(printed), new boolean[1], -1, budget);

    for (int i = 0; i < 100; i++) {
      budget.hold(PackedCells.pack(new String[] {CELL}), CELL);
    }
    for (int i = 0; i < 100; i++) {
      budget.release(PackedCells.pack(new String[] {CELL}), CELL);
      table.row(new String[] {CELL}, null);
    }
    table.end();

    assertThat(printed.toString().lines()).hasSize(100);
  }

  @Test
  void textBeyondLatin1CostsTwoBytesACharacter() {
    assertThat(HeldRows.cost("\u4e2d".repeat(1000)) - HeldRows.cost("a".repeat(1000)))
        .isEqualTo(1000);
  }

  @Test
  void theBudgetIsTheHeapButAReserve() {
    assertThat(HeldRows.budgetOf(64L << 20)).isEqualTo(48L << 20);
    assertThat(HeldRows.budgetOf(16L << 20)).isEqualTo(4L << 20);
    assertThat(HeldRows.budgetOf(8L << 20)).isZero();
  }

  @Test
  void thisJvmsBudgetIsItsHeapButAReserve() {
    assertThatThrownBy(
            () -> {
              HeldRows budget = HeldRows.ofHeap();
              String big = "a".repeat(1 << 20);
              for (long held = 0; held <= Runtime.getRuntime().maxMemory(); held += 1 << 20) {
                budget.hold(big, null); // counted, not kept: the same string each time
              }
            })
        .isInstanceOf(TooLargeToHoldException.class)
        .hasMessageContaining(
            HeldRows.budgetOf(Runtime.getRuntime().maxMemory()) / (1024 * 1024) + " MB, what");
  }
}
