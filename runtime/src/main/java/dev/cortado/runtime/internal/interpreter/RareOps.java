package dev.cortado.runtime.internal.interpreter;

import static dev.cortado.runtime.internal.interpreter.HotLoop.bits;
import static dev.cortado.runtime.internal.interpreter.HotLoop.bool;
import static dev.cortado.runtime.internal.interpreter.HotLoop.f32;
import static dev.cortado.runtime.internal.interpreter.HotLoop.f64;

import dev.cortado.runtime.internal.ModuleInstance;
import dev.cortado.runtime.internal.Numerics;
import dev.cortado.runtime.internal.TableInstance;

/**
 * The instructions {@link HotLoop} runs out of line, those from {@link Op#RARE} on: numeric
 * operators that are rare in hot code or too big for the loop, references, tables and bulk memory.
 * Keeping them here keeps the loop under HotSpot's 8000-byte limit for JIT compilation
 * (docs/interpreter.md, "The dispatch loop"). Operands are frame slots as in the loop.
 */
final class RareOps {
  private static final long U32 = 0xFFFF_FFFFL;

  private RareOps() {}

  /**
   * Runs the instruction whose opcode is at {@code pc - 1} in the frame at {@code fp}; returns the
   * position of the next instruction.
   */
  static int execute(int[] code, int pc, long[] s, Object[] r, int fp, ModuleInstance inst) {
    int op = code[pc - 1];
    if (op < Op.MOVE_REF) {
      return numeric(op, code, pc, s, fp);
    }
    int d = fp + code[pc];
    switch (op) {
      case Op.MOVE_REF -> r[d] = r[fp + code[pc + 1]];
      case Op.SELECT_REF ->
          r[d] = (int) s[fp + code[pc + 3]] != 0 ? r[fp + code[pc + 1]] : r[fp + code[pc + 2]];
      case Op.GLOBAL_GET_REF -> r[d] = inst.globals[code[pc + 1]].ref;
      case Op.GLOBAL_SET_REF -> inst.globals[code[pc + 1]].ref = r[d];
      case Op.REF_NULL -> r[d] = null;
      case Op.REF_IS_NULL -> s[d] = bool(r[fp + code[pc + 1]] == null);
      case Op.REF_FUNC -> r[d] = inst.functions[code[pc + 1]];
      case Op.TABLE_GET -> r[d] = inst.tables[code[pc + 2]].getElement(s[fp + code[pc + 1]] & U32);
      case Op.TABLE_SET -> inst.tables[code[pc + 1]].setElement(s[d] & U32, r[d + 1]);
      case Op.TABLE_SIZE -> s[d] = inst.tables[code[pc + 1]].length();
      case Op.TABLE_GROW -> s[d] = inst.tables[code[pc + 1]].grow(s[d + 1] & U32, r[d]);
      case Op.TABLE_FILL -> inst.tables[code[pc + 1]].fill(s[d] & U32, r[d + 1], s[d + 2] & U32);
      case Op.TABLE_INIT ->
          inst.tables[code[pc + 2]].init(
              s[d] & U32, inst.elements[code[pc + 1]], s[d + 1] & U32, s[d + 2] & U32);
      case Op.TABLE_COPY ->
          TableInstance.copy(
              inst.tables[code[pc + 1]],
              s[d] & U32,
              inst.tables[code[pc + 2]],
              s[d + 1] & U32,
              s[d + 2] & U32);
      case Op.ELEM_DROP -> InterpreterSupport.elemDrop(inst, code[pc]);
      case Op.MEMORY_SIZE -> s[d] = inst.memory0.pages();
      case Op.MEMORY_GROW -> s[d] = inst.memory0.memoryGrow(s[fp + code[pc + 1]] & U32);
      case Op.MEMORY_INIT ->
          inst.memory0.init(s[d] & U32, inst.datas[code[pc + 1]], s[d + 1] & U32, s[d + 2] & U32);
      case Op.MEMORY_COPY -> inst.memory0.copy(s[d] & U32, s[d + 1] & U32, s[d + 2] & U32);
      case Op.MEMORY_FILL -> inst.memory0.fill(s[d] & U32, (byte) s[d + 1], s[d + 2] & U32);
      case Op.DATA_DROP -> InterpreterSupport.dataDrop(inst, code[pc]);
      default -> throw new IllegalStateException("bad opcode " + op);
    }
    return pc - 1 + Op.length(code, pc - 1);
  }

