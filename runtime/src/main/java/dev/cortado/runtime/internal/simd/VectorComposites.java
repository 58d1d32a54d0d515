package dev.cortado.runtime.internal.simd;

import static dev.cortado.runtime.internal.simd.VectorLanes.B;
import static dev.cortado.runtime.internal.simd.VectorLanes.I;
import static dev.cortado.runtime.internal.simd.VectorLanes.L;
import static dev.cortado.runtime.internal.simd.VectorLanes.S;
import static dev.cortado.runtime.internal.simd.VectorLanes.b;
import static dev.cortado.runtime.internal.simd.VectorLanes.d;
import static dev.cortado.runtime.internal.simd.VectorLanes.f;
import static dev.cortado.runtime.internal.simd.VectorLanes.l;
import static dev.cortado.runtime.internal.simd.VectorLanes.r;
import static dev.cortado.runtime.internal.simd.VectorLanes.s;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.I2S;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.S2B;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;

/**
 * SIMD instructions the Vector API has no single operation for, written exactly as a few of its
 * operations, on the {@link IntVector} carrier of {@link VectorLanes}: narrowing, {@code extmul},
 * {@code dot}, {@code avgr_u}, {@code pmin}, {@code pmax}. Named after the mnemonic, like {@link
 * VectorLanes}; {@code VectorLanesTest} checks each against the scalar lane methods. Only loaded
 * where {@code jdk.incubator.vector} is present.
 */
public final class VectorComposites {
  private VectorComposites() {}

  // ---- narrowing (spec 4.4.3.11: each lane saturated to the narrower type, a's lanes first) ----

  /** Each 16-bit lane of {@code a} then {@code b} clamped to [lo, hi] and truncated to a byte. */
  private static IntVector narrow16(IntVector a, IntVector b, short lo, short hi) {
    ShortVector x = s(a).lanewise(MAX, lo).lanewise(MIN, hi);
    ShortVector y = s(b).lanewise(MAX, lo).lanewise(MIN, hi);
    // A contracting conversion: part 0 fills the low half of the result, part -1 the high half.
    return r(x.convertShape(S2B, B, 0)).or(r(y.convertShape(S2B, B, -1)));
  }

  private static IntVector narrow32(IntVector a, IntVector b, int lo, int hi) {
    IntVector x = a.lanewise(MAX, lo).lanewise(MIN, hi);
    IntVector y = b.lanewise(MAX, lo).lanewise(MIN, hi);
    return r(x.convertShape(I2S, S, 0)).or(r(y.convertShape(I2S, S, -1)));
  }

  public static IntVector i8x16NarrowI16x8S(IntVector a, IntVector b) {
    return narrow16(a, b, Byte.MIN_VALUE, Byte.MAX_VALUE);
  }

  public static IntVector i8x16NarrowI16x8U(IntVector a, IntVector b) {
    return narrow16(a, b, (short) 0, (short) 0xFF);
  }

  public static IntVector i16x8NarrowI32x4S(IntVector a, IntVector b) {
    return narrow32(a, b, Short.MIN_VALUE, Short.MAX_VALUE);
  }

  public static IntVector i16x8NarrowI32x4U(IntVector a, IntVector b) {
    return narrow32(a, b, 0, 0xFFFF);
  }

  // ---- extmul: both operands widened (low or high half), then multiplied at the wide width ----

  public static IntVector i16x8ExtmulLowI8x16S(IntVector a, IntVector b) {
    return VectorLanes.i16x8Mul(
        VectorOps.i16x8ExtendLowI8x16S(a), VectorOps.i16x8ExtendLowI8x16S(b));
  }

  public static IntVector i16x8ExtmulHighI8x16S(IntVector a, IntVector b) {
    return VectorLanes.i16x8Mul(
        VectorOps.i16x8ExtendHighI8x16S(a), VectorOps.i16x8ExtendHighI8x16S(b));
  }

  public static IntVector i16x8ExtmulLowI8x16U(IntVector a, IntVector b) {
    return VectorLanes.i16x8Mul(
        VectorOps.i16x8ExtendLowI8x16U(a), VectorOps.i16x8ExtendLowI8x16U(b));
  }

  public static IntVector i16x8ExtmulHighI8x16U(IntVector a, IntVector b) {
    return VectorLanes.i16x8Mul(
        VectorOps.i16x8ExtendHighI8x16U(a), VectorOps.i16x8ExtendHighI8x16U(b));
  }

