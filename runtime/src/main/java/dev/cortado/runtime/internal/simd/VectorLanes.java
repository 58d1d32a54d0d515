package dev.cortado.runtime.internal.simd;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD operations with the JDK Vector API ({@code jdk.incubator.vector}, 128-bit species), for
 * compiled code where that module is present (see {@code compiler.VectorSupport}): only loaded
 * then. Each method takes the operands' halves (two {@code long}s each, as compiled code holds a
 * v128), packs them into vectors, applies the lane operation and returns the result as a {@link
 * LongVector}, whose two lanes ({@link #lo}, {@link #hi}) are the result's halves. Inlined by C2,
 * packing and unpacking are register moves and the vector never exists as an object.
 *
 * <p>Only the families where the Vector API beats the scalar lane methods of this package by more
 * than packing and unpacking cost (measured by {@code bench/simd/VectorVsScalar.java} and the SIMD
 * kernels of the benchmark; see docs/compiler.md) are here: the {@code i8x16} and {@code i16x8}
 * operations (scalar code loops over their lanes), {@code f32x4} arithmetic and comparisons, and
 * swizzle. The {@code i32x4}, {@code i64x2} and {@code f64x2} operations are one or two 64-bit
 * operations per half in scalar code, which the Vector API does not beat. The results are the
 * spec's: wrapping integer arithmetic, shift counts modulo the lane width (masked here: the Vector
 * API rejects a count that does not fit the lane type), IEEE 754 float arithmetic (the same NaNs as
 * the scalar code), comparisons giving all-ones or zero lanes (a float compare with a NaN is false,
 * {@code ne} true).
 */
public final class VectorLanes {
  private static final VectorSpecies<Long> L = LongVector.SPECIES_128;
  private static final VectorSpecies<Integer> I = IntVector.SPECIES_128;
  private static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
  private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;

  private VectorLanes() {}

  /** The low half (bytes 0 to 7) of a result. */
  public static long lo(LongVector v) {
    return v.lane(0);
  }

  /** The high half (bytes 8 to 15) of a result. */
  public static long hi(LongVector v) {
    return v.lane(1);
  }

  private static LongVector l(long lo, long hi) {
    return LongVector.zero(L).withLane(0, lo).withLane(1, hi);
  }

  private static ByteVector b(long lo, long hi) {
    return l(lo, hi).reinterpretAsBytes();
  }

  private static ShortVector s(long lo, long hi) {
    return l(lo, hi).reinterpretAsShorts();
  }

  private static FloatVector f(long lo, long hi) {
    return l(lo, hi).reinterpretAsFloats();
  }

  private static LongVector r(Vector<?> v) {
    return v.reinterpretAsLongs();
  }

  /**
   * {@code i8x16.swizzle}: byte {@code s[i]} of {@code a}, or 0 where the (unsigned) index is 16 or
   * more: indices are clamped to 16, which selects from a zero vector.
   */
  public static LongVector swizzle(long aLo, long aHi, long sLo, long sHi) {
    ByteVector index = b(sLo, sHi).lanewise(VectorOperators.UMIN, (byte) 16);
    return r(index.selectFrom(b(aLo, aHi), ByteVector.zero(B)));
  }

  public static LongVector i8x16Add(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.ADD, b(bLo, bHi)));
  }

  public static LongVector i8x16Sub(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.SUB, b(bLo, bHi)));
  }

  public static LongVector i8x16AddSatS(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.SADD, b(bLo, bHi)));
  }

  public static LongVector i8x16AddSatU(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.SUADD, b(bLo, bHi)));
  }

  public static LongVector i8x16SubSatS(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.SSUB, b(bLo, bHi)));
  }

  public static LongVector i8x16SubSatU(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.SUSUB, b(bLo, bHi)));
  }

  public static LongVector i8x16MinS(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.MIN, b(bLo, bHi)));
  }

  public static LongVector i8x16MinU(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.UMIN, b(bLo, bHi)));
  }

  public static LongVector i8x16MaxS(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.MAX, b(bLo, bHi)));
  }

  public static LongVector i8x16MaxU(long aLo, long aHi, long bLo, long bHi) {
    return r(b(aLo, aHi).lanewise(VectorOperators.UMAX, b(bLo, bHi)));
  }

  public static LongVector i8x16Eq(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.EQ, b(bLo, bHi))));
  }

  public static LongVector i8x16Ne(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.NE, b(bLo, bHi))));
  }

  public static LongVector i8x16LtS(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.LT, b(bLo, bHi))));
  }

  public static LongVector i8x16LtU(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.ULT, b(bLo, bHi))));
  }

  public static LongVector i8x16GtS(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.GT, b(bLo, bHi))));
  }

  public static LongVector i8x16GtU(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.UGT, b(bLo, bHi))));
  }

  public static LongVector i8x16LeS(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.LE, b(bLo, bHi))));
  }

  public static LongVector i8x16LeU(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.ULE, b(bLo, bHi))));
  }

  public static LongVector i8x16GeS(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.GE, b(bLo, bHi))));
  }

  public static LongVector i8x16GeU(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ByteVector.zero(B).blend((byte) -1, b(aLo, aHi).compare(VectorOperators.UGE, b(bLo, bHi))));
  }

  public static LongVector i8x16Abs(long lo, long hi) {
    return r(b(lo, hi).lanewise(VectorOperators.ABS));
  }

  public static LongVector i8x16Neg(long lo, long hi) {
    return r(b(lo, hi).lanewise(VectorOperators.NEG));
  }

  public static LongVector i8x16Popcnt(long lo, long hi) {
    return r(b(lo, hi).lanewise(VectorOperators.BIT_COUNT));
  }

  public static LongVector i8x16Shl(long lo, long hi, int count) {
    return r(b(lo, hi).lanewise(VectorOperators.LSHL, (byte) (count & 7)));
  }

  public static LongVector i8x16ShrS(long lo, long hi, int count) {
    return r(b(lo, hi).lanewise(VectorOperators.ASHR, (byte) (count & 7)));
  }

  public static LongVector i8x16ShrU(long lo, long hi, int count) {
    return r(b(lo, hi).lanewise(VectorOperators.LSHR, (byte) (count & 7)));
  }

  public static LongVector i16x8Add(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.ADD, s(bLo, bHi)));
  }

  public static LongVector i16x8Sub(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.SUB, s(bLo, bHi)));
  }

  public static LongVector i16x8AddSatS(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.SADD, s(bLo, bHi)));
  }

  public static LongVector i16x8AddSatU(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.SUADD, s(bLo, bHi)));
  }

  public static LongVector i16x8SubSatS(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.SSUB, s(bLo, bHi)));
  }

  public static LongVector i16x8SubSatU(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.SUSUB, s(bLo, bHi)));
  }

  public static LongVector i16x8Mul(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.MUL, s(bLo, bHi)));
  }

  public static LongVector i16x8MinS(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.MIN, s(bLo, bHi)));
  }

  public static LongVector i16x8MinU(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.UMIN, s(bLo, bHi)));
  }

  public static LongVector i16x8MaxS(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.MAX, s(bLo, bHi)));
  }

  public static LongVector i16x8MaxU(long aLo, long aHi, long bLo, long bHi) {
    return r(s(aLo, aHi).lanewise(VectorOperators.UMAX, s(bLo, bHi)));
  }

  public static LongVector i16x8Eq(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.EQ, s(bLo, bHi))));
  }

  public static LongVector i16x8Ne(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.NE, s(bLo, bHi))));
  }

  public static LongVector i16x8LtS(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.LT, s(bLo, bHi))));
  }

  public static LongVector i16x8LtU(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.ULT, s(bLo, bHi))));
  }

  public static LongVector i16x8GtS(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.GT, s(bLo, bHi))));
  }

  public static LongVector i16x8GtU(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.UGT, s(bLo, bHi))));
  }

  public static LongVector i16x8LeS(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.LE, s(bLo, bHi))));
  }

  public static LongVector i16x8LeU(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.ULE, s(bLo, bHi))));
  }

  public static LongVector i16x8GeS(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.GE, s(bLo, bHi))));
  }

  public static LongVector i16x8GeU(long aLo, long aHi, long bLo, long bHi) {
    return r(
        ShortVector.zero(S)
            .blend((short) -1, s(aLo, aHi).compare(VectorOperators.UGE, s(bLo, bHi))));
  }

  public static LongVector i16x8Abs(long lo, long hi) {
    return r(s(lo, hi).lanewise(VectorOperators.ABS));
  }

  public static LongVector i16x8Neg(long lo, long hi) {
    return r(s(lo, hi).lanewise(VectorOperators.NEG));
  }

  public static LongVector i16x8Shl(long lo, long hi, int count) {
    return r(s(lo, hi).lanewise(VectorOperators.LSHL, (short) (count & 15)));
  }

  public static LongVector i16x8ShrS(long lo, long hi, int count) {
    return r(s(lo, hi).lanewise(VectorOperators.ASHR, (short) (count & 15)));
  }

  public static LongVector i16x8ShrU(long lo, long hi, int count) {
    return r(s(lo, hi).lanewise(VectorOperators.LSHR, (short) (count & 15)));
  }

  public static LongVector f32x4Add(long aLo, long aHi, long bLo, long bHi) {
    return r(f(aLo, aHi).lanewise(VectorOperators.ADD, f(bLo, bHi)));
  }

  public static LongVector f32x4Sub(long aLo, long aHi, long bLo, long bHi) {
    return r(f(aLo, aHi).lanewise(VectorOperators.SUB, f(bLo, bHi)));
  }

  public static LongVector f32x4Mul(long aLo, long aHi, long bLo, long bHi) {
    return r(f(aLo, aHi).lanewise(VectorOperators.MUL, f(bLo, bHi)));
  }

  public static LongVector f32x4Div(long aLo, long aHi, long bLo, long bHi) {
    return r(f(aLo, aHi).lanewise(VectorOperators.DIV, f(bLo, bHi)));
  }

  public static LongVector f32x4Sqrt(long lo, long hi) {
    return r(f(lo, hi).lanewise(VectorOperators.SQRT));
  }

  public static LongVector f32x4Eq(long aLo, long aHi, long bLo, long bHi) {
    return r(
        IntVector.zero(I).blend(-1, f(aLo, aHi).compare(VectorOperators.EQ, f(bLo, bHi)).cast(I)));
  }

  public static LongVector f32x4Ne(long aLo, long aHi, long bLo, long bHi) {
    return r(
        IntVector.zero(I).blend(-1, f(aLo, aHi).compare(VectorOperators.NE, f(bLo, bHi)).cast(I)));
  }

  public static LongVector f32x4Lt(long aLo, long aHi, long bLo, long bHi) {
    return r(
        IntVector.zero(I).blend(-1, f(aLo, aHi).compare(VectorOperators.LT, f(bLo, bHi)).cast(I)));
  }

  public static LongVector f32x4Gt(long aLo, long aHi, long bLo, long bHi) {
    return r(
        IntVector.zero(I).blend(-1, f(aLo, aHi).compare(VectorOperators.GT, f(bLo, bHi)).cast(I)));
  }

  public static LongVector f32x4Le(long aLo, long aHi, long bLo, long bHi) {
    return r(
        IntVector.zero(I).blend(-1, f(aLo, aHi).compare(VectorOperators.LE, f(bLo, bHi)).cast(I)));
  }

  public static LongVector f32x4Ge(long aLo, long aHi, long bLo, long bHi) {
    return r(
        IntVector.zero(I).blend(-1, f(aLo, aHi).compare(VectorOperators.GE, f(bLo, bHi)).cast(I)));
  }
}
