package dev.cortado.runtime.internal.simd;

import dev.cortado.runtime.internal.Numerics;

/**
 * {@code f32x4} operations (spec 4.3.4), on 64-bit halves of 2 lanes (raw bits; lane 0 low). NaN
 * rules are those of the scalar operators ({@link Numerics}): arithmetic results that are NaN are
 * quiet NaNs; {@code abs}, {@code neg}, {@code pmin} and {@code pmax} keep the bits they select.
 */
public final class F32x4 {
  private static final long LOW = 0xFFFF_FFFFL;
  private static final long SIGNS = 0x8000_0000_8000_0000L;

  private F32x4() {}

  /** Lane {@code i} (0 or 1) of {@code half} as a float. */
  static float f(long half, int i) {
    return Float.intBitsToFloat((int) (half >>> (i << 5)));
  }

  /** Lane {@code i}'s raw bits. */
  private static int bits(long half, int i) {
    return (int) (half >>> (i << 5));
  }

  private static long pack(float l0, float l1) {
    return I32x4.pack(Float.floatToRawIntBits(l0), Float.floatToRawIntBits(l1));
  }

  private static long mask(boolean b0, boolean b1) {
    return (b0 ? LOW : 0) | (b1 ? ~LOW : 0);
  }

  /** Both halves of {@code f32x4.splat} of the raw bits {@code x}. */
  public static long splat(int x) {
    return I32x4.pack(x, x);
  }

  public static long eq(long a, long b) {
    return mask(f(a, 0) == f(b, 0), f(a, 1) == f(b, 1));
  }

  public static long ne(long a, long b) {
    return mask(f(a, 0) != f(b, 0), f(a, 1) != f(b, 1));
  }

  public static long lt(long a, long b) {
    return mask(f(a, 0) < f(b, 0), f(a, 1) < f(b, 1));
  }

  public static long gt(long a, long b) {
    return mask(f(a, 0) > f(b, 0), f(a, 1) > f(b, 1));
  }

  public static long le(long a, long b) {
    return mask(f(a, 0) <= f(b, 0), f(a, 1) <= f(b, 1));
  }

  public static long ge(long a, long b) {
    return mask(f(a, 0) >= f(b, 0), f(a, 1) >= f(b, 1));
  }

  public static long abs(long half) {
    return half & ~SIGNS;
  }

  public static long neg(long half) {
    return half ^ SIGNS;
  }

  public static long ceil(long half) {
    return pack(Numerics.f32Ceil(f(half, 0)), Numerics.f32Ceil(f(half, 1)));
  }

  public static long floor(long half) {
    return pack(Numerics.f32Floor(f(half, 0)), Numerics.f32Floor(f(half, 1)));
  }

  public static long trunc(long half) {
    return pack(Numerics.f32Trunc(f(half, 0)), Numerics.f32Trunc(f(half, 1)));
  }

  public static long nearest(long half) {
    return pack(Numerics.f32Nearest(f(half, 0)), Numerics.f32Nearest(f(half, 1)));
  }

  public static long sqrt(long half) {
    return pack(Numerics.f32Sqrt(f(half, 0)), Numerics.f32Sqrt(f(half, 1)));
  }

  public static long add(long a, long b) {
    return pack(f(a, 0) + f(b, 0), f(a, 1) + f(b, 1));
  }

  public static long sub(long a, long b) {
    return pack(f(a, 0) - f(b, 0), f(a, 1) - f(b, 1));
  }

  public static long mul(long a, long b) {
    return pack(f(a, 0) * f(b, 0), f(a, 1) * f(b, 1));
  }

  public static long div(long a, long b) {
    return pack(f(a, 0) / f(b, 0), f(a, 1) / f(b, 1));
  }

  public static long min(long a, long b) {
    return pack(Numerics.f32Min(f(a, 0), f(b, 0)), Numerics.f32Min(f(a, 1), f(b, 1)));
  }

  public static long max(long a, long b) {
    return pack(Numerics.f32Max(f(a, 0), f(b, 0)), Numerics.f32Max(f(a, 1), f(b, 1)));
  }

  /** Pseudo-minimum {@code b < a ? b : a}: the selected operand's bits, NaNs included. */
  public static long pmin(long a, long b) {
    return I32x4.pack(
        f(b, 0) < f(a, 0) ? bits(b, 0) : bits(a, 0), f(b, 1) < f(a, 1) ? bits(b, 1) : bits(a, 1));
  }

  /** Pseudo-maximum {@code a < b ? b : a}. */
  public static long pmax(long a, long b) {
    return I32x4.pack(
        f(a, 0) < f(b, 0) ? bits(b, 0) : bits(a, 0), f(a, 1) < f(b, 1) ? bits(b, 1) : bits(a, 1));
  }

  /** {@code f32x4.convert_i32x4_s} on a half: each signed lane rounded to nearest. */
  public static long convertI32x4S(long half) {
    return pack((float) (int) half, (float) (int) (half >>> 32));
  }

  public static long convertI32x4U(long half) {
    return pack((float) (half & LOW), (float) (half >>> 32));
  }

  /**
   * The low half of {@code f32x4.demote_f64x2_zero}: the two {@code f64} lanes {@code lo} and
   * {@code hi} rounded to {@code f32} (the high half is zero).
   */
  public static long demoteF64x2Zero(long lo, long hi) {
    return I32x4.pack(Numerics.f32DemoteF64(lo), Numerics.f32DemoteF64(hi));
  }
}
