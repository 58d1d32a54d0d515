package dev.cortado.runtime.internal.interpreter;

import dev.cortado.runtime.internal.GlobalInstance;
import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.runtime.internal.ModuleInstance;
import dev.cortado.runtime.internal.simd.F32x4;
import dev.cortado.runtime.internal.simd.F64x2;
import dev.cortado.runtime.internal.simd.I16x8;
import dev.cortado.runtime.internal.simd.I32x4;
import dev.cortado.runtime.internal.simd.I64x2;
import dev.cortado.runtime.internal.simd.I8x16;
import dev.cortado.runtime.internal.simd.V128;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Opcode;
import java.util.List;

/**
 * The interpreter's SIMD instructions, kept out of its dispatch loop ({@link HotLoop}) so that it
 * stays small: one {@link Op#SIMD} case in {@link Interpreter#execute} calls {@link #execute},
 * which dispatches on the instruction's sub-opcode (see docs/interpreter.md).
 *
 * <p>A {@code v128} takes two stack slots, its low 64 bits first. The instruction stream holds
 * {@code Op.SIMD}, then the wasm sub-opcode (0 to 255) or one of the internal sub-opcodes below,
 * then the immediates: a memory offset for loads and stores, then a lane index for the lane forms;
 * a lane index for {@code extract_lane}/{@code replace_lane}; the 16 lane bytes of {@code
 * i8x16.shuffle} as four words. The lane semantics live in {@link
 * dev.cortado.runtime.internal.simd}.
 */
final class SimdInterpreter {
  private static final long U32 = 0xFFFF_FFFFL;

  /** Slot: {@code local.tee} of a v128 local (get and set are two plain slot copies). */
  static final int LOCAL_TEE = 256;

  /** Global index. */
  static final int GLOBAL_GET = 257;

  /** Global index. */
  static final int GLOBAL_SET = 258;

  /** {@code select} of two v128 operands. */
  static final int SELECT = 259;

  private static final Opcode[] OPCODES = new Opcode[256];

  /**
   * Which instructions are lane-wise on each 64-bit half (the result's half i depends only on the
   * operands' halves i), by sub-opcode: those run as one method applied to each half.
   */
  private static final byte[] KIND = new byte[256];

  private static final byte UNARY = 1; // [v128] -> [v128], lane-wise on each half
  private static final byte BINARY = 2; // [v128 v128] -> [v128], lane-wise on each half
  private static final byte SHIFT = 3; // [v128 i32] -> [v128]

  static {
    List<ValType> v = List.of(ValType.V128);
    List<ValType> vv = List.of(ValType.V128, ValType.V128);
    List<ValType> vi = List.of(ValType.V128, ValType.I32);
    for (Opcode op : Opcode.values()) {
      if (op.prefix() == 0xFD) {
        OPCODES[op.code()] = op;
        if (op.immediate() == Opcode.Immediate.NONE
            && op.results().equals(v)
            && !changesLaneWidth(op.mnemonic())) {
          List<ValType> params = op.params();
          KIND[op.code()] =
              params.equals(v) ? UNARY : params.equals(vv) ? BINARY : params.equals(vi) ? SHIFT : 0;
        }
      }
    }
  }

  private SimdInterpreter() {}

