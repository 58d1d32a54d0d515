package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.internal.Traps;
import dev.cortado.runtime.internal.WasmFunction;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the interpreter hands a call to compiled code: a call of a function that has been compiled,
 * and on-stack replacement (a call running a hot loop in the interpreter continues in the loop's
 * compiled code). Arguments come from, and results go back to, the interpreter's value stack layout
 * ({@code long[]} bits and {@code Object[]} references); results come back in a fresh {@link
 * RawFrame}, since the interpreter's stack may have been reallocated meanwhile.
 */
public final class TierBridge {
  private TierBridge() {}

  /** Results in the interpreter's raw representation. */
  public static final class RawFrame {
    private final long[] bits;
    private final Object[] refs;
    private final int count;

    RawFrame(long[] bits, Object[] refs, int count) {
      this.bits = bits;
      this.refs = refs;
      this.count = count;
    }

    /** Copies the values to {@code base} of the given stack; returns the index after them. */
    public int copyTo(long[] stack, Object[] stackRefs, int base) {
      System.arraycopy(bits, 0, stack, base, count);
      System.arraycopy(refs, 0, stackRefs, base, count);
      return base + count;
    }
  }

  /**
   * Runs {@code callee}'s compiled code with the arguments at {@code stack[base...]}; returns its
   * results, or null if it has no compiled code (asking for it if it is hot). A trap leaves as a
   * public {@code Trap}, for the interpreter to extend.
   */
  public static RawFrame callCompiled(
      WasmFunction callee, long[] stack, Object[] refs, int base, int fuel) {
    MethodHandle method = TierUp.compiledEntry(callee);
    if (method == null) {
      return null;
    }
    FuncType type = callee.type();
    int n = Invokers.frameSize(type);
    // Raw frames hold slots: a v128 is two (see JvmTypes.flat).
    int params = JvmTypes.flat(type.params()).size();
    long[] bits = new long[n];
    Object[] rs = new Object[n];
    System.arraycopy(stack, base, bits, 0, params);
    System.arraycopy(refs, base, rs, 0, params);
    try {
      Invokers.callCompiled(callee, method, bits, rs, fuel);
    } catch (Throwable t) {
      throw Unwind.toPublic(t);
    }
    return new RawFrame(bits, rs, JvmTypes.flat(type.results()).size());
  }

  /**
   * Continues the call of {@code fn} whose interpreter frame is at {@code fp} (locals, then the
   * operand stack) at the header of loop {@code loop}, in compiled code; returns the call's
   * results, or null if there is no compiled code that can enter that loop. A trap leaves as a
   * public {@code Trap} without {@code fn}'s own frame, which the interpreter adds.
   */
  public static RawFrame onStackReplace(
      WasmFunction fn, int loop, long[] stack, Object[] refs, int fp, int fuel) {
    MethodHandle osr = TierUp.osrEntry(fn, loop);
    if (osr == null) {
      return null;
    }
    CompiledInstance ctx = fn.instance.compiled;
    FuncType type = fn.type();
    List<Object> args = new ArrayList<>(List.of(stack, refs, fp, loop));
    if (JvmTypes.hasMultiValue(type)) {
      args.add(ctx.multiValue);
    }
    args.add(fuel);
    args.add(ctx);
    Object first;
    try {
      first = osr.invokeWithArguments(args);
    } catch (Throwable t) {
      Trap trap = Unwind.convert(t);
      if (trap == null || trap.backtrace().isEmpty()) {
        throw Unwind.toPublic(t);
      }
      List<Trap.FrameInfo> frames = trap.backtrace();
      throw Traps.withBacktrace(trap, frames.subList(0, frames.size() - 1));
    }
    List<ValType> results = JvmTypes.flat(type.results());
    int n = Math.max(1, results.size());
    long[] bits = new long[n];
    Object[] rs = new Object[n];
    for (int i = 0; i < results.size(); i++) {
      Object v = i == 0 ? first : extra(ctx.multiValue, results.get(i), i - 1);
      switch (results.get(i)) {
        case I32 -> bits[i] = (Integer) v;
        case I64 -> bits[i] = (Long) v;
        case F32 -> bits[i] = Float.floatToRawIntBits((Float) v);
        case F64 -> bits[i] = Double.doubleToRawLongBits((Double) v);
        default -> rs[i] = v;
      }
    }
    return new RawFrame(bits, rs, results.size());
  }

  private static Object extra(MultiValue mv, ValType t, int i) {
    return switch (t) {
      case I32 -> MultiValue.getI32(mv, i);
      case I64 -> MultiValue.getI64(mv, i);
      case F32 -> MultiValue.getF32(mv, i);
      case F64 -> MultiValue.getF64(mv, i);
      default -> MultiValue.getRef(mv, i);
    };
  }
}
