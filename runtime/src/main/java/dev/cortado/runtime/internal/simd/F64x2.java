package dev.cortado.runtime.internal.simd;

import dev.cortado.runtime.internal.Numerics;

/**
 * {@code f64x2} operations (spec 4.3.4). Each 64-bit half is one lane (raw bits); NaN rules are
 * those of the scalar operators ({@link Numerics}).
 */
public final class F64x2 {
  private F64x2() {}

  private static double d(long bits) {
    return Double.longBitsToDouble(bits);
  }

  private static long bits(double d) {
    return Double.doubleToRawLongBits(d);
  }

  private static long mask(boolean b) {
    return b ? -1L : 0;
  }

  public static long eq(long a, long b) {
    return mask(d(a) == d(b));
  }

  public static long ne(long a, long b) {
    return mask(d(a) != d(b));
  }

  public static long lt(long a, long b) {
    return mask(d(a) < d(b));
  }

  public static long gt(long a, long b) {
    return mask(d(a) > d(b));
  }

  public static long le(long a, long b) {
    return mask(d(a) <= d(b));
  }

  public static long ge(long a, long b) {
    return mask(d(a) >= d(b));
  }

  public static long abs(long lane) {
    return lane & Long.MAX_VALUE;
  }

  public static long neg(long lane) {
    return lane ^ Long.MIN_VALUE;
  }

  public static long ceil(long lane) {
    return bits(Numerics.f64Ceil(d(lane)));
  }

  public static long floor(long lane) {
    return bits(Numerics.f64Floor(d(lane)));
  }

  public static long trunc(long lane) {
    return bits(Numerics.f64Trunc(d(lane)));
  }

  public static long nearest(long lane) {
    return bits(Numerics.f64Nearest(d(lane)));
  }

  public static long sqrt(long lane) {
    return bits(Numerics.f64Sqrt(d(lane)));
  }

  public static long add(long a, long b) {
    return bits(d(a) + d(b));
  }

  public static long sub(long a, long b) {
    return bits(d(a) - d(b));
  }

  public static long mul(long a, long b) {
    return bits(d(a) * d(b));
  }

  public static long div(long a, long b) {
    return bits(d(a) / d(b));
  }

  public static long min(long a, long b) {
    return bits(Numerics.f64Min(d(a), d(b)));
  }

  public static long max(long a, long b) {
    return bits(Numerics.f64Max(d(a), d(b)));
  }

  /** Pseudo-minimum {@code b < a ? b : a}: the selected operand's bits, NaNs included. */
  public static long pmin(long a, long b) {
    return d(b) < d(a) ? b : a;
  }

  /** Pseudo-maximum {@code a < b ? b : a}. */
  public static long pmax(long a, long b) {
    return d(a) < d(b) ? b : a;
  }

  /** One lane of {@code f64x2.convert_low_i32x4_s}: a signed {@code i32} lane, exactly. */
  public static long convertS(int lane) {
    return bits(lane);
  }

  public static long convertU(int lane) {
    return bits(lane & 0xFFFF_FFFFL);
  }

  /** One lane of {@code f64x2.promote_low_f32x4}: an {@code f32} lane's raw bits, exactly. */
  public static long promote(int f32Bits) {
    return Numerics.f64PromoteF32(f32Bits);
  }
}
