package dev.cortado.runtime.internal.compiler;

/** Runtime help for split functions (see {@link FunctionSplitter}). */
public final class SplitOps {
  private SplitOps() {}

  /**
   * A {@code long[]} frame for a call of split function {@code function}, holding {@code length}
   * values and what an earlier call left in them (the function's method stores every local there at
   * entry: its parameters, and zero in the others): the function's own frame in {@link
   * CompiledInstance#longFrames} if no call of it holds that frame (recursion, re-entry), else a
   * new one. Element {@code length} says whether a call holds the frame; the function's method
   * clears it as it returns ({@link SplitFrame#release}). A call that traps leaves it set, and
   * later calls make frames of their own.
   *
   * <p>A split function used to make its frame at every call, and a hot one such as dlmalloc's
   * {@code malloc} (7 KB of wasm, split) made bintrees allocate 3 GB per second of frames: little
   * work for the collector, but the young generation's pages were touched for the first time, each
   * a page fault, all through the run (whole process 3.3-3.6 s with G1, 4.2-5.0 s with a bigger
   * young generation, 2.9-3.0 s with the serial collector's small one). The flag rather than a
   * reference put back in the array: storing a reference costs G1's write barriers at every call.
   * Only one thread runs an instance's code at a time (as for {@link #spill}).
   */
  public static long[] takeLongs(CompiledInstance ctx, int function, int length) {
    long[] frame = ctx.longFrames[function];
    if (frame == null) {
      frame = new long[length + 1];
      ctx.longFrames[function] = frame;
    } else if (frame[length] != 0) {
      return new long[length + 1];
    }
    frame[length] = 1;
    return frame;
  }

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