  public static IntVector i32x4ExtmulLowI16x8S(IntVector a, IntVector b) {
    return VectorOps.i32x4ExtendLowI16x8S(a).mul(VectorOps.i32x4ExtendLowI16x8S(b));
  }

  public static IntVector i32x4ExtmulHighI16x8S(IntVector a, IntVector b) {
    return VectorOps.i32x4ExtendHighI16x8S(a).mul(VectorOps.i32x4ExtendHighI16x8S(b));
  }

  public static IntVector i32x4ExtmulLowI16x8U(IntVector a, IntVector b) {
    return VectorOps.i32x4ExtendLowI16x8U(a).mul(VectorOps.i32x4ExtendLowI16x8U(b));
  }

  public static IntVector i32x4ExtmulHighI16x8U(IntVector a, IntVector b) {
    return VectorOps.i32x4ExtendHighI16x8U(a).mul(VectorOps.i32x4ExtendHighI16x8U(b));
  }

  public static IntVector i64x2ExtmulLowI32x4S(IntVector a, IntVector b) {
    return VectorLanes.i64x2Mul(
        VectorOps.i64x2ExtendLowI32x4S(a), VectorOps.i64x2ExtendLowI32x4S(b));
  }

  public static IntVector i64x2ExtmulHighI32x4S(IntVector a, IntVector b) {
    return VectorLanes.i64x2Mul(
        VectorOps.i64x2ExtendHighI32x4S(a), VectorOps.i64x2ExtendHighI32x4S(b));
  }

  public static IntVector i64x2ExtmulLowI32x4U(IntVector a, IntVector b) {
    return VectorLanes.i64x2Mul(
        VectorOps.i64x2ExtendLowI32x4U(a), VectorOps.i64x2ExtendLowI32x4U(b));
  }

  public static IntVector i64x2ExtmulHighI32x4U(IntVector a, IntVector b) {
    return VectorLanes.i64x2Mul(
        VectorOps.i64x2ExtendHighI32x4U(a), VectorOps.i64x2ExtendHighI32x4U(b));
  }

  // ---- dot, averages ----

  /**
   * {@code i32x4.dot_i16x8_s}: lane i is {@code a[2i]*b[2i] + a[2i+1]*b[2i+1]} of the signed 16-bit
   * lanes, wrapping at 32 bits (only all four -32768 overflow). Lane {@code 2i} is the low half of
   * 32-bit lane {@code i} (little-endian), sign-extended by shifting it up and back.
   */
  public static IntVector i32x4DotI16x8S(IntVector a, IntVector b) {
    IntVector even = a.lanewise(LSHL, 16).lanewise(ASHR, 16);
    IntVector evenB = b.lanewise(LSHL, 16).lanewise(ASHR, 16);
    return even.mul(evenB).add(a.lanewise(ASHR, 16).mul(b.lanewise(ASHR, 16)));
  }

  /**
   * {@code i8x16.avgr_u}: {@code (a + b + 1) / 2} of unsigned lanes, without widening: {@code (a |
   * b) - ((a ^ b) >>> 1)}, since {@code a + b = 2(a & b) + (a ^ b)} and {@code a | b = (a & b) + (a
   * ^ b)}.
   */
  public static IntVector i8x16AvgrU(IntVector a, IntVector b) {
    ByteVector x = b(a);
    ByteVector y = b(b);
    return r(x.or(y).sub(x.lanewise(XOR, y).lanewise(LSHR, 1)));
  }

  public static IntVector i16x8AvgrU(IntVector a, IntVector b) {
    ShortVector x = s(a);
    ShortVector y = s(b);
    return r(x.or(y).sub(x.lanewise(XOR, y).lanewise(LSHR, 1)));
  }

  // ---- pseudo-minimum and maximum (spec 4.3.3: b < a ? b : a, the selected lane's bits) ----

  public static IntVector f32x4Pmin(IntVector a, IntVector b) {
    return a.blend(b, f(b).compare(LT, f(a)).cast(I));
  }

  public static IntVector f32x4Pmax(IntVector a, IntVector b) {
    return a.blend(b, f(a).compare(LT, f(b)).cast(I));
  }

  public static IntVector f64x2Pmin(IntVector a, IntVector b) {
    return r(l(a).blend(l(b), d(b).compare(LT, d(a)).cast(L)));
  }

  public static IntVector f64x2Pmax(IntVector a, IntVector b) {
    return r(l(a).blend(l(b), d(a).compare(LT, d(b)).cast(L)));
  }
}
