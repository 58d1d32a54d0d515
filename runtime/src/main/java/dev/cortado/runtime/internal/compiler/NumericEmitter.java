package dev.cortado.runtime.internal.compiler;

import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.cortado.runtime.internal.Numerics;
import dev.cortado.wasm.code.Opcode;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Emits the numeric instructions (spec 4.4.1) other than comparisons and constants, operands on the
 * JVM stack. Most are one JVM instruction; the rest call {@link Numerics} (trapping division and
 * conversions, float rounding and min/max: the interpreter's own code), {@link Ops}, or a JDK
 * method HotSpot treats as an intrinsic ({@code Integer.rotateLeft}, {@code bitCount}, ...).
 */
final class NumericEmitter {
  private static final ClassDesc CD_Numerics = ClassDesc.of(Numerics.class.getName());
  private static final ClassDesc CD_Ops = ClassDesc.of(Ops.class.getName());
  private static final ClassDesc CD_Integer = ClassDesc.of("java.lang.Integer");
  private static final ClassDesc CD_Long = ClassDesc.of("java.lang.Long");
  private static final ClassDesc CD_Float = ClassDesc.of("java.lang.Float");
  private static final ClassDesc CD_Double = ClassDesc.of("java.lang.Double");

  private static final MethodTypeDesc I_I = MethodTypeDesc.of(CD_int, CD_int);
  private static final MethodTypeDesc I_II = MethodTypeDesc.of(CD_int, CD_int, CD_int);
  private static final MethodTypeDesc I_J = MethodTypeDesc.of(CD_int, CD_long);
  private static final MethodTypeDesc J_JJ = MethodTypeDesc.of(CD_long, CD_long, CD_long);
  private static final MethodTypeDesc J_JI = MethodTypeDesc.of(CD_long, CD_long, CD_int);
  private static final MethodTypeDesc F_F = MethodTypeDesc.of(CD_float, CD_float);
  private static final MethodTypeDesc F_FF = MethodTypeDesc.of(CD_float, CD_float, CD_float);
  private static final MethodTypeDesc D_D = MethodTypeDesc.of(CD_double, CD_double);
  private static final MethodTypeDesc D_DD = MethodTypeDesc.of(CD_double, CD_double, CD_double);

  private NumericEmitter() {}

  /** Emits {@code op}; returns false if it is not a numeric instruction handled here. */
  static boolean emit(CodeBuilder cb, Opcode op) {
    switch (op) {
      // ---- i32 ----
      case I32_CLZ -> cb.invokestatic(CD_Integer, "numberOfLeadingZeros", I_I);
      case I32_CTZ -> cb.invokestatic(CD_Integer, "numberOfTrailingZeros", I_I);
      case I32_POPCNT -> cb.invokestatic(CD_Integer, "bitCount", I_I);
      case I32_ADD -> cb.iadd();
      case I32_SUB -> cb.isub();
      case I32_MUL -> cb.imul();
      case I32_DIV_S -> numerics(cb, "i32DivS", I_II);
      case I32_DIV_U -> numerics(cb, "i32DivU", I_II);
      case I32_REM_S -> numerics(cb, "i32RemS", I_II);
      case I32_REM_U -> numerics(cb, "i32RemU", I_II);
      case I32_AND -> cb.iand();
      case I32_OR -> cb.ior();
      case I32_XOR -> cb.ixor();
      case I32_SHL -> cb.ishl();
      case I32_SHR_S -> cb.ishr();
      case I32_SHR_U -> cb.iushr();
      case I32_ROTL -> cb.invokestatic(CD_Integer, "rotateLeft", I_II);
      case I32_ROTR -> cb.invokestatic(CD_Integer, "rotateRight", I_II);
      // ---- i64 ----
      case I64_CLZ -> {
        cb.invokestatic(CD_Long, "numberOfLeadingZeros", I_J);
        cb.i2l();
      }
      case I64_CTZ -> {
        cb.invokestatic(CD_Long, "numberOfTrailingZeros", I_J);
        cb.i2l();
      }
      case I64_POPCNT -> {
        cb.invokestatic(CD_Long, "bitCount", I_J);
        cb.i2l();
      }
      case I64_ADD -> cb.ladd();
      case I64_SUB -> cb.lsub();
      case I64_MUL -> cb.lmul();
      case I64_DIV_S -> numerics(cb, "i64DivS", J_JJ);
      case I64_DIV_U -> numerics(cb, "i64DivU", J_JJ);
      case I64_REM_S -> numerics(cb, "i64RemS", J_JJ);
      case I64_REM_U -> numerics(cb, "i64RemU", J_JJ);
      case I64_AND -> cb.land();
      case I64_OR -> cb.lor();
      case I64_XOR -> cb.lxor();
      case I64_SHL -> {
        cb.l2i(); // the JVM masks the count to 6 bits, as wasm does
        cb.lshl();
      }
      case I64_SHR_S -> {
        cb.l2i();
        cb.lshr();
      }
      case I64_SHR_U -> {
        cb.l2i();
        cb.lushr();
      }
      case I64_ROTL -> {
        cb.l2i();
        cb.invokestatic(CD_Long, "rotateLeft", J_JI);
      }
      case I64_ROTR -> {
        cb.l2i();
        cb.invokestatic(CD_Long, "rotateRight", J_JI);
      }
      default -> {
        return emitFloatOrConversion(cb, op);
      }
    }
    return true;
  }

  private static boolean emitFloatOrConversion(CodeBuilder cb, Opcode op) {
    switch (op) {
      // ---- f32 ----
      case F32_ABS -> ops(cb, "f32Abs", F_F);
      case F32_NEG -> ops(cb, "f32Neg", F_F);
      case F32_CEIL -> numerics(cb, "f32Ceil", F_F);
      case F32_FLOOR -> numerics(cb, "f32Floor", F_F);
      case F32_TRUNC -> numerics(cb, "f32Trunc", F_F);
      case F32_NEAREST -> numerics(cb, "f32Nearest", F_F);
      case F32_SQRT -> numerics(cb, "f32Sqrt", F_F);
      case F32_ADD -> cb.fadd();
      case F32_SUB -> cb.fsub();
      case F32_MUL -> cb.fmul();
      case F32_DIV -> cb.fdiv();
      case F32_MIN -> numerics(cb, "f32Min", F_FF);
      case F32_MAX -> numerics(cb, "f32Max", F_FF);
      case F32_COPYSIGN -> ops(cb, "f32Copysign", F_FF);
      // ---- f64 ----
      case F64_ABS -> ops(cb, "f64Abs", D_D);
      case F64_NEG -> ops(cb, "f64Neg", D_D);
      case F64_CEIL -> numerics(cb, "f64Ceil", D_D);
      case F64_FLOOR -> numerics(cb, "f64Floor", D_D);
      case F64_TRUNC -> numerics(cb, "f64Trunc", D_D);
      case F64_NEAREST -> numerics(cb, "f64Nearest", D_D);
      case F64_SQRT -> numerics(cb, "f64Sqrt", D_D);
      case F64_ADD -> cb.dadd();
      case F64_SUB -> cb.dsub();
      case F64_MUL -> cb.dmul();
      case F64_DIV -> cb.ddiv();
      case F64_MIN -> numerics(cb, "f64Min", D_DD);
      case F64_MAX -> numerics(cb, "f64Max", D_DD);
      case F64_COPYSIGN -> ops(cb, "f64Copysign", D_DD);
      default -> {
        return emitConversion(cb, op);
      }
    }
    return true;
  }

  private static boolean emitConversion(CodeBuilder cb, Opcode op) {
    switch (op) {
      case I32_WRAP_I64 -> cb.l2i();
      case I32_TRUNC_F32_S -> numerics(cb, "i32TruncF32S", MethodTypeDesc.of(CD_int, CD_float));
      case I32_TRUNC_F32_U -> numerics(cb, "i32TruncF32U", MethodTypeDesc.of(CD_int, CD_float));
      case I32_TRUNC_F64_S -> numerics(cb, "i32TruncF64S", MethodTypeDesc.of(CD_int, CD_double));
      case I32_TRUNC_F64_U -> numerics(cb, "i32TruncF64U", MethodTypeDesc.of(CD_int, CD_double));
      case I64_EXTEND_I32_S -> cb.i2l();
      case I64_EXTEND_I32_U -> cb.invokestatic(CD_Integer, "toUnsignedLong", J_I());
      case I64_TRUNC_F32_S -> numerics(cb, "i64TruncF32S", MethodTypeDesc.of(CD_long, CD_float));
      case I64_TRUNC_F32_U -> numerics(cb, "i64TruncF32U", MethodTypeDesc.of(CD_long, CD_float));
      case I64_TRUNC_F64_S -> numerics(cb, "i64TruncF64S", MethodTypeDesc.of(CD_long, CD_double));
      case I64_TRUNC_F64_U -> numerics(cb, "i64TruncF64U", MethodTypeDesc.of(CD_long, CD_double));
      case F32_CONVERT_I32_S -> cb.i2f();
      case F32_CONVERT_I32_U -> ops(cb, "f32ConvertI32U", MethodTypeDesc.of(CD_float, CD_int));
      case F32_CONVERT_I64_S -> cb.l2f();
      case F32_CONVERT_I64_U ->
          numerics(cb, "f32ConvertI64U", MethodTypeDesc.of(CD_float, CD_long));
      case F32_DEMOTE_F64 -> ops(cb, "f32DemoteF64", MethodTypeDesc.of(CD_float, CD_double));
      case F64_CONVERT_I32_S -> cb.i2d();
      case F64_CONVERT_I32_U -> ops(cb, "f64ConvertI32U", MethodTypeDesc.of(CD_double, CD_int));
      case F64_CONVERT_I64_S -> cb.l2d();
      case F64_CONVERT_I64_U ->
          numerics(cb, "f64ConvertI64U", MethodTypeDesc.of(CD_double, CD_long));
      case F64_PROMOTE_F32 -> ops(cb, "f64PromoteF32", MethodTypeDesc.of(CD_double, CD_float));
      case I32_REINTERPRET_F32 -> cb.invokestatic(CD_Float, "floatToRawIntBits", I_F());
      case I64_REINTERPRET_F64 ->
          cb.invokestatic(CD_Double, "doubleToRawLongBits", MethodTypeDesc.of(CD_long, CD_double));
      case F32_REINTERPRET_I32 ->
          cb.invokestatic(CD_Float, "intBitsToFloat", MethodTypeDesc.of(CD_float, CD_int));
      case F64_REINTERPRET_I64 ->
          cb.invokestatic(CD_Double, "longBitsToDouble", MethodTypeDesc.of(CD_double, CD_long));
      case I32_EXTEND8_S -> cb.i2b();
      case I32_EXTEND16_S -> cb.i2s();
      case I64_EXTEND8_S -> {
        cb.l2i();
        cb.i2b();
        cb.i2l();
      }
      case I64_EXTEND16_S -> {
        cb.l2i();
        cb.i2s();
        cb.i2l();
      }
      case I64_EXTEND32_S -> {
        cb.l2i();
        cb.i2l();
      }
      // Saturating truncation: Java's narrowing casts (JLS 5.1.3) are exactly trunc_sat_s.
      case I32_TRUNC_SAT_F32_S -> cb.f2i();
      case I32_TRUNC_SAT_F32_U ->
          numerics(cb, "i32TruncSatF32U", MethodTypeDesc.of(CD_int, CD_float));
      case I32_TRUNC_SAT_F64_S -> cb.d2i();
      case I32_TRUNC_SAT_F64_U ->
          numerics(cb, "i32TruncSatF64U", MethodTypeDesc.of(CD_int, CD_double));
      case I64_TRUNC_SAT_F32_S -> cb.f2l();
      case I64_TRUNC_SAT_F32_U ->
          numerics(cb, "i64TruncSatF32U", MethodTypeDesc.of(CD_long, CD_float));
      case I64_TRUNC_SAT_F64_S -> cb.d2l();
      case I64_TRUNC_SAT_F64_U ->
          numerics(cb, "i64TruncSatF64U", MethodTypeDesc.of(CD_long, CD_double));
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Pushes an f32 constant given by its bits: NaN payloads must survive, so no float constant. */
  static void f32Const(CodeBuilder cb, int bits) {
    float f = Float.intBitsToFloat(bits);
    if (f != f) {
      cb.loadConstant(bits);
      cb.invokestatic(CD_Float, "intBitsToFloat", MethodTypeDesc.of(CD_float, CD_int));
    } else if (bits == 0) {
      cb.fconst_0();
    } else {
      cb.ldc(cb.constantPool().floatEntry(f));
    }
  }

  /** Pushes an f64 constant given by its bits (see {@link #f32Const}). */
  static void f64Const(CodeBuilder cb, long bits) {
    double d = Double.longBitsToDouble(bits);
    if (d != d) {
      cb.loadConstant(bits);
      cb.invokestatic(CD_Double, "longBitsToDouble", MethodTypeDesc.of(CD_double, CD_long));
    } else if (bits == 0) {
      cb.dconst_0();
    } else {
      cb.ldc(cb.constantPool().doubleEntry(d));
    }
  }

  private static MethodTypeDesc J_I() {
    return MethodTypeDesc.of(CD_long, CD_int);
  }

  private static MethodTypeDesc I_F() {
    return MethodTypeDesc.of(CD_int, CD_float);
  }

  private static void numerics(CodeBuilder cb, String name, MethodTypeDesc type) {
    cb.invokestatic(CD_Numerics, name, type);
  }

  private static void ops(CodeBuilder cb, String name, MethodTypeDesc type) {
    cb.invokestatic(CD_Ops, name, type);
  }
}
