package dev.cortado.runtime.internal.compiler;

/** Runtime help for split functions (see {@link FunctionSplitter}). */
public final class SplitOps {
  private SplitOps() {}

  /**
   * The instance's spill carrier, made to hold at least {@code size} values. Only the thread that
   * runs the instance's code replaces it, between a chunk's exit and its caller's reads nothing
   * else runs, so the caller finds the values in the carrier it reads then.
   */
  public static MultiValue spill(CompiledInstance ctx, int size) {
    MultiValue s = ctx.spill;
    if (s.bits.length < size) {
      s = new MultiValue(Math.max(size, s.bits.length * 2));
      ctx.spill = s;
    }
    return s;
  }

  /**
   * The target ordinal of a big {@code br_table}: {@code table} holds one per entry, the default's
   * last; an index out of range (unsigned) takes the default (spec 4.4.8.7).
   */
  public static int brTable(int index, int[] table) {
    int last = table.length - 1;
    return Integer.compareUnsigned(index, last) < 0 ? table[index] : table[last];
  }
}
