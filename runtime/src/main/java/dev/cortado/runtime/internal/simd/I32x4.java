package dev.cortado.runtime.internal.simd;

import dev.cortado.runtime.internal.Numerics;

/**
 * {@code i32x4} operations (spec 4.3.4), on 64-bit halves of 2 lanes unless noted: lane 0 of a half
 * is its low 32 bits, lane 1 its high 32 bits.
 */
public final class I32x4 {
  private static final long LOW = 0xFFFF_FFFFL;

  private I32x4() {}

  /** A half of the two lanes {@code l0} (low) and {@code l1} (high). */
  static long pack(int l0, int l1) {
    return (l0 & LOW) | ((long) l1 << 32);
  }

  private static long mask(boolean b0, boolean b1) {
    return (b0 ? LOW : 0) | (b1 ? ~LOW : 0);
  }

  /** Both halves of {@code i32x4.splat}. */
  public static long splat(int x) {
    return pack(x, x);
  }

  public static int extractLane(long lo, long hi, int lane) {
    return (int) ((lane < 2 ? lo : hi) >>> ((lane & 1) << 5));
  }

  /** The half that holds lane {@code lane}, with that lane replaced by {@code x}. */
  public static long replaceLane(long half, int lane, int x) {
    return (lane & 1) == 0 ? pack(x, (int) (half >>> 32)) : pack((int) half, x);
  }

  public static long eq(long a, long b) {
    return mask((int) a == (int) b, (a >>> 32) == (b >>> 32));
  }

  public static long ne(long a, long b) {
    return ~eq(a, b);
  }

  public static long ltS(long a, long b) {
    return mask((int) a < (int) b, (a >> 32) < (b >> 32));
  }

  public static long ltU(long a, long b) {
    return mask((a & LOW) < (b & LOW), (a >>> 32) < (b >>> 32));
  }

  public static long gtS(long a, long b) {
    return ltS(b, a);
  }

  public static long gtU(long a, long b) {
    return ltU(b, a);
  }

  public static long leS(long a, long b) {
    return ~ltS(b, a);
  }

  public static long leU(long a, long b) {
    return ~ltU(b, a);
  }

  public static long geS(long a, long b) {
    return ~ltS(a, b);
  }

  public static long geU(long a, long b) {
    return ~ltU(a, b);
  }

  /** Wrapping: the absolute value of the most negative lane is itself. */
  public static long abs(long half) {
    return pack(Math.abs((int) half), Math.abs((int) (half >>> 32)));
  }

  public static long neg(long half) {
    return pack(-(int) half, -(int) (half >>> 32));
  }

  public static int allTrue(long lo, long hi) {
    return (int) lo != 0 && (lo >>> 32) != 0 && (int) hi != 0 && (hi >>> 32) != 0 ? 1 : 0;
  }

  public static int bitmask(long lo, long hi) {
    return (int) (lo >>> 31 & 1)
        | (int) (lo >>> 63) << 1
        | (int) (hi >>> 31 & 1) << 2
        | (int) (hi >>> 63) << 3;
  }

  /**
   * Two {@code i16} lanes (the low or high 32 bits of an {@code i16x8} half) sign-extended: one
   * result half of {@code i32x4.extend_low/high_i16x8_s}.
   */
  public static long extendS(int twoLanes) {
    return pack((short) twoLanes, twoLanes >> 16);
  }

  public static long extendU(int twoLanes) {
    return pack(twoLanes & 0xFFFF, twoLanes >>> 16);
  }

  /** One result half of {@code i32x4.extmul_*_i16x8_s}: two lanes of each operand multiplied. */
  public static long extmulS(int a, int b) {
    return pack((short) a * (short) b, (a >> 16) * (b >> 16));
  }

  /** As {@link #extmulS} with unsigned lanes; the products wrap to 32 bits as the spec says. */
  public static long extmulU(int a, int b) {
    return pack((a & 0xFFFF) * (b & 0xFFFF), (a >>> 16) * (b >>> 16));
  }

