package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The branch-free selects pick the first operand for every condition but 0. */
class OpsTest {
  private static final int[] CONDITIONS = {
    1, -1, 2, 0x7FFF_FFFF, Integer.MIN_VALUE, 0x8000_0001, 0x100, 0xFFFF_0000
  };

  @Test
  void selectI32TakesTheFirstOperandUnlessTheConditionIsZero() {
    int[][] pairs = {{7, -9}, {0, -1}, {Integer.MIN_VALUE, Integer.MAX_VALUE}, {5, 5}};
    for (int[] p : pairs) {
      assertThat(Ops.selectI32(p[0], p[1], 0)).isEqualTo(p[1]);
      for (int c : CONDITIONS) {
        assertThat(Ops.selectI32(p[0], p[1], c)).as("condition %d", c).isEqualTo(p[0]);
      }
    }
  }

  @Test
  void selectI64TakesTheFirstOperandUnlessTheConditionIsZero() {
    long[][] pairs = {{7, -9}, {0, -1}, {Long.MIN_VALUE, Long.MAX_VALUE}, {1L << 40, 3}};
    for (long[] p : pairs) {
      assertThat(Ops.selectI64(p[0], p[1], 0)).isEqualTo(p[1]);
      for (int c : CONDITIONS) {
        assertThat(Ops.selectI64(p[0], p[1], c)).as("condition %d", c).isEqualTo(p[0]);
      }
    }
  }
}
