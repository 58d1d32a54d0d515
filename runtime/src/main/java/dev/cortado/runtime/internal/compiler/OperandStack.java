package dev.cortado.runtime.internal.compiler;

import dev.cortado.wasm.ValType;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.util.Arrays;

/**
 * The wasm operand stack as the compiler sees it while emitting one method: the type of each entry
 * and where its value is, on the JVM operand stack or in a JVM local.
 *
 * <p>Invariant: the entries on the JVM stack are a suffix (the top ones). Most instructions find
 * their operands there and leave their result there, so straight-line code is plain JVM stack code.
 * Entries move to locals ("spill") where the JVM stack must be empty or known: at block, loop and
 * if entry everything below the block goes to locals (so that a branch out of a block only ever has
 * to discard JVM entries of the blocks it leaves, and HotSpot's on-stack replacement finds an empty
 * stack at every loop header). An entry spilled at depth {@code d} goes to the local reserved for
 * depth {@code d} and its JVM type; the on-stack-replacement entry relies on that layout.
 *
 * <p>A compare whose only use is the conditional branch right after it is not materialised as 0/1:
 * its operands stay on the JVM stack and the entry is {@link #FUSED}.
 */
final class OperandStack {
  static final int ON_STACK = -1;
  static final int FUSED = -2;

  private final FunctionCompiler fc;
  private ValType[] types = new ValType[16];
  private int[] where = new int[16];
  private int size;

  private final int[][] spillSlots = new int[TypeKind.values().length][];
  private int[] v128SpillSlots = new int[0];

  OperandStack(FunctionCompiler fc) {
    this.fc = fc;
  }

  int size() {
    return size;
  }

  ValType type(int i) {
    return types[i];
  }

  ValType top() {
    return types[size - 1];
  }

  int where(int i) {
    return where[i];
  }

  /** Pushes a value the code just left on the JVM stack. */
  void push(ValType t) {
    pushAt(t, ON_STACK);
  }

  /** Pushes a value that lives in JVM local {@code slot}. */
  void pushAt(ValType t, int slot) {
    if (size == types.length) {
      types = Arrays.copyOf(types, size * 2);
      where = Arrays.copyOf(where, size * 2);
    }
    types[size] = t;
    where[size] = slot;
    size++;
  }

  /** Records that entry {@code i} now lives in JVM local {@code slot}. */
  void relocate(int i, int slot) {
    where[i] = slot;
  }

  /** Forgets the top {@code n} entries, whose values the code just consumed. */
  void pop(int n) {
    size -= n;
  }

  /** Forgets everything above height {@code h} (after a branch, or at else/end). */
  void truncate(int h) {
    size = h;
  }

  /** How many entries (counted from the top) are on the JVM stack. */
  int jvmCount() {
    int i = size;
    while (i > 0 && where[i - 1] < 0) {
      i--;
    }
    return size - i;
  }

  /** Whether the top {@code n} entries are all on the JVM stack. */
  boolean topOnJvm(int n) {
    for (int i = size - n; i < size; i++) {
      if (where[i] >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Puts the top {@code n} entries on the JVM stack, in order. */
  void materialize(int n) {
    if (n == 0) {
      return;
    }
    if (where[size - 1] == FUSED) {
      fc.materializeFused();
    }
    if (topOnJvm(n)) {
      return;
    }
    // A local entry lies among the top n: every JVM entry is above it. Spill those, then load all.
    spillAll();
    CodeBuilder cb = fc.cb();
    for (int i = size - n; i < size; i++) {
      JvmTypes.load(cb, types[i], where[i]);
      where[i] = ON_STACK;
    }
  }

  /** Moves every JVM stack entry to its depth's spill local; the JVM stack is then empty. */
  void spillAll() {
    if (size > 0 && where[size - 1] == FUSED) {
      fc.materializeFused();
    }
    CodeBuilder cb = fc.cb();
    for (int i = size - 1; i >= 0 && where[i] < 0; i--) {
      int slot = fc.spillSlot(i, types[i]);
      JvmTypes.store(cb, types[i], slot);
      where[i] = slot;
    }
  }

  /** Emits code that pops the top {@code n} entries from the JVM stack (they must be there). */
  void discardJvm(int n) {
    CodeBuilder cb = fc.cb();
    for (int i = size - 1; i >= size - n; i--) {
      JvmTypes.pop(cb, types[i]);
    }
  }

  /**
   * Emits code that pops the {@code n} JVM entries lying right below the top {@code keep} entries
   * (all of them on the JVM stack); the entries themselves are left to the caller to forget.
   */
  void discardBelow(int keep, int n) {
    if (n == 0) {
      return;
    }
    CodeBuilder cb = fc.cb();
    for (int i = size - 1; i >= size - keep; i--) {
      JvmTypes.store(cb, types[i], fc.spillSlot(i, types[i]));
    }
    for (int i = size - keep - 1; i >= size - keep - n; i--) {
      JvmTypes.pop(cb, types[i]);
    }
    for (int i = size - keep; i < size; i++) {
      JvmTypes.load(cb, types[i], fc.spillSlot(i, types[i]));
    }
  }

  /**
   * Puts the top {@code n} entries in locals and returns their slots, bottom first; the entries are
   * left for the caller to pop. Entries on the JVM stack go to their depths' spill locals, so that
   * code can read the halves of a v128 in any order (see {@link SimdEmitter}).
   */
  int[] toLocals(int n) {
    if (size > 0 && where[size - 1] == FUSED) {
      fc.materializeFused();
    }
    CodeBuilder cb = fc.cb();
    int[] slots = new int[n];
    for (int i = size - 1; i >= size - n; i--) {
      if (where[i] < 0) {
        int slot = fc.spillSlot(i, types[i]);
        JvmTypes.store(cb, types[i], slot);
        where[i] = slot;
      }
      slots[i - (size - n)] = where[i];
    }
    return slots;
  }

  /** A copy of the entries, to restore after emitting a side path (see {@link #restore}). */
  Snapshot snapshot() {
    return new Snapshot(Arrays.copyOf(types, size), Arrays.copyOf(where, size));
  }

  void restore(Snapshot s) {
    size = 0;
    for (int i = 0; i < s.types.length; i++) {
      pushAt(s.types[i], s.where[i]);
    }
  }

  record Snapshot(ValType[] types, int[] where) {}

  /** The local reserved for operand stack depth {@code depth} and the JVM type of {@code t}. */
  int spillSlot(int depth, ValType t) {
    if (t == ValType.V128) {
      if (depth >= v128SpillSlots.length) {
        int old = v128SpillSlots.length;
        v128SpillSlots = Arrays.copyOf(v128SpillSlots, Math.max(depth + 8, old * 2));
        Arrays.fill(v128SpillSlots, old, v128SpillSlots.length, -1);
      }
      if (v128SpillSlots[depth] < 0) {
        v128SpillSlots[depth] = JvmTypes.allocate(fc.cb(), t);
      }
      return v128SpillSlots[depth];
    }
    TypeKind kind = JvmTypes.kind(t);
    int k = kind.ordinal();
    int[] slots = spillSlots[k];
    if (slots == null || depth >= slots.length) {
      int[] grown = new int[Math.max(depth + 8, slots == null ? 8 : slots.length * 2)];
      Arrays.fill(grown, -1);
      if (slots != null) {
        System.arraycopy(slots, 0, grown, 0, slots.length);
      }
      spillSlots[k] = slots = grown;
    }
    if (slots[depth] < 0) {
      slots[depth] = fc.cb().allocateLocal(kind);
    }
    return slots[depth];
  }
}
