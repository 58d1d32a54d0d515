package dev.cortado.runtime.internal.interpreter;

import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.internal.TrapSignal;
import dev.cortado.runtime.internal.WasmFunction;
import java.util.Arrays;

/**
 * One thread's wasm execution state: the value stack shared by all frames (locals and operands,
 * numeric values in {@link #stack}, references in the parallel {@link #refs}) and the frame stack
 * of suspended callers. A host function that calls back into wasm continues on the same stacks,
 * above {@link #top}.
 */
final class Machine {
  private static final ThreadLocal<Machine> CURRENT = ThreadLocal.withInitial(Machine::new);

  private static final int INITIAL_SLOTS = 1024;
  private static final int INITIAL_FRAMES = 64;

  /** Beyond this many slots (128 MiB of longs) the guest's stack counts as exhausted. */
  static final int MAX_SLOTS = 1 << 24;

  /** Stacks bigger than this are released after the outermost call returns. */
  private static final int RETAINED_SLOTS = 1 << 16;

  private static final int RETAINED_FRAMES = 1024;

  long[] stack = new long[INITIAL_SLOTS];
  Object[] refs = new Object[INITIAL_SLOTS];

  /** The first free slot while a host function runs: where a nested call's frame starts. */
  int top;

  /** The highest slot a frame has reached since the outermost call started. */
  int highWater;

  // Suspended callers, innermost last: function, return position, frame pointer.
  WasmFunction[] frameFunctions = new WasmFunction[INITIAL_FRAMES];
  int[] framePcs = new int[INITIAL_FRAMES];
  int[] frameFps = new int[INITIAL_FRAMES];

  /** The number of suspended wasm frames (the running frame is not counted). */
  int depth;

  /** The store's call depth limit, taken when the outermost call starts. */
  int maxDepth;

  /** The function whose frame {@link HotLoop} runs. */
  WasmFunction running;

  /** Where {@link HotLoop} trapped (the position after the opcode), or -1. */
  int trapPc = -1;

  static Machine current() {
    return CURRENT.get();
  }

  /** Makes the value stack at least {@code needed} slots long. */
  void ensureStack(int needed) {
    if (needed > highWater) {
      highWater = needed;
    }
    if (needed <= stack.length) {
      return;
    }
    if (needed > MAX_SLOTS || needed < 0) {
      throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED);
    }
    int size = (int) Math.min(MAX_SLOTS, Math.max(needed, 2L * stack.length));
    try {
      stack = Arrays.copyOf(stack, size);
      refs = Arrays.copyOf(refs, size);
    } catch (OutOfMemoryError e) {
      throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED, e);
    }
  }

  /** Makes room for one more suspended frame. */
  void ensureFrame() {
    if (depth == frameFunctions.length) {
      int size = depth * 2;
      frameFunctions = Arrays.copyOf(frameFunctions, size);
      framePcs = Arrays.copyOf(framePcs, size);
      frameFps = Arrays.copyOf(frameFps, size);
    }
  }

  /** Suspends the running frame (before a call). */
  void pushFrame(WasmFunction function, int pc, int fp) {
    ensureFrame();
    int d = depth;
    frameFunctions[d] = function;
    framePcs[d] = pc;
    frameFps[d] = fp;
    depth = d + 1;
  }

  /**
   * After the outermost call: drops references the stacks still hold (so that the guest's
   * externrefs and functions can be collected) and gives back a stack that grew large.
   */
  void reset() {
    top = 0;
    depth = 0;
    running = null;
    if (stack.length > RETAINED_SLOTS) {
      stack = new long[INITIAL_SLOTS];
      refs = new Object[INITIAL_SLOTS];
    } else {
      Arrays.fill(refs, 0, Math.min(highWater, refs.length), null);
    }
    if (frameFunctions.length > RETAINED_FRAMES) {
      frameFunctions = new WasmFunction[INITIAL_FRAMES];
      framePcs = new int[INITIAL_FRAMES];
      frameFps = new int[INITIAL_FRAMES];
    } else {
      Arrays.fill(frameFunctions, null);
    }
    highWater = 0;
  }

  /** The position of the instruction that trapped: HotLoop's if it trapped, else {@code pc}. */
  int trapPosition(int pc) {
    int at = trapPc;
    trapPc = -1;
    return at >= 0 ? at : pc;
  }
}
