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

  private static float f32(long bits) {
    return Float.intBitsToFloat((int) bits);
  }

  private static long bits(float v) {
    return Float.floatToRawIntBits(v);
  }

  private static double f64(long bits) {
    return Double.longBitsToDouble(bits);
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  private static long bool(boolean b) {
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
      int sp = InterpreterSupport.initLocals(s, r, fp, entryCode);
      int[] code = entryCode.code;
      ModuleInstance inst = entry.instance;
      MemoryInstance mem = inst.memory0;
      GlobalInstance[] globals = inst.globals;
      FunctionHandle[] funcs = inst.functions;
      // Binary operators are written s[--sp - 1] = op(s[sp - 1], s[sp]): Java evaluates the array
      // index (popping the right operand) before the right-hand side, which then reads the left
      // operand at sp - 1 and the right one at sp.
      while (true) {
        switch (code[pc++]) {
          case Op.UNREACHABLE -> throw new TrapSignal(TrapKind.UNREACHABLE);
          case Op.JUMP -> pc = code[pc];
          case Op.JUMP_IF -> pc = (int) s[--sp] != 0 ? code[pc] : pc + 1;
          case Op.JUMP_IF_NOT -> pc = (int) s[--sp] == 0 ? code[pc] : pc + 1;
          case Op.BR_MOVE -> {
            sp = InterpreterSupport.move(s, r, sp, code[pc + 1], fp + code[pc + 2]);
            pc = code[pc];
          }
          case Op.BR_IF_MOVE -> {
            if ((int) s[--sp] != 0) {
              sp = InterpreterSupport.move(s, r, sp, code[pc + 1], fp + code[pc + 2]);
              pc = code[pc];
            } else {
              pc += 3;
            }
          }
          case Op.BR_TABLE -> {
            int last = code[pc + 1] - 1;
            int i = (int) s[--sp];
            int entryPos = pc + 2 + 2 * (Integer.compareUnsigned(i, last) < 0 ? i : last);
            sp = InterpreterSupport.move(s, r, sp, code[pc], fp + code[entryPos + 1]);
            pc = code[entryPos];
          }
          case Op.RETURN -> {
            sp = InterpreterSupport.move(s, r, sp, code[pc], fp);
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
            if (code[pc - 1] == Op.CALL) {
              f = funcs[code[pc++]];
            } else {
              f = InterpreterSupport.resolveIndirect(inst, code[pc], code[pc + 1], s[--sp]);
              pc += 2;
            }
            if (f instanceof WasmFunction callee) {
              if (--callee.hotness < 0) {
                // Compiler tier: hot, maybe compiled by now; then its code runs it.
                int done = InterpreterSupport.callCompiled(m, callee, sp, fn, pc, fp);
                if (done >= 0) {
                  sp = done;
                  s = m.stack;
                  r = m.refs;
                  continue;
                }
              }
              CompiledFunction c = callee.compiled();
              fp = InterpreterSupport.enter(m, fn, pc, fp, sp, c);
              s = m.stack;
              r = m.refs;
              sp = fp + c.numLocals;
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
              sp = InterpreterSupport.callHost(m, (HostFunctionHandle) f, sp, fn, pc, fp);
              s = m.stack;
              r = m.refs;
            }
          }
          case Op.LOOP -> {
            // Every iteration passes the header: where a running loop notices Store.interrupt()
            // (docs/limits.md). No code until an interruption (InterruptPolls).
            InterruptPolls.poll(inst.state);
            if (--fn.hotness < 0 && InterpreterSupport.onStackReplace(m, fn, code[pc], fp, sp)) {
              // Compiler tier: compiled code ran the rest of this call and left its results
              // after the locals; the function's final RETURN (last in its code) returns them.
              sp = fp + fn.compiled.numLocals + fn.compiled.numResults;
              pc = code.length - 2;
            } else {
              pc++;
            }
          }
          case Op.DROP -> sp--;
          case Op.SELECT -> {
            sp -= 2;
            if ((int) s[sp + 1] == 0) {
              s[sp - 1] = s[sp];
            }
          }
          case Op.SELECT_REF -> {
            sp -= 2;
            if ((int) s[sp + 1] == 0) {
              r[sp - 1] = r[sp];
            }
          }
          case Op.LOCAL_GET -> s[sp++] = s[fp + code[pc++]];
          case Op.LOCAL_SET -> s[fp + code[pc++]] = s[--sp];
          case Op.LOCAL_TEE -> s[fp + code[pc++]] = s[sp - 1];
          case Op.LOCAL_GET_REF -> r[sp++] = r[fp + code[pc++]];
          case Op.LOCAL_SET_REF -> r[fp + code[pc++]] = r[--sp];
          case Op.LOCAL_TEE_REF -> r[fp + code[pc++]] = r[sp - 1];
          case Op.GLOBAL_GET -> s[sp++] = globals[code[pc++]].bits;
          case Op.GLOBAL_SET -> globals[code[pc++]].bits = s[--sp];
          case Op.GLOBAL_GET_REF -> r[sp++] = globals[code[pc++]].ref;
          case Op.GLOBAL_SET_REF -> globals[code[pc++]].ref = r[--sp];
          case Op.TABLE_GET -> r[sp - 1] = inst.tables[code[pc++]].getElement(s[sp - 1] & U32);
          case Op.TABLE_SET -> {
            sp -= 2;
            inst.tables[code[pc++]].setElement(s[sp] & U32, r[sp + 1]);
          }
          case Op.I32_LOAD -> s[sp - 1] = mem.loadI32(ea(s[sp - 1], code[pc++]));
          case Op.I64_LOAD -> s[sp - 1] = mem.loadI64(ea(s[sp - 1], code[pc++]));
          case Op.I32_LOAD8_S, Op.I64_LOAD8_S -> s[sp - 1] = mem.loadI8S(ea(s[sp - 1], code[pc++]));
          case Op.I32_LOAD8_U, Op.I64_LOAD8_U -> s[sp - 1] = mem.loadI8U(ea(s[sp - 1], code[pc++]));
          case Op.I32_LOAD16_S, Op.I64_LOAD16_S ->
              s[sp - 1] = mem.loadI16S(ea(s[sp - 1], code[pc++]));
          case Op.I32_LOAD16_U, Op.I64_LOAD16_U ->
              s[sp - 1] = mem.loadI16U(ea(s[sp - 1], code[pc++]));
          case Op.I64_LOAD32_S -> s[sp - 1] = mem.loadI32(ea(s[sp - 1], code[pc++]));
          case Op.I64_LOAD32_U -> s[sp - 1] = mem.loadI32U(ea(s[sp - 1], code[pc++]));
          case Op.I32_STORE -> {
            sp -= 2;
            mem.storeI32(ea(s[sp], code[pc++]), (int) s[sp + 1]);
          }
          case Op.I64_STORE -> {
            sp -= 2;
            mem.storeI64(ea(s[sp], code[pc++]), s[sp + 1]);
          }
          case Op.I32_STORE8 -> {
            sp -= 2;
            mem.storeI8(ea(s[sp], code[pc++]), (int) s[sp + 1]);
          }
          case Op.I32_STORE16 -> {
            sp -= 2;
            mem.storeI16(ea(s[sp], code[pc++]), (int) s[sp + 1]);
          }
          case Op.MEMORY_SIZE -> s[sp++] = mem.pages();
          case Op.MEMORY_GROW -> s[sp - 1] = mem.memoryGrow(s[sp - 1] & U32);
          case Op.CONST32 -> s[sp++] = code[pc++];
          case Op.CONST64 -> {
            s[sp++] = (code[pc] & U32) | ((long) code[pc + 1] << 32);
            pc += 2;
          }
          case Op.I32_EQZ -> s[sp - 1] = bool((int) s[sp - 1] == 0);
          case Op.I32_EQ -> s[--sp - 1] = bool((int) s[sp - 1] == (int) s[sp]);
          case Op.I32_NE -> s[--sp - 1] = bool((int) s[sp - 1] != (int) s[sp]);
          case Op.I32_LT_S -> s[--sp - 1] = bool((int) s[sp - 1] < (int) s[sp]);
          case Op.I32_LT_U ->
              s[--sp - 1] = bool(Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) < 0);
          case Op.I32_GT_S -> s[--sp - 1] = bool((int) s[sp - 1] > (int) s[sp]);
          case Op.I32_GT_U ->
              s[--sp - 1] = bool(Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) > 0);
          case Op.I32_LE_S -> s[--sp - 1] = bool((int) s[sp - 1] <= (int) s[sp]);
          case Op.I32_LE_U ->
              s[--sp - 1] = bool(Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) <= 0);
          case Op.I32_GE_S -> s[--sp - 1] = bool((int) s[sp - 1] >= (int) s[sp]);
          case Op.I32_GE_U ->
              s[--sp - 1] = bool(Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) >= 0);
          case Op.I64_EQZ -> s[sp - 1] = bool(s[sp - 1] == 0);
          case Op.I64_EQ -> s[--sp - 1] = bool(s[sp - 1] == s[sp]);
          case Op.I64_NE -> s[--sp - 1] = bool(s[sp - 1] != s[sp]);
          case Op.I64_LT_S -> s[--sp - 1] = bool(s[sp - 1] < s[sp]);
          case Op.I64_LT_U -> s[--sp - 1] = bool(Long.compareUnsigned(s[sp - 1], s[sp]) < 0);
          case Op.I64_GT_S -> s[--sp - 1] = bool(s[sp - 1] > s[sp]);
          case Op.I64_GT_U -> s[--sp - 1] = bool(Long.compareUnsigned(s[sp - 1], s[sp]) > 0);
          case Op.I64_LE_S -> s[--sp - 1] = bool(s[sp - 1] <= s[sp]);
          case Op.I64_LE_U -> s[--sp - 1] = bool(Long.compareUnsigned(s[sp - 1], s[sp]) <= 0);
          case Op.I64_GE_S -> s[--sp - 1] = bool(s[sp - 1] >= s[sp]);
          case Op.I64_GE_U -> s[--sp - 1] = bool(Long.compareUnsigned(s[sp - 1], s[sp]) >= 0);
          case Op.F32_EQ -> s[--sp - 1] = bool(f32(s[sp - 1]) == f32(s[sp]));
          case Op.F32_NE -> s[--sp - 1] = bool(f32(s[sp - 1]) != f32(s[sp]));
          case Op.F32_LT -> s[--sp - 1] = bool(f32(s[sp - 1]) < f32(s[sp]));
          case Op.F32_GT -> s[--sp - 1] = bool(f32(s[sp - 1]) > f32(s[sp]));
          case Op.F32_LE -> s[--sp - 1] = bool(f32(s[sp - 1]) <= f32(s[sp]));
          case Op.F32_GE -> s[--sp - 1] = bool(f32(s[sp - 1]) >= f32(s[sp]));
          case Op.F64_EQ -> s[--sp - 1] = bool(f64(s[sp - 1]) == f64(s[sp]));
          case Op.F64_NE -> s[--sp - 1] = bool(f64(s[sp - 1]) != f64(s[sp]));
          case Op.F64_LT -> s[--sp - 1] = bool(f64(s[sp - 1]) < f64(s[sp]));
          case Op.F64_GT -> s[--sp - 1] = bool(f64(s[sp - 1]) > f64(s[sp]));
          case Op.F64_LE -> s[--sp - 1] = bool(f64(s[sp - 1]) <= f64(s[sp]));
          case Op.F64_GE -> s[--sp - 1] = bool(f64(s[sp - 1]) >= f64(s[sp]));
          case Op.I32_CLZ -> s[sp - 1] = Integer.numberOfLeadingZeros((int) s[sp - 1]);
          case Op.I32_CTZ -> s[sp - 1] = Integer.numberOfTrailingZeros((int) s[sp - 1]);
          case Op.I32_POPCNT -> s[sp - 1] = Integer.bitCount((int) s[sp - 1]);
          case Op.I32_ADD -> s[--sp - 1] = (int) s[sp - 1] + (int) s[sp];
          case Op.I32_SUB -> s[--sp - 1] = (int) s[sp - 1] - (int) s[sp];
          case Op.I32_MUL -> s[--sp - 1] = (int) s[sp - 1] * (int) s[sp];
          case Op.I32_DIV_S -> s[--sp - 1] = Numerics.i32DivS((int) s[sp - 1], (int) s[sp]);
          case Op.I32_DIV_U -> s[--sp - 1] = Numerics.i32DivU((int) s[sp - 1], (int) s[sp]);
          case Op.I32_REM_S -> s[--sp - 1] = Numerics.i32RemS((int) s[sp - 1], (int) s[sp]);
          case Op.I32_REM_U -> s[--sp - 1] = Numerics.i32RemU((int) s[sp - 1], (int) s[sp]);
          case Op.I32_AND -> s[--sp - 1] = (int) s[sp - 1] & (int) s[sp];
          case Op.I32_OR -> s[--sp - 1] = (int) s[sp - 1] | (int) s[sp];
          case Op.I32_XOR -> s[--sp - 1] = (int) s[sp - 1] ^ (int) s[sp];
          case Op.I32_SHL -> s[--sp - 1] = (int) s[sp - 1] << (int) s[sp];
          case Op.I32_SHR_S -> s[--sp - 1] = (int) s[sp - 1] >> (int) s[sp];
          case Op.I32_SHR_U -> s[--sp - 1] = (int) s[sp - 1] >>> (int) s[sp];
          case Op.I32_ROTL -> s[--sp - 1] = Integer.rotateLeft((int) s[sp - 1], (int) s[sp]);
          case Op.I32_ROTR -> s[--sp - 1] = Integer.rotateRight((int) s[sp - 1], (int) s[sp]);
          case Op.I64_CLZ -> s[sp - 1] = Long.numberOfLeadingZeros(s[sp - 1]);
          case Op.I64_CTZ -> s[sp - 1] = Long.numberOfTrailingZeros(s[sp - 1]);
          case Op.I64_POPCNT -> s[sp - 1] = Long.bitCount(s[sp - 1]);
          case Op.I64_ADD -> s[--sp - 1] = s[sp - 1] + s[sp];
          case Op.I64_SUB -> s[--sp - 1] = s[sp - 1] - s[sp];
          case Op.I64_MUL -> s[--sp - 1] = s[sp - 1] * s[sp];
          case Op.I64_DIV_S -> s[--sp - 1] = Numerics.i64DivS(s[sp - 1], s[sp]);
          case Op.I64_DIV_U -> s[--sp - 1] = Numerics.i64DivU(s[sp - 1], s[sp]);
          case Op.I64_REM_S -> s[--sp - 1] = Numerics.i64RemS(s[sp - 1], s[sp]);
          case Op.I64_REM_U -> s[--sp - 1] = Numerics.i64RemU(s[sp - 1], s[sp]);
          case Op.I64_AND -> s[--sp - 1] = s[sp - 1] & s[sp];
          case Op.I64_OR -> s[--sp - 1] = s[sp - 1] | s[sp];
          case Op.I64_XOR -> s[--sp - 1] = s[sp - 1] ^ s[sp];
          case Op.I64_SHL -> s[--sp - 1] = s[sp - 1] << s[sp];
          case Op.I64_SHR_S -> s[--sp - 1] = s[sp - 1] >> s[sp];
          case Op.I64_SHR_U -> s[--sp - 1] = s[sp - 1] >>> s[sp];
          case Op.I64_ROTL -> s[--sp - 1] = Long.rotateLeft(s[sp - 1], (int) s[sp]);
          case Op.I64_ROTR -> s[--sp - 1] = Long.rotateRight(s[sp - 1], (int) s[sp]);
          case Op.F32_ABS -> s[sp - 1] &= 0x7FFF_FFFFL;
          case Op.F32_NEG -> s[sp - 1] ^= 0x8000_0000L;
          case Op.F32_CEIL -> s[sp - 1] = bits(Numerics.f32Ceil(f32(s[sp - 1])));
          case Op.F32_FLOOR -> s[sp - 1] = bits(Numerics.f32Floor(f32(s[sp - 1])));
          case Op.F32_TRUNC -> s[sp - 1] = bits(Numerics.f32Trunc(f32(s[sp - 1])));
          case Op.F32_NEAREST -> s[sp - 1] = bits(Numerics.f32Nearest(f32(s[sp - 1])));
          case Op.F32_SQRT -> s[sp - 1] = bits(Numerics.f32Sqrt(f32(s[sp - 1])));
          case Op.F32_ADD -> s[--sp - 1] = bits(f32(s[sp - 1]) + f32(s[sp]));
          case Op.F32_SUB -> s[--sp - 1] = bits(f32(s[sp - 1]) - f32(s[sp]));
          case Op.F32_MUL -> s[--sp - 1] = bits(f32(s[sp - 1]) * f32(s[sp]));
          case Op.F32_DIV -> s[--sp - 1] = bits(f32(s[sp - 1]) / f32(s[sp]));
          case Op.F32_MIN -> s[--sp - 1] = bits(Numerics.f32Min(f32(s[sp - 1]), f32(s[sp])));
          case Op.F32_MAX -> s[--sp - 1] = bits(Numerics.f32Max(f32(s[sp - 1]), f32(s[sp])));
          case Op.F32_COPYSIGN -> s[--sp - 1] = (s[sp - 1] & 0x7FFF_FFFFL) | (s[sp] & 0x8000_0000L);
          case Op.F64_ABS -> s[sp - 1] &= Long.MAX_VALUE;
          case Op.F64_NEG -> s[sp - 1] ^= Long.MIN_VALUE;
          case Op.F64_CEIL -> s[sp - 1] = bits(Numerics.f64Ceil(f64(s[sp - 1])));
          case Op.F64_FLOOR -> s[sp - 1] = bits(Numerics.f64Floor(f64(s[sp - 1])));
          case Op.F64_TRUNC -> s[sp - 1] = bits(Numerics.f64Trunc(f64(s[sp - 1])));
          case Op.F64_NEAREST -> s[sp - 1] = bits(Numerics.f64Nearest(f64(s[sp - 1])));
          case Op.F64_SQRT -> s[sp - 1] = bits(Numerics.f64Sqrt(f64(s[sp - 1])));
          case Op.F64_ADD -> s[--sp - 1] = bits(f64(s[sp - 1]) + f64(s[sp]));
          case Op.F64_SUB -> s[--sp - 1] = bits(f64(s[sp - 1]) - f64(s[sp]));
          case Op.F64_MUL -> s[--sp - 1] = bits(f64(s[sp - 1]) * f64(s[sp]));
          case Op.F64_DIV -> s[--sp - 1] = bits(f64(s[sp - 1]) / f64(s[sp]));
          case Op.F64_MIN -> s[--sp - 1] = bits(Numerics.f64Min(f64(s[sp - 1]), f64(s[sp])));
          case Op.F64_MAX -> s[--sp - 1] = bits(Numerics.f64Max(f64(s[sp - 1]), f64(s[sp])));
          case Op.F64_COPYSIGN ->
              s[--sp - 1] = (s[sp - 1] & Long.MAX_VALUE) | (s[sp] & Long.MIN_VALUE);
          case Op.I32_TRUNC_F32_S -> s[sp - 1] = Numerics.i32TruncF32S(f32(s[sp - 1]));
          case Op.I32_TRUNC_F32_U -> s[sp - 1] = Numerics.i32TruncF32U(f32(s[sp - 1]));
          case Op.I32_TRUNC_F64_S -> s[sp - 1] = Numerics.i32TruncF64S(f64(s[sp - 1]));
          case Op.I32_TRUNC_F64_U -> s[sp - 1] = Numerics.i32TruncF64U(f64(s[sp - 1]));
          case Op.I64_EXTEND_I32_S -> s[sp - 1] = (int) s[sp - 1];
          case Op.I64_EXTEND_I32_U -> s[sp - 1] &= U32;
          case Op.I64_TRUNC_F32_S -> s[sp - 1] = Numerics.i64TruncF32S(f32(s[sp - 1]));
          case Op.I64_TRUNC_F32_U -> s[sp - 1] = Numerics.i64TruncF32U(f32(s[sp - 1]));
          case Op.I64_TRUNC_F64_S -> s[sp - 1] = Numerics.i64TruncF64S(f64(s[sp - 1]));
          case Op.I64_TRUNC_F64_U -> s[sp - 1] = Numerics.i64TruncF64U(f64(s[sp - 1]));
          case Op.F32_CONVERT_I32_S -> s[sp - 1] = bits((float) (int) s[sp - 1]);
          case Op.F32_CONVERT_I32_U -> s[sp - 1] = bits((float) (s[sp - 1] & U32));
          case Op.F32_CONVERT_I64_S -> s[sp - 1] = bits((float) s[sp - 1]);
          case Op.F32_CONVERT_I64_U -> s[sp - 1] = bits(Numerics.f32ConvertI64U(s[sp - 1]));
          case Op.F32_DEMOTE_F64 -> s[sp - 1] = Numerics.f32DemoteF64(s[sp - 1]);
          case Op.F64_CONVERT_I32_S -> s[sp - 1] = bits((double) (int) s[sp - 1]);
          case Op.F64_CONVERT_I32_U -> s[sp - 1] = bits((double) (s[sp - 1] & U32));
          case Op.F64_CONVERT_I64_S -> s[sp - 1] = bits((double) s[sp - 1]);
          case Op.F64_CONVERT_I64_U -> s[sp - 1] = bits(Numerics.f64ConvertI64U(s[sp - 1]));
          case Op.F64_PROMOTE_F32 -> s[sp - 1] = Numerics.f64PromoteF32((int) s[sp - 1]);
          case Op.I32_EXTEND8_S -> s[sp - 1] = (byte) s[sp - 1];
          case Op.I32_EXTEND16_S -> s[sp - 1] = (short) s[sp - 1];
          case Op.I32_TRUNC_SAT_F32_S -> s[sp - 1] = (int) f32(s[sp - 1]);
          case Op.I32_TRUNC_SAT_F32_U -> s[sp - 1] = Numerics.i32TruncSatF32U(f32(s[sp - 1]));
          case Op.I32_TRUNC_SAT_F64_S -> s[sp - 1] = (int) f64(s[sp - 1]);
          case Op.I32_TRUNC_SAT_F64_U -> s[sp - 1] = Numerics.i32TruncSatF64U(f64(s[sp - 1]));
          case Op.I64_TRUNC_SAT_F32_S -> s[sp - 1] = (long) f32(s[sp - 1]);
          case Op.I64_TRUNC_SAT_F32_U -> s[sp - 1] = Numerics.i64TruncSatF32U(f32(s[sp - 1]));
          case Op.I64_TRUNC_SAT_F64_S -> s[sp - 1] = (long) f64(s[sp - 1]);
          case Op.I64_TRUNC_SAT_F64_U -> s[sp - 1] = Numerics.i64TruncSatF64U(f64(s[sp - 1]));
          case Op.REF_NULL -> r[sp++] = null;
          case Op.REF_IS_NULL -> s[sp - 1] = bool(r[sp - 1] == null);
          case Op.REF_FUNC -> r[sp++] = funcs[code[pc++]];
          case Op.MEMORY_INIT -> {
            sp -= 3;
            mem.init(s[sp] & U32, inst.datas[code[pc++]], s[sp + 1] & U32, s[sp + 2] & U32);
          }
          case Op.DATA_DROP -> InterpreterSupport.dataDrop(inst, code[pc++]);
          case Op.MEMORY_COPY -> {
            sp -= 3;
            mem.copy(s[sp] & U32, s[sp + 1] & U32, s[sp + 2] & U32);
          }
          case Op.MEMORY_FILL -> {
            sp -= 3;
            mem.fill(s[sp] & U32, (byte) s[sp + 1], s[sp + 2] & U32);
          }
          case Op.TABLE_INIT -> {
            sp -= 3;
            InterpreterSupport.tableInit(inst, code[pc], code[pc + 1], s, sp);
            pc += 2;
          }
          case Op.ELEM_DROP -> InterpreterSupport.elemDrop(inst, code[pc++]);
          case Op.TABLE_COPY -> {
            sp -= 3;
            InterpreterSupport.tableCopy(inst, code[pc], code[pc + 1], s, sp);
            pc += 2;
          }
          case Op.TABLE_GROW -> {
            sp--;
            s[sp - 1] = inst.tables[code[pc++]].grow(s[sp] & U32, r[sp - 1]);
          }
          case Op.TABLE_SIZE -> s[sp++] = inst.tables[code[pc++]].length();
          case Op.TABLE_FILL -> {
            sp -= 3;
            inst.tables[code[pc++]].fill(s[sp] & U32, r[sp + 1], s[sp + 2] & U32);
          }
          case Op.LOCAL_GET2 -> {
            s[sp] = s[fp + code[pc]];
            s[sp + 1] = s[fp + code[pc + 1]];
            sp += 2;
            pc += 2;
          }
          case Op.I32_ADD_CONST -> s[sp - 1] = (int) s[sp - 1] + code[pc++];
          case Op.LOCAL_I32_ADD_CONST -> {
            s[sp++] = (int) s[fp + code[pc]] + code[pc + 1];
            pc += 2;
          }
          case Op.LOCAL_I32_ADD_CONST_SET -> {
            s[fp + code[pc + 2]] = (int) s[fp + code[pc]] + code[pc + 1];
            pc += 3;
          }
          case Op.I32_ADD_LOCAL -> s[sp - 1] = (int) s[sp - 1] + (int) s[fp + code[pc++]];
          case Op.JUMP_IF_I32_EQ -> pc = (int) s[sp -= 2] == (int) s[sp + 1] ? code[pc] : pc + 1;
          case Op.JUMP_IF_I32_NE -> pc = (int) s[sp -= 2] != (int) s[sp + 1] ? code[pc] : pc + 1;
          case Op.JUMP_IF_I32_LT_S -> pc = (int) s[sp -= 2] < (int) s[sp + 1] ? code[pc] : pc + 1;
          case Op.JUMP_IF_I32_LT_U ->
              pc =
                  Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) < 0
                      ? code[pc]
                      : pc + 1;
          case Op.JUMP_IF_I32_GT_S -> pc = (int) s[sp -= 2] > (int) s[sp + 1] ? code[pc] : pc + 1;
          case Op.JUMP_IF_I32_GT_U ->
              pc =
                  Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) > 0
                      ? code[pc]
                      : pc + 1;
          case Op.JUMP_IF_I32_LE_S -> pc = (int) s[sp -= 2] <= (int) s[sp + 1] ? code[pc] : pc + 1;
          case Op.JUMP_IF_I32_LE_U ->
              pc =
                  Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) <= 0
                      ? code[pc]
                      : pc + 1;
          case Op.JUMP_IF_I32_GE_S -> pc = (int) s[sp -= 2] >= (int) s[sp + 1] ? code[pc] : pc + 1;
          case Op.JUMP_IF_I32_GE_U ->
              pc =
                  Integer.compareUnsigned((int) s[sp -= 2], (int) s[sp + 1]) >= 0
                      ? code[pc]
                      : pc + 1;
          case Op.LOCAL_I32_ADD_LOCAL_SET -> {
            s[fp + code[pc + 2]] = (int) s[fp + code[pc]] + (int) s[fp + code[pc + 1]];
            pc += 3;
          }
          case Op.LOCAL_I32_LOAD -> {
            s[sp++] = mem.loadI32(ea(s[fp + code[pc]], code[pc + 1]));
            pc += 2;
          }
          case Op.LOCAL_I32_LOAD8_U -> {
            s[sp++] = mem.loadI8U(ea(s[fp + code[pc]], code[pc + 1]));
            pc += 2;
          }
          case Op.LOCAL_I64_LOAD -> {
            s[sp++] = mem.loadI64(ea(s[fp + code[pc]], code[pc + 1]));
            pc += 2;
          }
          case Op.SIMD -> {
            long next = SimdInterpreter.execute(code, pc, s, sp, fp, inst);
            pc = (int) (next >>> 32);
            sp = (int) next;
          }
          case Op.FUEL -> {
            StoreState st = inst.state;
            long left = st.fuel - code[pc++];
            if (left < 0) {
              throw StoreState.outOfFuel();
            }
            st.fuel = left;
          }
          default -> throw new IllegalStateException("bad opcode " + code[pc - 1]);
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
