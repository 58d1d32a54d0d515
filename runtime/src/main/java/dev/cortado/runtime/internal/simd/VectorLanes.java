package dev.cortado.runtime.internal.simd;

import static jdk.incubator.vector.VectorOperators.ABS;
import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.AND;
import static jdk.incubator.vector.VectorOperators.AND_NOT;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.BIT_COUNT;
import static jdk.incubator.vector.VectorOperators.DIV;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.MAX;
import static jdk.incubator.vector.VectorOperators.MIN;
import static jdk.incubator.vector.VectorOperators.MUL;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.NEG;
import static jdk.incubator.vector.VectorOperators.NOT;
import static jdk.incubator.vector.VectorOperators.OR;
import static jdk.incubator.vector.VectorOperators.SADD;
import static jdk.incubator.vector.VectorOperators.SQRT;
import static jdk.incubator.vector.VectorOperators.SSUB;
import static jdk.incubator.vector.VectorOperators.SUADD;
import static jdk.incubator.vector.VectorOperators.SUB;
import static jdk.incubator.vector.VectorOperators.SUSUB;
import static jdk.incubator.vector.VectorOperators.UGE;
import static jdk.incubator.vector.VectorOperators.UGT;
import static jdk.incubator.vector.VectorOperators.ULE;
import static jdk.incubator.vector.VectorOperators.ULT;
import static jdk.incubator.vector.VectorOperators.UMAX;
import static jdk.incubator.vector.VectorOperators.UMIN;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane-wise SIMD instructions with the JDK Vector API ({@code jdk.incubator.vector}, 128-bit
 * species), for compiled code that holds a v128 as a {@link LongVector} of two lanes (see {@code
 * compiler.JvmTypes#VECTORS}): only loaded where that module is present. Each method is one
 * instruction, named after its mnemonic ({@code i8x16.add_sat_s} is {@code i8x16AddSatS}), takes
 * and returns {@code IntVector}s and reinterprets them as the instruction's lane shape where that
 * is not {@code i32x4}, which costs no instruction: inlined by C2, each is one or a few vector
 * instructions on XMM registers. {@code IntVector} is the carrier because {@code i32x4} is the
 * commonest shape in compiled C, and every reinterpretation C2 parses counts towards its limit of
 * nodes per compilation (NodeCountInliningCutoff), past which the rest of a method is not inlined.
 * Other instructions (memory, lanes, shuffles, conversions) are in {@link VectorOps}.
 *
 * <p>An instruction missing here is compiled as its scalar lane method on the two halves (see
 * {@code compiler.SimdEmitter}), because the Vector API has no such operation or no exact one:
 * {@code q15mulr_sat_s}, {@code extadd_pairwise}, float {@code min}, {@code max} (NaN and
 * signed-zero rules), rounding; or is in {@link VectorComposites} (narrowing, {@code extmul},
 * {@code dot}, {@code avgr_u}, {@code pmin}, {@code pmax}), written as several operations. The
 * results are the spec's: wrapping integer arithmetic, shift counts modulo the lane width (masked
 * here: the Vector API rejects a count that does not fit the lane type), IEEE 754 float arithmetic
 * (NaN results are the hardware's default or quieted operand NaNs, as the scalar code's), float abs
 * and neg on the sign bit alone, comparisons giving all-ones or zero lanes (a float compare with a
 * NaN is false, {@code ne} true). {@code VectorLanesTest} checks each method against the scalar
 * one.
 */
public final class VectorLanes {
  static final VectorSpecies<Long> L = LongVector.SPECIES_128;
  static final VectorSpecies<Integer> I = IntVector.SPECIES_128;
  static final VectorSpecies<Short> S = ShortVector.SPECIES_128;
  static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;

  private VectorLanes() {}

  /** A v128 from its halves (bytes 0 to 7, bytes 8 to 15). */
  public static IntVector pack(long lo, long hi) {
    return LongVector.zero(L).withLane(0, lo).withLane(1, hi).reinterpretAsInts();
  }

  /** The low half (bytes 0 to 7). */
  public static long lo(IntVector v) {
    return v.reinterpretAsLongs().lane(0);
  }

  /** The high half (bytes 8 to 15). */
  public static long hi(IntVector v) {
    return v.reinterpretAsLongs().lane(1);
  }

  /** {@code select} (spec 4.4.4): {@code a} if {@code c} is not zero, else {@code b}. */
  public static IntVector select(IntVector a, IntVector b, int c) {
    return c != 0 ? a : b;
  }

  static ByteVector b(IntVector v) {
    return v.reinterpretAsBytes();
  }

  static ShortVector s(IntVector v) {
    return v.reinterpretAsShorts();
  }

  static LongVector l(IntVector v) {
    return v.reinterpretAsLongs();
  }

  static FloatVector f(IntVector v) {
    return v.reinterpretAsFloats();
  }

  static DoubleVector d(IntVector v) {
    return v.reinterpretAsDoubles();
  }

  static IntVector r(Vector<?> v) {
    return v.reinterpretAsInts();
  }

  /** All-ones lanes where {@code m} is set, of {@code m}'s integer lane type. */
  private static IntVector ones(VectorMask<?> m) {
    return r(m.toVector());
  }

  /** All-ones 32-bit lanes where the float mask {@code m} is set. */
  private static IntVector onesF(VectorMask<Float> m) {
    return IntVector.zero(I).blend(-1, m.cast(I));
  }

  /** All-ones 64-bit lanes where the double mask {@code m} is set. */
  private static IntVector onesD(VectorMask<Double> m) {
    return r(LongVector.zero(L).blend(-1L, m.cast(L)));
  }

  // ---- v128 ----

  public static IntVector v128Not(IntVector a) {
    return a.lanewise(NOT);
  }

  public static IntVector v128And(IntVector a, IntVector b) {
    return a.lanewise(AND, b);
  }

  public static IntVector v128Andnot(IntVector a, IntVector b) {
    return a.lanewise(AND_NOT, b);
  }

  public static IntVector v128Or(IntVector a, IntVector b) {
    return a.lanewise(OR, b);
  }

  public static IntVector v128Xor(IntVector a, IntVector b) {
    return a.lanewise(XOR, b);
  }

  // ---- i8x16 ----

  public static IntVector i8x16Add(IntVector a, IntVector b) {
    return r(b(a).lanewise(ADD, b(b)));
  }

  public static IntVector i8x16Sub(IntVector a, IntVector b) {
    return r(b(a).lanewise(SUB, b(b)));
  }

  public static IntVector i8x16MinS(IntVector a, IntVector b) {
    return r(b(a).lanewise(MIN, b(b)));
  }

  public static IntVector i8x16MinU(IntVector a, IntVector b) {
    return r(b(a).lanewise(UMIN, b(b)));
  }

  public static IntVector i8x16MaxS(IntVector a, IntVector b) {
    return r(b(a).lanewise(MAX, b(b)));
  }

  public static IntVector i8x16MaxU(IntVector a, IntVector b) {
    return r(b(a).lanewise(UMAX, b(b)));
  }

  public static IntVector i8x16AddSatS(IntVector a, IntVector b) {
    return r(b(a).lanewise(SADD, b(b)));
  }

  public static IntVector i8x16AddSatU(IntVector a, IntVector b) {
    return r(b(a).lanewise(SUADD, b(b)));
  }

  public static IntVector i8x16SubSatS(IntVector a, IntVector b) {
    return r(b(a).lanewise(SSUB, b(b)));
  }

  public static IntVector i8x16SubSatU(IntVector a, IntVector b) {
    return r(b(a).lanewise(SUSUB, b(b)));
  }

  public static IntVector i8x16Eq(IntVector a, IntVector b) {
    return ones(b(a).compare(EQ, b(b)));
  }

  public static IntVector i8x16Ne(IntVector a, IntVector b) {
    return ones(b(a).compare(NE, b(b)));
  }

  public static IntVector i8x16LtS(IntVector a, IntVector b) {
    return ones(b(a).compare(LT, b(b)));
  }

  public static IntVector i8x16LtU(IntVector a, IntVector b) {
    return ones(b(a).compare(ULT, b(b)));
  }

  public static IntVector i8x16GtS(IntVector a, IntVector b) {
    return ones(b(a).compare(GT, b(b)));
  }

  public static IntVector i8x16GtU(IntVector a, IntVector b) {
    return ones(b(a).compare(UGT, b(b)));
  }

  public static IntVector i8x16LeS(IntVector a, IntVector b) {
    return ones(b(a).compare(LE, b(b)));
  }

  public static IntVector i8x16LeU(IntVector a, IntVector b) {
    return ones(b(a).compare(ULE, b(b)));
  }

  public static IntVector i8x16GeS(IntVector a, IntVector b) {
    return ones(b(a).compare(GE, b(b)));
  }

  public static IntVector i8x16GeU(IntVector a, IntVector b) {
    return ones(b(a).compare(UGE, b(b)));
  }

  public static IntVector i8x16Abs(IntVector a) {
    return r(b(a).lanewise(ABS));
  }

  public static IntVector i8x16Neg(IntVector a) {
    return r(b(a).lanewise(NEG));
  }

  public static IntVector i8x16Popcnt(IntVector a) {
    return r(b(a).lanewise(BIT_COUNT));
  }

  public static IntVector i8x16Shl(IntVector a, int count) {
    return r(b(a).lanewise(LSHL, (byte) (count & 7)));
  }

  public static IntVector i8x16ShrS(IntVector a, int count) {
    return r(b(a).lanewise(ASHR, (byte) (count & 7)));
  }

  public static IntVector i8x16ShrU(IntVector a, int count) {
    return r(b(a).lanewise(LSHR, (byte) (count & 7)));
  }

  // ---- i16x8 ----

  public static IntVector i16x8Add(IntVector a, IntVector b) {
    return r(s(a).lanewise(ADD, s(b)));
  }

  public static IntVector i16x8Sub(IntVector a, IntVector b) {
    return r(s(a).lanewise(SUB, s(b)));
  }

  public static IntVector i16x8MinS(IntVector a, IntVector b) {
    return r(s(a).lanewise(MIN, s(b)));
  }

  public static IntVector i16x8MinU(IntVector a, IntVector b) {
    return r(s(a).lanewise(UMIN, s(b)));
  }

  public static IntVector i16x8MaxS(IntVector a, IntVector b) {
    return r(s(a).lanewise(MAX, s(b)));
  }

  public static IntVector i16x8MaxU(IntVector a, IntVector b) {
    return r(s(a).lanewise(UMAX, s(b)));
  }

  public static IntVector i16x8AddSatS(IntVector a, IntVector b) {
    return r(s(a).lanewise(SADD, s(b)));
  }

  public static IntVector i16x8AddSatU(IntVector a, IntVector b) {
    return r(s(a).lanewise(SUADD, s(b)));
  }

  public static IntVector i16x8SubSatS(IntVector a, IntVector b) {
    return r(s(a).lanewise(SSUB, s(b)));
  }

  public static IntVector i16x8SubSatU(IntVector a, IntVector b) {
    return r(s(a).lanewise(SUSUB, s(b)));
  }

  public static IntVector i16x8Mul(IntVector a, IntVector b) {
    return r(s(a).lanewise(MUL, s(b)));
  }

  public static IntVector i16x8Eq(IntVector a, IntVector b) {
    return ones(s(a).compare(EQ, s(b)));
  }

  public static IntVector i16x8Ne(IntVector a, IntVector b) {
    return ones(s(a).compare(NE, s(b)));
  }

  public static IntVector i16x8LtS(IntVector a, IntVector b) {
    return ones(s(a).compare(LT, s(b)));
  }

  public static IntVector i16x8LtU(IntVector a, IntVector b) {
    return ones(s(a).compare(ULT, s(b)));
  }

  public static IntVector i16x8GtS(IntVector a, IntVector b) {
    return ones(s(a).compare(GT, s(b)));
  }

  public static IntVector i16x8GtU(IntVector a, IntVector b) {
    return ones(s(a).compare(UGT, s(b)));
  }

  public static IntVector i16x8LeS(IntVector a, IntVector b) {
    return ones(s(a).compare(LE, s(b)));
  }

  public static IntVector i16x8LeU(IntVector a, IntVector b) {
    return ones(s(a).compare(ULE, s(b)));
  }

  public static IntVector i16x8GeS(IntVector a, IntVector b) {
    return ones(s(a).compare(GE, s(b)));
  }

  public static IntVector i16x8GeU(IntVector a, IntVector b) {
    return ones(s(a).compare(UGE, s(b)));
  }

  public static IntVector i16x8Abs(IntVector a) {
    return r(s(a).lanewise(ABS));
  }

  public static IntVector i16x8Neg(IntVector a) {
    return r(s(a).lanewise(NEG));
  }

  public static IntVector i16x8Shl(IntVector a, int count) {
    return r(s(a).lanewise(LSHL, (short) (count & 15)));
  }

  public static IntVector i16x8ShrS(IntVector a, int count) {
    return r(s(a).lanewise(ASHR, (short) (count & 15)));
  }

  public static IntVector i16x8ShrU(IntVector a, int count) {
    return r(s(a).lanewise(LSHR, (short) (count & 15)));
  }

  // ---- i32x4 ----

  public static IntVector i32x4Add(IntVector a, IntVector b) {
    return a.lanewise(ADD, b);
  }

  public static IntVector i32x4Sub(IntVector a, IntVector b) {
    return a.lanewise(SUB, b);
  }

  public static IntVector i32x4MinS(IntVector a, IntVector b) {
    return a.lanewise(MIN, b);
  }

  public static IntVector i32x4MinU(IntVector a, IntVector b) {
    return a.lanewise(UMIN, b);
  }

  public static IntVector i32x4MaxS(IntVector a, IntVector b) {
    return a.lanewise(MAX, b);
  }

  public static IntVector i32x4MaxU(IntVector a, IntVector b) {
    return a.lanewise(UMAX, b);
  }

  public static IntVector i32x4Mul(IntVector a, IntVector b) {
    return a.lanewise(MUL, b);
  }

  public static IntVector i32x4Eq(IntVector a, IntVector b) {
    return ones(a.compare(EQ, b));
  }

  public static IntVector i32x4Ne(IntVector a, IntVector b) {
    return ones(a.compare(NE, b));
  }

  public static IntVector i32x4LtS(IntVector a, IntVector b) {
    return ones(a.compare(LT, b));
  }

  public static IntVector i32x4LtU(IntVector a, IntVector b) {
    return ones(a.compare(ULT, b));
  }

  public static IntVector i32x4GtS(IntVector a, IntVector b) {
    return ones(a.compare(GT, b));
  }

  public static IntVector i32x4GtU(IntVector a, IntVector b) {
    return ones(a.compare(UGT, b));
  }

  public static IntVector i32x4LeS(IntVector a, IntVector b) {
    return ones(a.compare(LE, b));
  }

  public static IntVector i32x4LeU(IntVector a, IntVector b) {
    return ones(a.compare(ULE, b));
  }

  public static IntVector i32x4GeS(IntVector a, IntVector b) {
    return ones(a.compare(GE, b));
  }

  public static IntVector i32x4GeU(IntVector a, IntVector b) {
    return ones(a.compare(UGE, b));
  }

  public static IntVector i32x4Abs(IntVector a) {
    return a.lanewise(ABS);
  }

  public static IntVector i32x4Neg(IntVector a) {
    return a.lanewise(NEG);
  }

  public static IntVector i32x4Shl(IntVector a, int count) {
    return a.lanewise(LSHL, count & 31);
  }

  public static IntVector i32x4ShrS(IntVector a, int count) {
    return a.lanewise(ASHR, count & 31);
  }

  public static IntVector i32x4ShrU(IntVector a, int count) {
    return a.lanewise(LSHR, count & 31);
  }

  // ---- i64x2 ----

  public static IntVector i64x2Add(IntVector a, IntVector b) {
    return r(l(a).lanewise(ADD, l(b)));
  }

  public static IntVector i64x2Sub(IntVector a, IntVector b) {
    return r(l(a).lanewise(SUB, l(b)));
  }

  public static IntVector i64x2Mul(IntVector a, IntVector b) {
    return r(l(a).lanewise(MUL, l(b)));
  }

  public static IntVector i64x2Eq(IntVector a, IntVector b) {
    return ones(l(a).compare(EQ, l(b)));
  }

  public static IntVector i64x2Ne(IntVector a, IntVector b) {
    return ones(l(a).compare(NE, l(b)));
  }

  public static IntVector i64x2LtS(IntVector a, IntVector b) {
    return ones(l(a).compare(LT, l(b)));
  }

  public static IntVector i64x2GtS(IntVector a, IntVector b) {
    return ones(l(a).compare(GT, l(b)));
  }

  public static IntVector i64x2LeS(IntVector a, IntVector b) {
    return ones(l(a).compare(LE, l(b)));
  }

  public static IntVector i64x2GeS(IntVector a, IntVector b) {
    return ones(l(a).compare(GE, l(b)));
  }

  public static IntVector i64x2Abs(IntVector a) {
    return r(l(a).lanewise(ABS));
  }

  public static IntVector i64x2Neg(IntVector a) {
    return r(l(a).lanewise(NEG));
  }

  public static IntVector i64x2Shl(IntVector a, int count) {
    return r(l(a).lanewise(LSHL, count & 63));
  }

  public static IntVector i64x2ShrS(IntVector a, int count) {
    return r(l(a).lanewise(ASHR, count & 63));
  }

  public static IntVector i64x2ShrU(IntVector a, int count) {
    return r(l(a).lanewise(LSHR, count & 63));
  }

  // ---- f32x4 ----

  public static IntVector f32x4Add(IntVector a, IntVector b) {
    return r(f(a).lanewise(ADD, f(b)));
  }

  public static IntVector f32x4Sub(IntVector a, IntVector b) {
    return r(f(a).lanewise(SUB, f(b)));
  }

  public static IntVector f32x4Mul(IntVector a, IntVector b) {
    return r(f(a).lanewise(MUL, f(b)));
  }

  public static IntVector f32x4Div(IntVector a, IntVector b) {
    return r(f(a).lanewise(DIV, f(b)));
  }

  public static IntVector f32x4Sqrt(IntVector a) {
    return r(f(a).lanewise(SQRT));
  }

  public static IntVector f32x4Eq(IntVector a, IntVector b) {
    return onesF(f(a).compare(EQ, f(b)));
  }

  public static IntVector f32x4Ne(IntVector a, IntVector b) {
    return onesF(f(a).compare(NE, f(b)));
  }

  public static IntVector f32x4Lt(IntVector a, IntVector b) {
    return onesF(f(a).compare(LT, f(b)));
  }

  public static IntVector f32x4Gt(IntVector a, IntVector b) {
    return onesF(f(a).compare(GT, f(b)));
  }

  public static IntVector f32x4Le(IntVector a, IntVector b) {
    return onesF(f(a).compare(LE, f(b)));
  }

  public static IntVector f32x4Ge(IntVector a, IntVector b) {
    return onesF(f(a).compare(GE, f(b)));
  }

  public static IntVector f32x4Abs(IntVector a) {
    return a.lanewise(AND, 0x7FFF_FFFF);
  }

  public static IntVector f32x4Neg(IntVector a) {
    return a.lanewise(XOR, 0x8000_0000);
  }

  // ---- f64x2 ----

  public static IntVector f64x2Add(IntVector a, IntVector b) {
    return r(d(a).lanewise(ADD, d(b)));
  }

  public static IntVector f64x2Sub(IntVector a, IntVector b) {
    return r(d(a).lanewise(SUB, d(b)));
  }

  public static IntVector f64x2Mul(IntVector a, IntVector b) {
    return r(d(a).lanewise(MUL, d(b)));
  }

  public static IntVector f64x2Div(IntVector a, IntVector b) {
    return r(d(a).lanewise(DIV, d(b)));
  }

  public static IntVector f64x2Sqrt(IntVector a) {
    return r(d(a).lanewise(SQRT));
  }

  public static IntVector f64x2Eq(IntVector a, IntVector b) {
    return onesD(d(a).compare(EQ, d(b)));
  }

  public static IntVector f64x2Ne(IntVector a, IntVector b) {
    return onesD(d(a).compare(NE, d(b)));
  }

  public static IntVector f64x2Lt(IntVector a, IntVector b) {
    return onesD(d(a).compare(LT, d(b)));
  }

  public static IntVector f64x2Gt(IntVector a, IntVector b) {
    return onesD(d(a).compare(GT, d(b)));
  }

  public static IntVector f64x2Le(IntVector a, IntVector b) {
    return onesD(d(a).compare(LE, d(b)));
  }

  public static IntVector f64x2Ge(IntVector a, IntVector b) {
    return onesD(d(a).compare(GE, d(b)));
  }

  public static IntVector f64x2Abs(IntVector a) {
    return r(l(a).lanewise(AND, Long.MAX_VALUE));
  }

  public static IntVector f64x2Neg(IntVector a) {
    return r(l(a).lanewise(XOR, Long.MIN_VALUE));
  }
}