  /** Narrowing, widening and the permutation whose result halves mix the operands' halves. */
  private static boolean changesLaneWidth(String mnemonic) {
    for (String word :
        List.of("narrow", "extend_", "extmul", "_low_", "demote", "_zero", "swizzle")) {
      if (mnemonic.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** The number of immediate words after the sub-opcode {@code sub}. */
  static int immediates(int sub) {
    if (sub >= 256) {
      return sub == SELECT ? 0 : 1;
    }
    return switch (OPCODES[sub].immediate()) {
      case MEMARG, LANE -> 1;
      case MEMARG_LANE -> 2;
      case SHUFFLE -> 4;
      default -> 0;
    };
  }

  /** The mnemonic of sub-opcode {@code sub}, for disassembly. */
  static String name(int sub) {
    return switch (sub) {
      case LOCAL_TEE -> "v128_local_tee";
      case GLOBAL_GET -> "v128_global_get";
      case GLOBAL_SET -> "v128_global_set";
      case SELECT -> "v128_select";
      default -> sub >= 0 && sub < 256 && OPCODES[sub] != null ? OPCODES[sub].mnemonic() : "?";
    };
  }

  private static long next(int pc, int sp) {
    return ((long) pc << 32) | (sp & U32);
  }

  private static long ea(long base, int offset) {
    return (base & U32) + (offset & U32);
  }

  /**
   * Runs the SIMD instruction whose sub-opcode is at {@code code[pc]}, on the operand stack {@code
   * s} (top at {@code sp - 1}) of the frame at {@code fp}. Returns the position of the next
   * instruction in the high 32 bits and the new stack pointer in the low 32 bits.
   */
  static long execute(int[] code, int pc, long[] s, int sp, int fp, ModuleInstance inst) {
    int sub = code[pc];
    if (sub >= 256) {
      return internal(sub, code[pc + 1], s, sp, fp, inst.globals, pc);
    }
    Opcode op = OPCODES[sub];
    switch (op.immediate()) {
      case MEMARG -> {
        return next(pc + 2, memory(op, inst.memory0, code[pc + 1], s, sp));
      }
      case MEMARG_LANE -> {
        return next(pc + 3, laneMemory(op, inst.memory0, code[pc + 1], code[pc + 2], s, sp));
      }
      case LANE -> {
        return next(pc + 2, lane(op, code[pc + 1], s, sp));
      }
      case SHUFFLE -> {
        long lanesLo = (code[pc + 1] & U32) | ((long) code[pc + 2] << 32);
        long lanesHi = (code[pc + 3] & U32) | ((long) code[pc + 4] << 32);
        long a0 = s[sp - 4];
        long a1 = s[sp - 3];
        long b0 = s[sp - 2];
        long b1 = s[sp - 1];
        s[sp - 4] = V128.shuffle(a0, a1, b0, b1, lanesLo);
        s[sp - 3] = V128.shuffle(a0, a1, b0, b1, lanesHi);
        return next(pc + 5, sp - 2);
      }
      default -> {}
    }
    switch (KIND[sub]) {
      case UNARY -> {
        s[sp - 2] = unary(op, s[sp - 2]);
        s[sp - 1] = unary(op, s[sp - 1]);
        return next(pc + 1, sp);
      }
      case BINARY -> {
        s[sp - 4] = binary(op, s[sp - 4], s[sp - 2]);
        s[sp - 3] = binary(op, s[sp - 3], s[sp - 1]);
        return next(pc + 1, sp - 2);
      }
      case SHIFT -> {
        int count = (int) s[sp - 1];
        s[sp - 3] = shift(op, s[sp - 3], count);
        s[sp - 2] = shift(op, s[sp - 2], count);
        return next(pc + 1, sp - 1);
      }
      default -> {
        return next(pc + 1, other(op, s, sp));
      }
    }
  }

  private static long internal(
      int sub, int imm, long[] s, int sp, int fp, GlobalInstance[] globals, int pc) {
    switch (sub) {
      case LOCAL_TEE -> {
        s[fp + imm] = s[sp - 2];
        s[fp + imm + 1] = s[sp - 1];
        return next(pc + 2, sp);
      }
      case GLOBAL_GET -> {
        GlobalInstance g = globals[imm];
        s[sp] = g.bits;
        s[sp + 1] = g.high;
        return next(pc + 2, sp + 2);
      }
      case GLOBAL_SET -> {
        GlobalInstance g = globals[imm];
        g.bits = s[sp - 2];
        g.high = s[sp - 1];
        return next(pc + 2, sp - 2);
      }
      case SELECT -> {
        // [a b c]: a (sp-5, sp-4), b (sp-3, sp-2), condition c at sp-1.
        if ((int) s[sp - 1] == 0) {
          s[sp - 5] = s[sp - 3];
          s[sp - 4] = s[sp - 2];
        }
        return next(pc + 1, sp - 3);
      }
      default -> throw new IllegalStateException("bad SIMD opcode " + sub);
    }
  }

  /** Loads and stores of a whole vector; returns the new stack pointer. */
  private static int memory(Opcode op, MemoryInstance mem, int offset, long[] s, int sp) {
    if (op == Opcode.V128_STORE) {
      mem.storeV128(ea(s[sp - 3], offset), s[sp - 2], s[sp - 1]);
      return sp - 3;
    }
    long ea = ea(s[sp - 1], offset);
    long lo;
    long hi;
    switch (op) {
      case V128_LOAD -> {
        lo = mem.loadI64(ea);
        hi = mem.loadI64(ea + 8);
      }
      case V128_LOAD8X8_S, V128_LOAD8X8_U, V128_LOAD16X4_S, V128_LOAD16X4_U -> {
        long x = mem.loadI64(ea);
        boolean signed = op == Opcode.V128_LOAD8X8_S || op == Opcode.V128_LOAD16X4_S;
        if (op == Opcode.V128_LOAD8X8_S || op == Opcode.V128_LOAD8X8_U) {
          lo = signed ? I16x8.extendS((int) x) : I16x8.extendU((int) x);
          hi = signed ? I16x8.extendS((int) (x >>> 32)) : I16x8.extendU((int) (x >>> 32));
        } else {
          lo = signed ? I32x4.extendS((int) x) : I32x4.extendU((int) x);
          hi = signed ? I32x4.extendS((int) (x >>> 32)) : I32x4.extendU((int) (x >>> 32));
        }
      }
      case V128_LOAD32X2_S -> {
        long x = mem.loadI64(ea);
        lo = I64x2.extendS((int) x);
        hi = I64x2.extendS((int) (x >>> 32));
      }
      case V128_LOAD32X2_U -> {
        long x = mem.loadI64(ea);
        lo = I64x2.extendU((int) x);
        hi = I64x2.extendU((int) (x >>> 32));
      }
      case V128_LOAD8_SPLAT -> lo = hi = I8x16.splat(mem.loadI8U(ea));
      case V128_LOAD16_SPLAT -> lo = hi = I16x8.splat(mem.loadI16U(ea));
      case V128_LOAD32_SPLAT -> lo = hi = I32x4.splat(mem.loadI32(ea));
      case V128_LOAD64_SPLAT -> lo = hi = mem.loadI64(ea);
      case V128_LOAD32_ZERO -> {
        lo = mem.loadI32U(ea);
        hi = 0;
      }
      case V128_LOAD64_ZERO -> {
        lo = mem.loadI64(ea);
        hi = 0;
      }
      default -> throw new IllegalStateException(op.mnemonic());
    }
    s[sp - 1] = lo;
    s[sp] = hi;
    return sp + 1;
  }

  /** {@code v128.load*_lane} and {@code v128.store*_lane}: [address v128] on the stack. */
  private static int laneMemory(
      Opcode op, MemoryInstance mem, int offset, int lane, long[] s, int sp) {
    long ea = ea(s[sp - 3], offset);
    int half = sp - 2 + (lane >= (16 >> op.naturalAlignment()) / 2 ? 1 : 0);
    long h = s[half];
    switch (op) {
      case V128_LOAD8_LANE -> s[half] = I8x16.replaceLane(h, lane, mem.loadI8U(ea));
      case V128_LOAD16_LANE -> s[half] = I16x8.replaceLane(h, lane, mem.loadI16U(ea));
      case V128_LOAD32_LANE -> s[half] = I32x4.replaceLane(h, lane, mem.loadI32(ea));
      case V128_LOAD64_LANE -> s[half] = mem.loadI64(ea);
      case V128_STORE8_LANE -> mem.storeI8(ea, I8x16.extractLaneU(h, h, lane));
      case V128_STORE16_LANE -> mem.storeI16(ea, I16x8.extractLaneU(h, h, lane));
      case V128_STORE32_LANE -> mem.storeI32(ea, I32x4.extractLane(h, h, lane));
      case V128_STORE64_LANE -> mem.storeI64(ea, h);
      default -> throw new IllegalStateException(op.mnemonic());
    }
    if (op.results().isEmpty()) {
      return sp - 3;
    }
    s[sp - 3] = s[sp - 2];
    s[sp - 2] = s[sp - 1];
    return sp - 1;
  }

  /** {@code extract_lane} ([v128] -> [t]) and {@code replace_lane} ([v128 t] -> [v128]). */
  private static int lane(Opcode op, int lane, long[] s, int sp) {
    switch (op) {
      case I8X16_EXTRACT_LANE_S -> s[sp - 2] = I8x16.extractLaneS(s[sp - 2], s[sp - 1], lane);
      case I8X16_EXTRACT_LANE_U -> s[sp - 2] = I8x16.extractLaneU(s[sp - 2], s[sp - 1], lane);
      case I16X8_EXTRACT_LANE_S -> s[sp - 2] = I16x8.extractLaneS(s[sp - 2], s[sp - 1], lane);
      case I16X8_EXTRACT_LANE_U -> s[sp - 2] = I16x8.extractLaneU(s[sp - 2], s[sp - 1], lane);
      case I32X4_EXTRACT_LANE, F32X4_EXTRACT_LANE ->
          s[sp - 2] = I32x4.extractLane(s[sp - 2], s[sp - 1], lane) & U32;
      case I64X2_EXTRACT_LANE, F64X2_EXTRACT_LANE -> s[sp - 2] = s[sp - 2 + lane];
      case I8X16_REPLACE_LANE -> {
        int half = sp - 3 + (lane >> 3);
        s[half] = I8x16.replaceLane(s[half], lane, (int) s[sp - 1]);
        return sp - 1;
      }
      case I16X8_REPLACE_LANE -> {
        int half = sp - 3 + (lane >> 2);
        s[half] = I16x8.replaceLane(s[half], lane, (int) s[sp - 1]);
        return sp - 1;
      }
      case I32X4_REPLACE_LANE, F32X4_REPLACE_LANE -> {
        int half = sp - 3 + (lane >> 1);
        s[half] = I32x4.replaceLane(s[half], lane, (int) s[sp - 1]);
        return sp - 1;
      }
      case I64X2_REPLACE_LANE, F64X2_REPLACE_LANE -> {
        s[sp - 3 + lane] = s[sp - 1];
        return sp - 1;
      }
      default -> throw new IllegalStateException(op.mnemonic());
    }
    return sp - 1;
  }

  /**
   * The instructions that are neither lane-wise on each half nor have immediates: splats, tests and
   * bitmasks, bitselect, swizzle, and the ones that narrow, widen or convert between lane sizes.
   * Returns the new stack pointer.
   */
  private static int other(Opcode op, long[] s, int sp) {
    long x = s[sp - 1];
    long splat;
    switch (op) {
      case I8X16_SPLAT -> splat = I8x16.splat((int) x);
      case I16X8_SPLAT -> splat = I16x8.splat((int) x);
      case I32X4_SPLAT, F32X4_SPLAT -> splat = I32x4.splat((int) x);
      case I64X2_SPLAT, F64X2_SPLAT -> splat = x;
      default -> {
        return vectorOperand(op, s, sp);
      }
    }
    // The scalar operand's slot becomes the low half; the high half is pushed.
    s[sp - 1] = splat;
    s[sp] = splat;
    return sp + 1;
  }

  /** {@link #other} for the instructions whose (first) operand is a vector. */
  private static int vectorOperand(Opcode op, long[] s, int sp) {
    long lo = s[sp - 2];
    long hi = s[sp - 1];
    switch (op) {
      case V128_ANY_TRUE -> {
        s[sp - 2] = V128.anyTrue(lo, hi);
        return sp - 1;
      }
      case I8X16_ALL_TRUE -> {
        s[sp - 2] = I8x16.allTrue(lo, hi);
        return sp - 1;
      }
      case I16X8_ALL_TRUE -> {
        s[sp - 2] = I16x8.allTrue(lo, hi);
        return sp - 1;
      }
      case I32X4_ALL_TRUE -> {
        s[sp - 2] = I32x4.allTrue(lo, hi);
        return sp - 1;
      }
      case I64X2_ALL_TRUE -> {
        s[sp - 2] = I64x2.allTrue(lo, hi);
        return sp - 1;
      }
      case I8X16_BITMASK -> {
        s[sp - 2] = I8x16.bitmask(lo, hi);
        return sp - 1;
      }
      case I16X8_BITMASK -> {
        s[sp - 2] = I16x8.bitmask(lo, hi);
        return sp - 1;
      }
      case I32X4_BITMASK -> {
        s[sp - 2] = I32x4.bitmask(lo, hi);
        return sp - 1;
      }
      case I64X2_BITMASK -> {
        s[sp - 2] = I64x2.bitmask(lo, hi);
        return sp - 1;
      }
      case V128_BITSELECT -> {
        s[sp - 6] = V128.bitselect(s[sp - 6], s[sp - 4], lo);
        s[sp - 5] = V128.bitselect(s[sp - 5], s[sp - 3], hi);
        return sp - 4;
      }
      default -> {
        return widthChanging(op, s, sp);
      }
    }
  }

  /** Swizzle, narrowing, widening and conversions between lane sizes. */
  private static int widthChanging(Opcode op, long[] s, int sp) {
    if (op.params().size() == 2) {
      // [a b] -> [r]: a at sp-4, sp-3; b at sp-2, sp-1.
      long a0 = s[sp - 4];
      long a1 = s[sp - 3];
      long b0 = s[sp - 2];
      long b1 = s[sp - 1];
      long r0;
      long r1;
      switch (op) {
        case I8X16_SWIZZLE -> {
          r0 = V128.swizzle(a0, a1, b0);
          r1 = V128.swizzle(a0, a1, b1);
        }
        case I8X16_NARROW_I16X8_S -> {
          r0 = I8x16.narrowI16x8S(a0, a1);
          r1 = I8x16.narrowI16x8S(b0, b1);
        }
        case I8X16_NARROW_I16X8_U -> {
          r0 = I8x16.narrowI16x8U(a0, a1);
          r1 = I8x16.narrowI16x8U(b0, b1);
        }
        case I16X8_NARROW_I32X4_S -> {
          r0 = I16x8.narrowI32x4S(a0, a1);
          r1 = I16x8.narrowI32x4S(b0, b1);
        }
        case I16X8_NARROW_I32X4_U -> {
          r0 = I16x8.narrowI32x4U(a0, a1);
          r1 = I16x8.narrowI32x4U(b0, b1);
        }
        default -> {
          // extmul: the low or high half of each operand, multiplied into a whole vector.
          boolean high = op.mnemonic().contains("_high_");
          long a = high ? a1 : a0;
          long b = high ? b1 : b0;
          r0 = extmul(op, (int) a, (int) b);
          r1 = extmul(op, (int) (a >>> 32), (int) (b >>> 32));
        }
      }
      s[sp - 4] = r0;
      s[sp - 3] = r1;
      return sp - 2;
    }
    long lo = s[sp - 2];
    long hi = s[sp - 1];
    switch (op) {
      case F32X4_DEMOTE_F64X2_ZERO -> {
        lo = F32x4.demoteF64x2Zero(lo, hi);
        hi = 0;
      }
      case I32X4_TRUNC_SAT_F64X2_S_ZERO -> {
        lo = I32x4.truncSatF64x2SZero(lo, hi);
        hi = 0;
      }
      case I32X4_TRUNC_SAT_F64X2_U_ZERO -> {
        lo = I32x4.truncSatF64x2UZero(lo, hi);
        hi = 0;
      }
      default -> {
        // Widening of the low or high half: extend, convert_low, promote_low.
        long x = op.mnemonic().contains("_high_") ? hi : lo;
        lo = widen(op, (int) x);
        hi = widen(op, (int) (x >>> 32));
      }
    }
    s[sp - 2] = lo;
    s[sp - 1] = hi;
    return sp;
  }

  private static long extmul(Opcode op, int a, int b) {
    return switch (op) {
      case I16X8_EXTMUL_LOW_I8X16_S, I16X8_EXTMUL_HIGH_I8X16_S -> I16x8.extmulS(a, b);
      case I16X8_EXTMUL_LOW_I8X16_U, I16X8_EXTMUL_HIGH_I8X16_U -> I16x8.extmulU(a, b);
      case I32X4_EXTMUL_LOW_I16X8_S, I32X4_EXTMUL_HIGH_I16X8_S -> I32x4.extmulS(a, b);
      case I32X4_EXTMUL_LOW_I16X8_U, I32X4_EXTMUL_HIGH_I16X8_U -> I32x4.extmulU(a, b);
      case I64X2_EXTMUL_LOW_I32X4_S, I64X2_EXTMUL_HIGH_I32X4_S -> I64x2.extmulS(a, b);
      case I64X2_EXTMUL_LOW_I32X4_U, I64X2_EXTMUL_HIGH_I32X4_U -> I64x2.extmulU(a, b);
      default -> throw new IllegalStateException(op.mnemonic());
    };
  }

  /** 32 bits of the source half widened to one 64-bit result half. */
  private static long widen(Opcode op, int x) {
    return switch (op) {
      case I16X8_EXTEND_LOW_I8X16_S, I16X8_EXTEND_HIGH_I8X16_S -> I16x8.extendS(x);
      case I16X8_EXTEND_LOW_I8X16_U, I16X8_EXTEND_HIGH_I8X16_U -> I16x8.extendU(x);
      case I32X4_EXTEND_LOW_I16X8_S, I32X4_EXTEND_HIGH_I16X8_S -> I32x4.extendS(x);
      case I32X4_EXTEND_LOW_I16X8_U, I32X4_EXTEND_HIGH_I16X8_U -> I32x4.extendU(x);
      case I64X2_EXTEND_LOW_I32X4_S, I64X2_EXTEND_HIGH_I32X4_S -> I64x2.extendS(x);
      case I64X2_EXTEND_LOW_I32X4_U, I64X2_EXTEND_HIGH_I32X4_U -> I64x2.extendU(x);
      case F64X2_CONVERT_LOW_I32X4_S -> F64x2.convertS(x);
      case F64X2_CONVERT_LOW_I32X4_U -> F64x2.convertU(x);
      case F64X2_PROMOTE_LOW_F32X4 -> F64x2.promote(x);
      default -> throw new IllegalStateException(op.mnemonic());
    };
  }

  /** One half of a lane-wise unary operation. */
  private static long unary(Opcode op, long a) {
    return switch (op) {
      case V128_NOT -> V128.not(a);
      case I8X16_ABS -> I8x16.abs(a);
      case I8X16_NEG -> I8x16.neg(a);
      case I8X16_POPCNT -> I8x16.popcnt(a);
      case I16X8_ABS -> I16x8.abs(a);
      case I16X8_NEG -> I16x8.neg(a);
      case I16X8_EXTADD_PAIRWISE_I8X16_S -> I16x8.extaddPairwiseS(a);
      case I16X8_EXTADD_PAIRWISE_I8X16_U -> I16x8.extaddPairwiseU(a);
      case I32X4_ABS -> I32x4.abs(a);
      case I32X4_NEG -> I32x4.neg(a);
      case I32X4_EXTADD_PAIRWISE_I16X8_S -> I32x4.extaddPairwiseS(a);
      case I32X4_EXTADD_PAIRWISE_I16X8_U -> I32x4.extaddPairwiseU(a);
      case I32X4_TRUNC_SAT_F32X4_S -> I32x4.truncSatF32x4S(a);
      case I32X4_TRUNC_SAT_F32X4_U -> I32x4.truncSatF32x4U(a);
      case I64X2_ABS -> I64x2.abs(a);
      case I64X2_NEG -> -a;
      case F32X4_ABS -> F32x4.abs(a);
      case F32X4_NEG -> F32x4.neg(a);
      case F32X4_SQRT -> F32x4.sqrt(a);
      case F32X4_CEIL -> F32x4.ceil(a);
      case F32X4_FLOOR -> F32x4.floor(a);
      case F32X4_TRUNC -> F32x4.trunc(a);
      case F32X4_NEAREST -> F32x4.nearest(a);
      case F32X4_CONVERT_I32X4_S -> F32x4.convertI32x4S(a);
      case F32X4_CONVERT_I32X4_U -> F32x4.convertI32x4U(a);
      case F64X2_ABS -> F64x2.abs(a);
      case F64X2_NEG -> F64x2.neg(a);
      case F64X2_SQRT -> F64x2.sqrt(a);
      case F64X2_CEIL -> F64x2.ceil(a);
      case F64X2_FLOOR -> F64x2.floor(a);
      case F64X2_TRUNC -> F64x2.trunc(a);
      case F64X2_NEAREST -> F64x2.nearest(a);
      default -> throw new IllegalStateException(op.mnemonic());
    };
  }

  /** One half of a lane-wise shift by {@code count} (taken modulo the lane width). */
  private static long shift(Opcode op, long a, int count) {
    return switch (op) {
      case I8X16_SHL -> I8x16.shl(a, count);
      case I8X16_SHR_S -> I8x16.shrS(a, count);
      case I8X16_SHR_U -> I8x16.shrU(a, count);
      case I16X8_SHL -> I16x8.shl(a, count);
      case I16X8_SHR_S -> I16x8.shrS(a, count);
      case I16X8_SHR_U -> I16x8.shrU(a, count);
      case I32X4_SHL -> I32x4.shl(a, count);
      case I32X4_SHR_S -> I32x4.shrS(a, count);
      case I32X4_SHR_U -> I32x4.shrU(a, count);
      case I64X2_SHL -> I64x2.shl(a, count);
      case I64X2_SHR_S -> I64x2.shrS(a, count);
      case I64X2_SHR_U -> I64x2.shrU(a, count);
      default -> throw new IllegalStateException(op.mnemonic());
    };
  }

  /** One half of a lane-wise binary operation. */
  private static long binary(Opcode op, long a, long b) {
    return switch (op) {
      case V128_AND -> V128.and(a, b);
      case V128_ANDNOT -> V128.andnot(a, b);
      case V128_OR -> V128.or(a, b);
      case V128_XOR -> V128.xor(a, b);
      case I8X16_EQ -> I8x16.eq(a, b);
      case I8X16_NE -> I8x16.ne(a, b);
      case I8X16_LT_S -> I8x16.ltS(a, b);
      case I8X16_LT_U -> I8x16.ltU(a, b);
      case I8X16_GT_S -> I8x16.gtS(a, b);
      case I8X16_GT_U -> I8x16.gtU(a, b);
      case I8X16_LE_S -> I8x16.leS(a, b);
      case I8X16_LE_U -> I8x16.leU(a, b);
      case I8X16_GE_S -> I8x16.geS(a, b);
      case I8X16_GE_U -> I8x16.geU(a, b);
      case I8X16_ADD -> I8x16.add(a, b);
      case I8X16_ADD_SAT_S -> I8x16.addSatS(a, b);
      case I8X16_ADD_SAT_U -> I8x16.addSatU(a, b);
      case I8X16_SUB -> I8x16.sub(a, b);
      case I8X16_SUB_SAT_S -> I8x16.subSatS(a, b);
      case I8X16_SUB_SAT_U -> I8x16.subSatU(a, b);
      case I8X16_MIN_S -> I8x16.minS(a, b);
      case I8X16_MIN_U -> I8x16.minU(a, b);
      case I8X16_MAX_S -> I8x16.maxS(a, b);
      case I8X16_MAX_U -> I8x16.maxU(a, b);
      case I8X16_AVGR_U -> I8x16.avgrU(a, b);
      case I16X8_EQ -> I16x8.eq(a, b);
      case I16X8_NE -> I16x8.ne(a, b);
      case I16X8_LT_S -> I16x8.ltS(a, b);
      case I16X8_LT_U -> I16x8.ltU(a, b);
      case I16X8_GT_S -> I16x8.gtS(a, b);
      case I16X8_GT_U -> I16x8.gtU(a, b);
      case I16X8_LE_S -> I16x8.leS(a, b);
      case I16X8_LE_U -> I16x8.leU(a, b);
      case I16X8_GE_S -> I16x8.geS(a, b);
      case I16X8_GE_U -> I16x8.geU(a, b);
      case I16X8_Q15MULR_SAT_S -> I16x8.q15mulrSatS(a, b);
      case I16X8_ADD -> I16x8.add(a, b);
      case I16X8_ADD_SAT_S -> I16x8.addSatS(a, b);
      case I16X8_ADD_SAT_U -> I16x8.addSatU(a, b);
      case I16X8_SUB -> I16x8.sub(a, b);
      case I16X8_SUB_SAT_S -> I16x8.subSatS(a, b);
      case I16X8_SUB_SAT_U -> I16x8.subSatU(a, b);
      case I16X8_MUL -> I16x8.mul(a, b);
      case I16X8_MIN_S -> I16x8.minS(a, b);
      case I16X8_MIN_U -> I16x8.minU(a, b);
      case I16X8_MAX_S -> I16x8.maxS(a, b);
      case I16X8_MAX_U -> I16x8.maxU(a, b);
      case I16X8_AVGR_U -> I16x8.avgrU(a, b);
      case I32X4_EQ -> I32x4.eq(a, b);
      case I32X4_NE -> I32x4.ne(a, b);
      case I32X4_LT_S -> I32x4.ltS(a, b);
      case I32X4_LT_U -> I32x4.ltU(a, b);
      case I32X4_GT_S -> I32x4.gtS(a, b);
      case I32X4_GT_U -> I32x4.gtU(a, b);
      case I32X4_LE_S -> I32x4.leS(a, b);
      case I32X4_LE_U -> I32x4.leU(a, b);
      case I32X4_GE_S -> I32x4.geS(a, b);
      case I32X4_GE_U -> I32x4.geU(a, b);
      case I32X4_ADD -> I32x4.add(a, b);
      case I32X4_SUB -> I32x4.sub(a, b);
      case I32X4_MUL -> I32x4.mul(a, b);
      case I32X4_MIN_S -> I32x4.minS(a, b);
      case I32X4_MIN_U -> I32x4.minU(a, b);
      case I32X4_MAX_S -> I32x4.maxS(a, b);
      case I32X4_MAX_U -> I32x4.maxU(a, b);
      case I32X4_DOT_I16X8_S -> I32x4.dotI16x8S(a, b);
      case I64X2_EQ -> I64x2.eq(a, b);
      case I64X2_NE -> I64x2.ne(a, b);
      case I64X2_LT_S -> I64x2.ltS(a, b);
      case I64X2_GT_S -> I64x2.gtS(a, b);
      case I64X2_LE_S -> I64x2.leS(a, b);
      case I64X2_GE_S -> I64x2.geS(a, b);
      case I64X2_ADD -> a + b;
      case I64X2_SUB -> a - b;
      case I64X2_MUL -> a * b;
      case F32X4_EQ -> F32x4.eq(a, b);
      case F32X4_NE -> F32x4.ne(a, b);
      case F32X4_LT -> F32x4.lt(a, b);
      case F32X4_GT -> F32x4.gt(a, b);
      case F32X4_LE -> F32x4.le(a, b);
      case F32X4_GE -> F32x4.ge(a, b);
      case F32X4_ADD -> F32x4.add(a, b);
      case F32X4_SUB -> F32x4.sub(a, b);
      case F32X4_MUL -> F32x4.mul(a, b);
      case F32X4_DIV -> F32x4.div(a, b);
      case F32X4_MIN -> F32x4.min(a, b);
      case F32X4_MAX -> F32x4.max(a, b);
      case F32X4_PMIN -> F32x4.pmin(a, b);
      case F32X4_PMAX -> F32x4.pmax(a, b);
      case F64X2_EQ -> F64x2.eq(a, b);
      case F64X2_NE -> F64x2.ne(a, b);
      case F64X2_LT -> F64x2.lt(a, b);
      case F64X2_GT -> F64x2.gt(a, b);
      case F64X2_LE -> F64x2.le(a, b);
      case F64X2_GE -> F64x2.ge(a, b);
      case F64X2_ADD -> F64x2.add(a, b);
      case F64X2_SUB -> F64x2.sub(a, b);
      case F64X2_MUL -> F64x2.mul(a, b);
      case F64X2_DIV -> F64x2.div(a, b);
      case F64X2_MIN -> F64x2.min(a, b);
      case F64X2_MAX -> F64x2.max(a, b);
      case F64X2_PMIN -> F64x2.pmin(a, b);
      case F64X2_PMAX -> F64x2.pmax(a, b);
      default -> throw new IllegalStateException(op.mnemonic());
    };
  }
}
