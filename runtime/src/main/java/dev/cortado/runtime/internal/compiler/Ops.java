package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.Numerics;

/**
 * Small numeric helpers generated code calls where a wasm instruction is more than one or two JVM
 * instructions; HotSpot inlines them. They compute exactly what the interpreter computes (the same
 * bit operations, the same {@link Numerics} methods), so that results and NaN payloads agree.
 */
public final class Ops {
  private Ops() {}

  // ---- select: the operands in stack order, the condition last ----

  /**
   * {@code c != 0 ? a : b} without a branch: {@code (c | -c) >> 31} is all ones for any {@code c}
   * but 0 (its sign bit is set in {@code c} or in {@code -c}). clang emits {@code select} where the
   * C code chose between values with no side effects, often on data a branch predictor cannot
   * guess, and C2 compiled the conditional expression to a branch in some hot loops rather than a
   * conditional move: sort's merge loop, a {@code select} of which record comes next, ran 2229 ms
   * with the branch and 1710 ms without (docs/compiler.md, "Select").
   */
  public static int selectI32(int a, int b, int c) {
    return b ^ ((a ^ b) & ((c | -c) >> 31));
  }

  public static long selectI64(long a, long b, int c) {
    return b ^ ((a ^ b) & ((long) ((c | -c) >> 31)));
  }

  public static float selectF32(float a, float b, int c) {
    return c != 0 ? a : b;
  }

  public static double selectF64(double a, double b, int c) {
    return c != 0 ? a : b;
  }

  public static Object selectRef(Object a, Object b, int c) {
    return c != 0 ? a : b;
  }

  // ---- float operators that work on the bits (spec 4.3.3 fabs, fneg, fcopysign) ----

  public static float f32Abs(float a) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7FFF_FFFF);
  }

  public static float f32Neg(float a) {
    return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x8000_0000);
  }

  public static float f32Copysign(float a, float b) {
    return Float.intBitsToFloat(
        (Float.floatToRawIntBits(a) & 0x7FFF_FFFF) | (Float.floatToRawIntBits(b) & 0x8000_0000));
  }

  public static double f64Abs(double a) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Long.MAX_VALUE);
  }

  public static double f64Neg(double a) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ Long.MIN_VALUE);
  }

  public static double f64Copysign(double a, double b) {
    return Double.longBitsToDouble(
        (Double.doubleToRawLongBits(a) & Long.MAX_VALUE)
            | (Double.doubleToRawLongBits(b) & Long.MIN_VALUE));
  }

  // ---- conversions whose NaN handling is the interpreter's ----

  public static float f32DemoteF64(double a) {
    return Float.intBitsToFloat(Numerics.f32DemoteF64(Double.doubleToRawLongBits(a)));
  }

  public static double f64PromoteF32(float a) {
    return Double.longBitsToDouble(Numerics.f64PromoteF32(Float.floatToRawIntBits(a)));
  }

  public static float f32ConvertI32U(int a) {
    return (float) (a & 0xFFFF_FFFFL);
  }

  public static double f64ConvertI32U(int a) {
    return (double) (a & 0xFFFF_FFFFL);
  }

  // ---- references ----

  public static int refIsNull(Object r) {
    return r == null ? 1 : 0;
  }
}