  /** {@code i32x4.extadd_pairwise_i16x8_s} on a half: sums of adjacent signed {@code i16}s. */
  public static long extaddPairwiseS(long half) {
    return pack(I16x8.s(half, 0) + I16x8.s(half, 1), I16x8.s(half, 2) + I16x8.s(half, 3));
  }

  public static long extaddPairwiseU(long half) {
    return pack(I16x8.u(half, 0) + I16x8.u(half, 1), I16x8.u(half, 2) + I16x8.u(half, 3));
  }

  /**
   * {@code i32x4.dot_i16x8_s} on a half: each lane is the sum of the products of two adjacent
   * signed {@code i16} lanes (wrapping, which only -32768 * -32768 * 2 does).
   */
  public static long dotI16x8S(long a, long b) {
    return pack(
        I16x8.s(a, 0) * I16x8.s(b, 0) + I16x8.s(a, 1) * I16x8.s(b, 1),
        I16x8.s(a, 2) * I16x8.s(b, 2) + I16x8.s(a, 3) * I16x8.s(b, 3));
  }

  public static long shl(long half, int count) {
    int n = count & 31;
    return pack((int) half << n, (int) (half >>> 32) << n);
  }

  public static long shrS(long half, int count) {
    int n = count & 31;
    return pack((int) half >> n, (int) (half >>> 32) >> n);
  }

  public static long shrU(long half, int count) {
    int n = count & 31;
    return pack((int) half >>> n, (int) (half >>> 32) >>> n);
  }

  public static long add(long a, long b) {
    return pack((int) a + (int) b, (int) (a >>> 32) + (int) (b >>> 32));
  }

  public static long sub(long a, long b) {
    return pack((int) a - (int) b, (int) (a >>> 32) - (int) (b >>> 32));
  }

  public static long mul(long a, long b) {
    return pack((int) a * (int) b, (int) (a >>> 32) * (int) (b >>> 32));
  }

  public static long minS(long a, long b) {
    return pack(Math.min((int) a, (int) b), Math.min((int) (a >>> 32), (int) (b >>> 32)));
  }

  public static long minU(long a, long b) {
    return pack(
        Integer.compareUnsigned((int) a, (int) b) < 0 ? (int) a : (int) b,
        (a >>> 32) < (b >>> 32) ? (int) (a >>> 32) : (int) (b >>> 32));
  }

  public static long maxS(long a, long b) {
    return pack(Math.max((int) a, (int) b), Math.max((int) (a >>> 32), (int) (b >>> 32)));
  }

  public static long maxU(long a, long b) {
    return pack(
        Integer.compareUnsigned((int) a, (int) b) > 0 ? (int) a : (int) b,
        (a >>> 32) > (b >>> 32) ? (int) (a >>> 32) : (int) (b >>> 32));
  }

  /** {@code i32x4.trunc_sat_f32x4_s} on a half: Java's float-to-int cast saturates, NaN to 0. */
  public static long truncSatF32x4S(long half) {
    return pack((int) F32x4.f(half, 0), (int) F32x4.f(half, 1));
  }

  public static long truncSatF32x4U(long half) {
    return pack(
        Numerics.i32TruncSatF32U(F32x4.f(half, 0)), Numerics.i32TruncSatF32U(F32x4.f(half, 1)));
  }

  /**
   * The low half of {@code i32x4.trunc_sat_f64x2_s_zero}: the two {@code f64} lanes truncated with
   * saturation (the high half is zero).
   */
  public static long truncSatF64x2SZero(long lo, long hi) {
    return pack((int) Double.longBitsToDouble(lo), (int) Double.longBitsToDouble(hi));
  }

  public static long truncSatF64x2UZero(long lo, long hi) {
    return pack(
        Numerics.i32TruncSatF64U(Double.longBitsToDouble(lo)),
        Numerics.i32TruncSatF64U(Double.longBitsToDouble(hi)));
  }
}