  /** The rare numeric operators: destination, then one or two operand slots. */
  private static int numeric(int op, int[] code, int pc, long[] s, int fp) {
    int d = fp + code[pc];
    switch (op) {
      case Op.I32_CLZ -> s[d] = Integer.numberOfLeadingZeros((int) s[fp + code[pc + 1]]);
      case Op.I32_CTZ -> s[d] = Integer.numberOfTrailingZeros((int) s[fp + code[pc + 1]]);
      case Op.I32_POPCNT -> s[d] = Integer.bitCount((int) s[fp + code[pc + 1]]);
      case Op.I64_CLZ -> s[d] = Long.numberOfLeadingZeros(s[fp + code[pc + 1]]);
      case Op.I64_CTZ -> s[d] = Long.numberOfTrailingZeros(s[fp + code[pc + 1]]);
      case Op.I64_POPCNT -> s[d] = Long.bitCount(s[fp + code[pc + 1]]);
      case Op.F32_ABS -> s[d] = s[fp + code[pc + 1]] & 0x7FFF_FFFFL;
      case Op.F32_NEG -> s[d] = s[fp + code[pc + 1]] ^ 0x8000_0000L;
      case Op.F32_CEIL -> s[d] = bits(Numerics.f32Ceil(f32(s[fp + code[pc + 1]])));
      case Op.F32_FLOOR -> s[d] = bits(Numerics.f32Floor(f32(s[fp + code[pc + 1]])));
      case Op.F32_TRUNC -> s[d] = bits(Numerics.f32Trunc(f32(s[fp + code[pc + 1]])));
      case Op.F32_NEAREST -> s[d] = bits(Numerics.f32Nearest(f32(s[fp + code[pc + 1]])));
      case Op.F32_SQRT -> s[d] = bits(Numerics.f32Sqrt(f32(s[fp + code[pc + 1]])));
      case Op.F64_CEIL -> s[d] = bits(Numerics.f64Ceil(f64(s[fp + code[pc + 1]])));
      case Op.F64_FLOOR -> s[d] = bits(Numerics.f64Floor(f64(s[fp + code[pc + 1]])));
      case Op.F64_TRUNC -> s[d] = bits(Numerics.f64Trunc(f64(s[fp + code[pc + 1]])));
      case Op.F64_NEAREST -> s[d] = bits(Numerics.f64Nearest(f64(s[fp + code[pc + 1]])));
      case Op.I32_TRUNC_F32_S -> s[d] = Numerics.i32TruncF32S(f32(s[fp + code[pc + 1]]));
      case Op.I32_TRUNC_F32_U -> s[d] = Numerics.i32TruncF32U(f32(s[fp + code[pc + 1]]));
      case Op.I32_TRUNC_F64_U -> s[d] = Numerics.i32TruncF64U(f64(s[fp + code[pc + 1]]));
      case Op.I64_TRUNC_F32_S -> s[d] = Numerics.i64TruncF32S(f32(s[fp + code[pc + 1]]));
      case Op.I64_TRUNC_F32_U -> s[d] = Numerics.i64TruncF32U(f32(s[fp + code[pc + 1]]));
      case Op.I64_TRUNC_F64_S -> s[d] = Numerics.i64TruncF64S(f64(s[fp + code[pc + 1]]));
      case Op.I64_TRUNC_F64_U -> s[d] = Numerics.i64TruncF64U(f64(s[fp + code[pc + 1]]));
      case Op.F32_CONVERT_I32_S -> s[d] = bits((float) (int) s[fp + code[pc + 1]]);
      case Op.F32_CONVERT_I32_U -> s[d] = bits((float) (s[fp + code[pc + 1]] & U32));
      case Op.F32_CONVERT_I64_S -> s[d] = bits((float) s[fp + code[pc + 1]]);
      case Op.F32_CONVERT_I64_U -> s[d] = bits(Numerics.f32ConvertI64U(s[fp + code[pc + 1]]));
      case Op.F32_DEMOTE_F64 -> s[d] = Numerics.f32DemoteF64(s[fp + code[pc + 1]]);
      case Op.F64_CONVERT_I32_U -> s[d] = bits((double) (s[fp + code[pc + 1]] & U32));
      case Op.F64_CONVERT_I64_U -> s[d] = bits(Numerics.f64ConvertI64U(s[fp + code[pc + 1]]));
      case Op.F64_PROMOTE_F32 -> s[d] = Numerics.f64PromoteF32((int) s[fp + code[pc + 1]]);
      case Op.I32_EXTEND8_S -> s[d] = (byte) s[fp + code[pc + 1]];
      case Op.I32_EXTEND16_S -> s[d] = (short) s[fp + code[pc + 1]];
      case Op.I32_TRUNC_SAT_F32_S -> s[d] = (int) f32(s[fp + code[pc + 1]]);
      case Op.I32_TRUNC_SAT_F32_U -> s[d] = Numerics.i32TruncSatF32U(f32(s[fp + code[pc + 1]]));
      case Op.I32_TRUNC_SAT_F64_S -> s[d] = (int) f64(s[fp + code[pc + 1]]);
      case Op.I32_TRUNC_SAT_F64_U -> s[d] = Numerics.i32TruncSatF64U(f64(s[fp + code[pc + 1]]));
      case Op.I64_TRUNC_SAT_F32_S -> s[d] = (long) f32(s[fp + code[pc + 1]]);
      case Op.I64_TRUNC_SAT_F32_U -> s[d] = Numerics.i64TruncSatF32U(f32(s[fp + code[pc + 1]]));
      case Op.I64_TRUNC_SAT_F64_S -> s[d] = (long) f64(s[fp + code[pc + 1]]);
      case Op.I64_TRUNC_SAT_F64_U -> s[d] = Numerics.i64TruncSatF64U(f64(s[fp + code[pc + 1]]));
      case Op.I64_DIV_S -> s[d] = Numerics.i64DivS(s[fp + code[pc + 1]], s[fp + code[pc + 2]]);
      case Op.I64_DIV_U -> s[d] = Numerics.i64DivU(s[fp + code[pc + 1]], s[fp + code[pc + 2]]);
      case Op.I64_REM_S -> s[d] = Numerics.i64RemS(s[fp + code[pc + 1]], s[fp + code[pc + 2]]);
      case Op.I64_REM_U -> s[d] = Numerics.i64RemU(s[fp + code[pc + 1]], s[fp + code[pc + 2]]);
      case Op.F32_MIN ->
          s[d] = bits(Numerics.f32Min(f32(s[fp + code[pc + 1]]), f32(s[fp + code[pc + 2]])));
      case Op.F32_MAX ->
          s[d] = bits(Numerics.f32Max(f32(s[fp + code[pc + 1]]), f32(s[fp + code[pc + 2]])));
      case Op.F32_COPYSIGN ->
          s[d] = (s[fp + code[pc + 1]] & 0x7FFF_FFFFL) | (s[fp + code[pc + 2]] & 0x8000_0000L);
      case Op.F64_MIN ->
          s[d] = bits(Numerics.f64Min(f64(s[fp + code[pc + 1]]), f64(s[fp + code[pc + 2]])));
      case Op.F64_MAX ->
          s[d] = bits(Numerics.f64Max(f64(s[fp + code[pc + 1]]), f64(s[fp + code[pc + 2]])));
      case Op.F64_COPYSIGN ->
          s[d] = (s[fp + code[pc + 1]] & Long.MAX_VALUE) | (s[fp + code[pc + 2]] & Long.MIN_VALUE);
      case Op.F32_EQ -> s[d] = bool(f32(s[fp + code[pc + 1]]) == f32(s[fp + code[pc + 2]]));
      case Op.F32_NE -> s[d] = bool(f32(s[fp + code[pc + 1]]) != f32(s[fp + code[pc + 2]]));
      case Op.F32_LT -> s[d] = bool(f32(s[fp + code[pc + 1]]) < f32(s[fp + code[pc + 2]]));
      case Op.F32_GT -> s[d] = bool(f32(s[fp + code[pc + 1]]) > f32(s[fp + code[pc + 2]]));
      case Op.F32_LE -> s[d] = bool(f32(s[fp + code[pc + 1]]) <= f32(s[fp + code[pc + 2]]));
      case Op.F32_GE -> s[d] = bool(f32(s[fp + code[pc + 1]]) >= f32(s[fp + code[pc + 2]]));
      default -> throw new IllegalStateException("bad opcode " + op);
    }
    return op < Op.I64_DIV_S ? pc + 2 : pc + 3;
  }
}
