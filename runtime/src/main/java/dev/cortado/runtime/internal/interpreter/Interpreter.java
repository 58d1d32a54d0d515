package dev.cortado.runtime.internal.interpreter;

import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.Value;
import dev.cortado.runtime.internal.FunctionHandle;
import dev.cortado.runtime.internal.GlobalInstance;
import dev.cortado.runtime.internal.HostFunctionHandle;
import dev.cortado.runtime.internal.InterruptPolls;
import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.runtime.internal.ModuleInstance;
import dev.cortado.runtime.internal.Numerics;
import dev.cortado.runtime.internal.StoreState;
import dev.cortado.runtime.internal.TableInstance;
import dev.cortado.runtime.internal.TrapSignal;
import dev.cortado.runtime.internal.WasmFunction;
import java.util.List;

/**
 * The interpreter: runs {@link CompiledFunction} code (see docs/interpreter.md).
 *
 * <p>{@link #execute} is the dispatch loop. Calls between wasm functions do not recurse in Java:
 * the caller's position is pushed on the {@link Machine}'s frame stack and the loop continues in
 * the callee. The loop method must stay below HotSpot's 8000-byte limit for JIT compilation ({@code
 * -XX:-DontCompileHugeMethods}), so anything that is not a few bytecodes lives in {@link Numerics},
 * {@link MemoryInstance}, {@link TableInstance} or {@link InterpreterSupport}.
 */
public final class Interpreter {
  private static final long U32 = 0xFFFF_FFFFL;

