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

  public static int selectI32(int a, int b, int c) {
    return c != 0 ? a : b;
  }

  public static long selectI64(long a, long b, int c) {
    return c != 0 ? a : b;
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
