package dev.cortado.runtime.internal.interpreter;

import dev.cortado.runtime.internal.GlobalInstance;
import dev.cortado.runtime.internal.InterruptPolls;
import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.runtime.internal.Numerics;
import dev.cortado.runtime.internal.TrapSignal;
import dev.cortado.runtime.internal.WasmFunction;

/**
 * The interpreter's hot loop: runs one frame's straight-line code (operators, loads and stores,
 * moves, branches) until an instruction that changes frames, and returns its position to {@link
 * Interpreter#execute}, which runs calls and returns (docs/interpreter.md, "The dispatch loop").
 *
 * <p>Why apart: HotSpot's C2 gives every value live across a loop one register or one stack slot.
 * In a loop that also calls, enters and leaves frames, {@code pc}, {@code fp}, the code and the
 * stack all ended up in stack slots, reloaded and stored back around every instruction. This loop
 * has no call on its hot paths (rare instructions call {@link RareOps}; SIMD and fuel return to
 * {@code execute}), and the frame it runs is fixed, so they stay in registers: 1.1 to 1.7 times
 * faster on the benchmark programs.
 */
final class HotLoop {
  private static final long U32 = 0xFFFF_FFFFL;

  private HotLoop() {}

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
   * Runs the code of {@code m.running}'s frame at {@code fp} from {@code pc} until a call, a
   * return, a loop header whose function is hot, or a SIMD, fuel or unreachable instruction, and
   * returns that instruction's position. A trap records the position of the instruction that
   * trapped in {@code m.trapPc}.
   */
  static int run(
      Machine m,
      int[] code,
      int pc,
      long[] s,
      int fp,
      MemoryInstance mem,
      GlobalInstance[] globals) {
    try {
      // Every operand is a frame slot named by the code (fp + code[pc + i]); pc points after the
      // opcode. There is no stack pointer: the translator knows every operand's slot.
      while (true) {
        switch (code[pc++]) {
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
          case Op.LOOP -> {
            // Every iteration passes the header: where a running loop notices Store.interrupt()
            // (docs/limits.md). No code until an interruption (InterruptPolls). The poll's method
            // handle is called here, not InterruptPolls.poll: C2 inlines a constant method handle
            // even past its inlining budget for this big method, where poll stayed a call.
            WasmFunction fn = m.running;
            try {
              InterruptPolls.INTERPRETER_POLL.invokeExact(fn.instance.state);
            } catch (RuntimeException | Error e) {
              throw e;
            } catch (Throwable e) {
              throw new IllegalStateException(e);
            }
            if (--fn.hotness < 0) {
              return pc - 1; // the compiler tier may take over (Interpreter.execute)
            }
            pc += 2;
          }
          // Branches that carry values copy them here: InterpreterSupport.copy would be a call.
          case Op.BR_MOVE -> {
            int from = fp + code[pc + 2];
            int to = fp + code[pc + 3];
            for (int i = 0, n = code[pc + 1]; i < n; i++) {
              s[to + i] = s[from + i];
              m.refs[to + i] = m.refs[from + i];
            }
            pc = code[pc];
          }
          case Op.BR_IF_MOVE -> {
            if ((int) s[fp + code[pc]] != 0) {
              int from = fp + code[pc + 3];
              int to = fp + code[pc + 4];
              for (int i = 0, n = code[pc + 2]; i < n; i++) {
                s[to + i] = s[from + i];
                m.refs[to + i] = m.refs[from + i];
              }
              pc = code[pc + 1];
            } else {
              pc += 5;
            }
          }
          case Op.BR_TABLE -> {
            int last = code[pc + 3] - 1;
            int index = (int) s[fp + code[pc]];
            int at = pc + 4 + 2 * (Integer.compareUnsigned(index, last) < 0 ? index : last);
            int from = fp + code[pc + 2];
            int to = fp + code[at + 1];
            for (int i = 0, n = code[pc + 1]; i < n; i++) {
              s[to + i] = s[from + i];
              m.refs[to + i] = m.refs[from + i];
            }
            pc = code[at];
          }
          case Op.RETURN, Op.CALL, Op.CALL_INDIRECT, Op.UNREACHABLE, Op.FUEL, Op.SIMD -> {
            return pc - 1;
          }
          default -> pc = RareOps.execute(code, pc, s, m.refs, fp, m.running.instance);
        }
      }
    } catch (TrapSignal | StackOverflowError | OutOfMemoryError e) {
      m.trapPc = pc;
      throw e;
    }
  }
}