  static {
    // Initialize what trapping needs now: a class whose initializer first runs when the Java stack
    // is nearly exhausted fails with StackOverflowError and stays unusable (NoClassDefFoundError).
    List<Trap.FrameInfo> frames = List.of(new Trap.FrameInfo(null, 0, null, 0));
    Trap trap = new Trap(TrapKind.CALL_STACK_EXHAUSTED, frames);
    InterpreterSupport.extend(trap, frames);
    new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED).toTrap();
  }

  private Interpreter() {}

  /** Calls {@code f} from Java with type-checked {@code args}. */
  public static Value[] invoke(WasmFunction f, Value[] args) {
    Machine m = Machine.current();
    boolean outermost = m.depth == 0 && m.top == 0;
    if (outermost) {
      m.maxDepth = f.instance.store().config().maxCallDepth();
    }
    int base = m.top;
    try {
      CompiledFunction c;
      try {
        c = f.compiled();
        m.ensureStack(base + c.maxHeight);
      } catch (TrapSignal t) {
        throw t.toTrap();
      }
      InterpreterSupport.storeValues(m.stack, m.refs, base, f.type().params(), args);
      execute(m, f, base);
      return InterpreterSupport.loadValues(m.stack, m.refs, base, f.type().results());
    } finally {
      m.top = base;
      if (outermost) {
        m.reset();
      }
    }
  }

  // Slot conversions, also used by RareOps: floats are raw bits in a long slot.
  static float f32(long bits) {
    return Float.intBitsToFloat((int) bits);
  }

  static long bits(float v) {
    return Float.floatToRawIntBits(v);
  }

  static double f64(long bits) {
    return Double.longBitsToDouble(bits);
  }

  static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  static long bool(boolean b) {
    return b ? 1 : 0;
  }

  /** An effective address: unsigned base plus unsigned static offset, in 64 bits. */
  private static long ea(long base, int offset) {
    return (base & U32) + (offset & U32);
  }

  /**
   * Runs {@code entry} with its arguments in the value stack at {@code entryFp}; leaves its results
   * at {@code entryFp}. Throws a {@link Trap} with the backtrace of the frames this call made.
   */
  static void execute(Machine m, WasmFunction entry, int entryFp) {
    final int entryDepth = m.depth;
    WasmFunction fn = entry;
    int pc = 0;
    try {
      if (entryDepth >= m.maxDepth) {
        throw new TrapSignal(TrapKind.CALL_STACK_EXHAUSTED);
      }
      entry.instance.state.checkInterrupt();
      CompiledFunction entryCode = entry.compiled();
      m.ensureStack(entryFp + entryCode.maxHeight);
      long[] s = m.stack;
      Object[] r = m.refs;
      int fp = entryFp;
      InterpreterSupport.initLocals(s, r, fp, entryCode);
      int[] code = entryCode.code;
      ModuleInstance inst = entry.instance;
      MemoryInstance mem = inst.memory0;
      GlobalInstance[] globals = inst.globals;
      FunctionHandle[] funcs = inst.functions;
      // Every operand is a frame slot named by the code (fp + code[pc + i]); pc points after the
      // opcode. There is no stack pointer: the translator knows every operand's slot.
      while (true) {
        switch (code[pc++]) {
          case Op.UNREACHABLE -> throw new TrapSignal(TrapKind.UNREACHABLE);
          case Op.JUMP -> pc = code[pc];
          case Op.JUMP_IF -> pc = (int) s[fp + code[pc]] != 0 ? code[pc + 1] : pc + 2;
          case Op.JUMP_IF_NOT -> pc = (int) s[fp + code[pc]] == 0 ? code[pc + 1] : pc + 2;
          case Op.JUMP_IF_I32_EQ ->
              pc = (int) s[fp + code[pc]] == (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
          case Op.JUMP_IF_I32_NE ->
              pc = (int) s[fp + code[pc]] != (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
          case Op.JUMP_IF_I32_LT_S ->
              pc = (int) s[fp + code[pc]] < (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
          case Op.JUMP_IF_I32_GT_S ->
              pc = (int) s[fp + code[pc]] > (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
          case Op.JUMP_IF_I32_LE_S ->
              pc = (int) s[fp + code[pc]] <= (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
          case Op.JUMP_IF_I32_GE_S ->
              pc = (int) s[fp + code[pc]] >= (int) s[fp + code[pc + 1]] ? code[pc + 2] : pc + 3;
          case Op.JUMP_IF_I32_LT_U ->
              pc =
                  Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) < 0
                      ? code[pc + 2]
                      : pc + 3;
          case Op.JUMP_IF_I32_GT_U ->
              pc =
                  Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) > 0
                      ? code[pc + 2]
                      : pc + 3;
          case Op.JUMP_IF_I32_LE_U ->
              pc =
                  Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) <= 0
                      ? code[pc + 2]
                      : pc + 3;
          case Op.JUMP_IF_I32_GE_U ->
              pc =
                  Integer.compareUnsigned((int) s[fp + code[pc]], (int) s[fp + code[pc + 1]]) >= 0
                      ? code[pc + 2]
                      : pc + 3;
          case Op.BR_MOVE -> {
            InterpreterSupport.copy(s, r, fp + code[pc + 2], fp + code[pc + 3], code[pc + 1]);
            pc = code[pc];
          }
          case Op.BR_IF_MOVE -> {
            if ((int) s[fp + code[pc]] != 0) {
              InterpreterSupport.copy(s, r, fp + code[pc + 3], fp + code[pc + 4], code[pc + 2]);
              pc = code[pc + 1];
            } else {
              pc += 5;
            }
          }
          case Op.BR_TABLE -> {
            int last = code[pc + 3] - 1;
            int i = (int) s[fp + code[pc]];
            int at = pc + 4 + 2 * (Integer.compareUnsigned(i, last) < 0 ? i : last);
            InterpreterSupport.copy(s, r, fp + code[pc + 2], fp + code[at + 1], code[pc + 1]);
            pc = code[at];
          }
          case Op.RETURN -> {
            InterpreterSupport.copy(s, r, fp + code[pc + 1], fp, code[pc]);
            int d = m.depth;
            if (d == entryDepth) {
              return;
            }
            d--;
            m.depth = d;
            WasmFunction caller = m.frameFunctions[d];
            pc = m.framePcs[d];
            fp = m.frameFps[d];
            code = caller.compiled.code;
            fn = caller;
            if (caller.instance != inst) {
              inst = caller.instance;
              mem = inst.memory0;
              globals = inst.globals;
              funcs = inst.functions;
            }
          }
          case Op.CALL, Op.CALL_INDIRECT -> {
            FunctionHandle f;
            int base;
            if (code[pc - 1] == Op.CALL) {
              f = funcs[code[pc]];
              base = fp + code[pc + 1];
              pc += 2;
            } else {
              f =
                  InterpreterSupport.resolveIndirect(
                      inst, code[pc], code[pc + 1], s[fp + code[pc + 2]]);
              base = fp + code[pc + 3];
              pc += 4;
            }
            if (f instanceof WasmFunction callee) {
              if (--callee.hotness < 0) {
                // Compiler tier: hot, maybe compiled by now; then its code runs it.
                if (InterpreterSupport.callCompiled(m, callee, base, fn, pc, fp)) {
                  s = m.stack;
                  r = m.refs;
                  continue;
                }
              }
              CompiledFunction c = callee.compiled();
              fp = InterpreterSupport.enter(m, fn, pc, fp, base, c);
              s = m.stack;
              r = m.refs;
              code = c.code;
              pc = 0;
              fn = callee;
              if (callee.instance != inst) {
                inst = callee.instance;
                mem = inst.memory0;
                globals = inst.globals;
                funcs = inst.functions;
              }
            } else {
              InterpreterSupport.callHost(m, (HostFunctionHandle) f, base, fn, pc, fp);
              s = m.stack;
              r = m.refs;
            }
          }
          case Op.LOOP -> {
            // Every iteration passes the header: where a running loop notices Store.interrupt()
            // (docs/limits.md). No code until an interruption (InterruptPolls).
            InterruptPolls.poll(inst.state);
            if (--fn.hotness < 0
                && InterpreterSupport.onStackReplace(m, fn, code[pc], fp, fp + code[pc + 1])) {
              // Compiler tier: compiled code ran the rest of this call and left its results at
              // the operand base; the function's final RETURN (last in its code) returns them.
              pc = code.length - 3;
            } else {
              pc += 2;
            }
          }
          case Op.FUEL -> {
            StoreState st = inst.state;
            long left = st.fuel - code[pc++];
            if (left < 0) {
              throw StoreState.outOfFuel();
            }
            st.fuel = left;
          }
          case Op.MOVE -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]];
            pc += 2;
          }
          case Op.CONST32 -> {
            s[fp + code[pc]] = code[pc + 1];
            pc += 2;
          }
          case Op.CONST64 -> {
            s[fp + code[pc]] = (code[pc + 1] & U32) | ((long) code[pc + 2] << 32);
            pc += 3;
          }
          case Op.SELECT -> {
            s[fp + code[pc]] =
                (int) s[fp + code[pc + 3]] != 0 ? s[fp + code[pc + 1]] : s[fp + code[pc + 2]];
            pc += 4;
          }
          case Op.GLOBAL_GET -> {
            s[fp + code[pc]] = globals[code[pc + 1]].bits;
            pc += 2;
          }
          case Op.GLOBAL_SET -> {
            globals[code[pc + 1]].bits = s[fp + code[pc]];
            pc += 2;
          }
          case Op.I32_LOAD -> {
            s[fp + code[pc]] = mem.loadI32(ea(s[fp + code[pc + 1]], code[pc + 2]));
            pc += 3;
          }
          case Op.I64_LOAD -> {
            s[fp + code[pc]] = mem.loadI64(ea(s[fp + code[pc + 1]], code[pc + 2]));
            pc += 3;
          }
          case Op.I32_LOAD8_S -> {
            s[fp + code[pc]] = mem.loadI8S(ea(s[fp + code[pc + 1]], code[pc + 2]));
            pc += 3;
          }
          case Op.I32_LOAD8_U -> {
            s[fp + code[pc]] = mem.loadI8U(ea(s[fp + code[pc + 1]], code[pc + 2]));
            pc += 3;
          }
          case Op.I32_LOAD16_S -> {
            s[fp + code[pc]] = mem.loadI16S(ea(s[fp + code[pc + 1]], code[pc + 2]));
            pc += 3;
          }
          case Op.I32_LOAD16_U -> {
            s[fp + code[pc]] = mem.loadI16U(ea(s[fp + code[pc + 1]], code[pc + 2]));
            pc += 3;
          }
          case Op.I64_LOAD32_S -> {
            s[fp + code[pc]] = mem.loadI32(ea(s[fp + code[pc + 1]], code[pc + 2]));
            pc += 3;
          }
          case Op.I64_LOAD32_U -> {
            s[fp + code[pc]] = mem.loadI32U(ea(s[fp + code[pc + 1]], code[pc + 2]));
            pc += 3;
          }
          case Op.I32_STORE -> {
            mem.storeI32(ea(s[fp + code[pc]], code[pc + 2]), (int) s[fp + code[pc + 1]]);
            pc += 3;
          }
          case Op.I64_STORE -> {
            mem.storeI64(ea(s[fp + code[pc]], code[pc + 2]), s[fp + code[pc + 1]]);
            pc += 3;
          }
          case Op.I32_STORE8 -> {
            mem.storeI8(ea(s[fp + code[pc]], code[pc + 2]), (int) s[fp + code[pc + 1]]);
            pc += 3;
          }
          case Op.I32_STORE16 -> {
            mem.storeI16(ea(s[fp + code[pc]], code[pc + 2]), (int) s[fp + code[pc + 1]]);
            pc += 3;
          }
          case Op.I32_ADD -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] + (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I32_SUB -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] - (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I32_MUL -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] * (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I32_AND -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] & (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I32_OR -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] | (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I32_XOR -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] ^ (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I32_SHL -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] << (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I32_SHR_S -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] >> (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I32_SHR_U -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]] >>> (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I32_EQ -> {
            s[fp + code[pc]] = bool((int) s[fp + code[pc + 1]] == (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_NE -> {
            s[fp + code[pc]] = bool((int) s[fp + code[pc + 1]] != (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_LT_S -> {
            s[fp + code[pc]] = bool((int) s[fp + code[pc + 1]] < (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_GT_S -> {
            s[fp + code[pc]] = bool((int) s[fp + code[pc + 1]] > (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_LE_S -> {
            s[fp + code[pc]] = bool((int) s[fp + code[pc + 1]] <= (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_GE_S -> {
            s[fp + code[pc]] = bool((int) s[fp + code[pc + 1]] >= (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_LT_U -> {
            s[fp + code[pc]] =
                bool(
                    Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]])
                        < 0);
            pc += 3;
          }
          case Op.I32_GT_U -> {
            s[fp + code[pc]] =
                bool(
                    Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]])
                        > 0);
            pc += 3;
          }
          case Op.I32_LE_U -> {
            s[fp + code[pc]] =
                bool(
                    Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]])
                        <= 0);
            pc += 3;
          }
          case Op.I32_GE_U -> {
            s[fp + code[pc]] =
                bool(
                    Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]])
                        >= 0);
            pc += 3;
          }
          case Op.I64_ADD -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] + s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_SUB -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] - s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_MUL -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] * s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_AND -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] & s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_OR -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] | s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_XOR -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] ^ s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_SHL -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] << s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_SHR_S -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] >> s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_SHR_U -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] >>> s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_EQ -> {
            s[fp + code[pc]] = bool(s[fp + code[pc + 1]] == s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I64_NE -> {
            s[fp + code[pc]] = bool(s[fp + code[pc + 1]] != s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I64_LT_S -> {
            s[fp + code[pc]] = bool(s[fp + code[pc + 1]] < s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I64_GT_S -> {
            s[fp + code[pc]] = bool(s[fp + code[pc + 1]] > s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I64_LE_S -> {
            s[fp + code[pc]] = bool(s[fp + code[pc + 1]] <= s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I64_GE_S -> {
            s[fp + code[pc]] = bool(s[fp + code[pc + 1]] >= s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I64_LT_U -> {
            s[fp + code[pc]] =
                bool(Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) < 0);
            pc += 3;
          }
          case Op.I64_GT_U -> {
            s[fp + code[pc]] =
                bool(Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) > 0);
            pc += 3;
          }
          case Op.I64_LE_U -> {
            s[fp + code[pc]] =
                bool(Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) <= 0);
            pc += 3;
          }
          case Op.I64_GE_U -> {
            s[fp + code[pc]] =
                bool(Long.compareUnsigned(s[fp + code[pc + 1]], s[fp + code[pc + 2]]) >= 0);
            pc += 3;
          }
          case Op.F32_ADD -> {
            s[fp + code[pc]] = bits(f32(s[fp + code[pc + 1]]) + f32(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F32_SUB -> {
            s[fp + code[pc]] = bits(f32(s[fp + code[pc + 1]]) - f32(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F32_MUL -> {
            s[fp + code[pc]] = bits(f32(s[fp + code[pc + 1]]) * f32(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F32_DIV -> {
            s[fp + code[pc]] = bits(f32(s[fp + code[pc + 1]]) / f32(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_ADD -> {
            s[fp + code[pc]] = bits(f64(s[fp + code[pc + 1]]) + f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_SUB -> {
            s[fp + code[pc]] = bits(f64(s[fp + code[pc + 1]]) - f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_MUL -> {
            s[fp + code[pc]] = bits(f64(s[fp + code[pc + 1]]) * f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_DIV -> {
            s[fp + code[pc]] = bits(f64(s[fp + code[pc + 1]]) / f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_EQ -> {
            s[fp + code[pc]] = bool(f64(s[fp + code[pc + 1]]) == f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_NE -> {
            s[fp + code[pc]] = bool(f64(s[fp + code[pc + 1]]) != f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_LT -> {
            s[fp + code[pc]] = bool(f64(s[fp + code[pc + 1]]) < f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_GT -> {
            s[fp + code[pc]] = bool(f64(s[fp + code[pc + 1]]) > f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_LE -> {
            s[fp + code[pc]] = bool(f64(s[fp + code[pc + 1]]) <= f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.F64_GE -> {
            s[fp + code[pc]] = bool(f64(s[fp + code[pc + 1]]) >= f64(s[fp + code[pc + 2]]));
            pc += 3;
          }
          case Op.I32_EQZ -> {
            s[fp + code[pc]] = bool((int) s[fp + code[pc + 1]] == 0);
            pc += 2;
          }
          case Op.I64_EQZ -> {
            s[fp + code[pc]] = bool(s[fp + code[pc + 1]] == 0);
            pc += 2;
          }
          case Op.I64_EXTEND_I32_S -> {
            s[fp + code[pc]] = (int) s[fp + code[pc + 1]];
            pc += 2;
          }
          case Op.I64_EXTEND_I32_U -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] & U32;
            pc += 2;
          }
          case Op.F64_CONVERT_I32_S -> {
            s[fp + code[pc]] = bits((double) (int) s[fp + code[pc + 1]]);
            pc += 2;
          }
          case Op.F64_NEG -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] ^ Long.MIN_VALUE;
            pc += 2;
          }
          case Op.F64_CONVERT_I64_S -> {
            s[fp + code[pc]] = bits((double) s[fp + code[pc + 1]]);
            pc += 2;
          }
          case Op.I32_TRUNC_F64_S -> {
            s[fp + code[pc]] = Numerics.i32TruncF64S(f64(s[fp + code[pc + 1]]));
            pc += 2;
          }
          case Op.F64_ABS -> {
            s[fp + code[pc]] = s[fp + code[pc + 1]] & Long.MAX_VALUE;
            pc += 2;
          }
          case Op.F64_SQRT -> {
            s[fp + code[pc]] = bits(Numerics.f64Sqrt(f64(s[fp + code[pc + 1]])));
            pc += 2;
          }
          case Op.I32_DIV_S -> {
            s[fp + code[pc]] =
                Numerics.i32DivS((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_DIV_U -> {
            s[fp + code[pc]] =
                Numerics.i32DivU((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_REM_S -> {
            s[fp + code[pc]] =
                Numerics.i32RemS((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_REM_U -> {
            s[fp + code[pc]] =
                Numerics.i32RemU((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_ROTL -> {
            s[fp + code[pc]] =
                Integer.rotateLeft((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_ROTR -> {
            s[fp + code[pc]] =
                Integer.rotateRight((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I64_ROTL -> {
            s[fp + code[pc]] = Long.rotateLeft(s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I64_ROTR -> {
            s[fp + code[pc]] = Long.rotateRight(s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.SIMD ->
              pc = (int) (SimdInterpreter.execute(code, pc + 1, s, fp + code[pc], fp, inst) >>> 32);
          default -> pc = RareOps.execute(code, pc, s, r, fp, inst);
        }
      }
    } catch (TrapSignal e) {
      throw new Trap(e.kind(), e.getMessage(), backtrace(m, entryDepth, fn, pc), e.getCause());
    } catch (Trap e) {
      throw InterpreterSupport.extend(e, backtrace(m, entryDepth, fn, pc));
    } catch (StackOverflowError e) {
      TrapKind k = TrapKind.CALL_STACK_EXHAUSTED;
      throw new Trap(k, k.message(), backtrace(m, entryDepth, fn, pc), e);
    } catch (OutOfMemoryError e) {
      TrapKind k = TrapKind.RESOURCE_EXHAUSTED;
      throw new Trap(k, k.message(), backtrace(m, entryDepth, fn, pc), e);
    } finally {
      m.depth = entryDepth;
    }
  }

  /** The wasm frames of one {@link #execute}, innermost first. */
  private static List<Trap.FrameInfo> backtrace(
      Machine m, int entryDepth, WasmFunction current, int pc) {
    return InterpreterSupport.backtrace(m, entryDepth, current, pc);
  }
}
