package dev.cortado.runtime.internal.simd;

import static dev.cortado.runtime.internal.simd.VectorLanes.B;
import static dev.cortado.runtime.internal.simd.VectorLanes.I;
import static dev.cortado.runtime.internal.simd.VectorLanes.L;
import static dev.cortado.runtime.internal.simd.VectorLanes.S;
import static dev.cortado.runtime.internal.simd.VectorLanes.b;
import static dev.cortado.runtime.internal.simd.VectorLanes.f;
import static dev.cortado.runtime.internal.simd.VectorLanes.l;
import static dev.cortado.runtime.internal.simd.VectorLanes.r;
import static dev.cortado.runtime.internal.simd.VectorLanes.s;

import dev.cortado.runtime.internal.MemoryInstance;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD instructions other than lane-wise ones ({@link VectorLanes}) that compiled code holding
 * a v128 as an {@link IntVector} (see {@link VectorLanes}) does with the Vector API: memory
 * accesses, splats, lane access, shuffles, tests, bitmasks, widening and conversions. Only loaded
 * where {@code jdk.incubator.vector} is present.
 *
 * <p>Memory accesses take the address operand, the static offset (both unsigned 32-bit) and the
 * memory, as {@code compiler.MemoryOps} does: {@link MemoryInstance#index} checks all of an
 * access's bytes against the memory's size before it reads or writes any, so a trapping {@code
 * v128.store} writes nothing (spec 4.4.7). Vector lanes are reinterpreted in little-endian order,
 * the memory's.
 */
public final class VectorOps {
  private static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;

  private VectorOps() {}

  // ---- memory ----

  public static IntVector v128Load(int addr, int offset, MemoryInstance m) {
    return ByteVector.fromArray(B, m.array(), m.index(addr, offset, 16)).reinterpretAsInts();
  }

  public static void v128Store(int addr, IntVector v, int offset, MemoryInstance m) {
    v.reinterpretAsBytes().intoArray(m.array(), m.index(addr, offset, 16));
  }

  /** The 8 bytes an extending load reads, as a 64-bit byte vector. */
  private static ByteVector load64(int addr, int offset, MemoryInstance m) {
    return ByteVector.fromArray(B64, m.array(), m.index(addr, offset, 8));
  }

  public static IntVector v128Load8x8S(int addr, int offset, MemoryInstance m) {
    return r(load64(addr, offset, m).convertShape(VectorOperators.B2S, S, 0));
  }

  public static IntVector v128Load8x8U(int addr, int offset, MemoryInstance m) {
    return r(load64(addr, offset, m).convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0));
  }

  public static IntVector v128Load16x4S(int addr, int offset, MemoryInstance m) {
    return (IntVector)
        load64(addr, offset, m).reinterpretAsShorts().convertShape(VectorOperators.S2I, I, 0);
  }

  public static IntVector v128Load16x4U(int addr, int offset, MemoryInstance m) {
    return (IntVector)
        load64(addr, offset, m)
            .reinterpretAsShorts()
            .convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0);
  }

  public static IntVector v128Load32x2S(int addr, int offset, MemoryInstance m) {
    return r(load64(addr, offset, m).reinterpretAsInts().convertShape(VectorOperators.I2L, L, 0));
  }

  public static IntVector v128Load32x2U(int addr, int offset, MemoryInstance m) {
    return r(
        load64(addr, offset, m)
            .reinterpretAsInts()
            .convertShape(VectorOperators.ZERO_EXTEND_I2L, L, 0));
  }

  // The splatting, zero-filling and lane accesses read or write one scalar (spec 4.4.7): its index
  // is checked first, so an access out of bounds traps having written nothing.

  public static IntVector v128Load8Splat(int addr, int offset, MemoryInstance m) {
    return r(ByteVector.broadcast(B, m.array()[m.index(addr, offset, 1)]));
  }

  public static IntVector v128Load16Splat(int addr, int offset, MemoryInstance m) {
    short x = (short) MemoryInstance.SHORTS.get(m.array(), m.index(addr, offset, 2));
    return r(ShortVector.broadcast(S, x));
  }

  public static IntVector v128Load32Splat(int addr, int offset, MemoryInstance m) {
    return IntVector.broadcast(
        I, (int) MemoryInstance.INTS.get(m.array(), m.index(addr, offset, 4)));
  }

  public static IntVector v128Load64Splat(int addr, int offset, MemoryInstance m) {
    long x = (long) MemoryInstance.LONGS.get(m.array(), m.index(addr, offset, 8));
    return r(LongVector.broadcast(L, x));
  }

  public static IntVector v128Load32Zero(int addr, int offset, MemoryInstance m) {
    int x = (int) MemoryInstance.INTS.get(m.array(), m.index(addr, offset, 4));
    return IntVector.zero(I).withLane(0, x);
  }

  public static IntVector v128Load64Zero(int addr, int offset, MemoryInstance m) {
    long x = (long) MemoryInstance.LONGS.get(m.array(), m.index(addr, offset, 8));
    return r(LongVector.zero(L).withLane(0, x));
  }

  // The lane accesses take the address, the vector, the offset, the memory and the lane index.

  public static IntVector v128Load8Lane(
      int addr, IntVector v, int offset, MemoryInstance m, int lane) {
    return r(b(v).withLane(lane, m.array()[m.index(addr, offset, 1)]));
  }

  public static IntVector v128Load16Lane(
      int addr, IntVector v, int offset, MemoryInstance m, int lane) {
    short x = (short) MemoryInstance.SHORTS.get(m.array(), m.index(addr, offset, 2));
    return r(s(v).withLane(lane, x));
  }

  public static IntVector v128Load32Lane(
      int addr, IntVector v, int offset, MemoryInstance m, int lane) {
    return v.withLane(lane, (int) MemoryInstance.INTS.get(m.array(), m.index(addr, offset, 4)));
  }

  public static IntVector v128Load64Lane(
      int addr, IntVector v, int offset, MemoryInstance m, int lane) {
    long x = (long) MemoryInstance.LONGS.get(m.array(), m.index(addr, offset, 8));
    return r(l(v).withLane(lane, x));
  }

  public static void v128Store8Lane(int addr, IntVector v, int offset, MemoryInstance m, int lane) {
    m.array()[m.index(addr, offset, 1)] = b(v).lane(lane);
  }

  public static void v128Store16Lane(
      int addr, IntVector v, int offset, MemoryInstance m, int lane) {
    MemoryInstance.SHORTS.set(m.array(), m.index(addr, offset, 2), s(v).lane(lane));
  }

  public static void v128Store32Lane(
      int addr, IntVector v, int offset, MemoryInstance m, int lane) {
    MemoryInstance.INTS.set(m.array(), m.index(addr, offset, 4), v.lane(lane));
  }

  public static void v128Store64Lane(
      int addr, IntVector v, int offset, MemoryInstance m, int lane) {
    MemoryInstance.LONGS.set(m.array(), m.index(addr, offset, 8), l(v).lane(lane));
  }

  // ---- splats ----

  public static IntVector i8x16Splat(int x) {
    return r(ByteVector.broadcast(B, (byte) x));
  }

  public static IntVector i16x8Splat(int x) {
    return r(ShortVector.broadcast(S, (short) x));
  }

  public static IntVector i32x4Splat(int x) {
    return IntVector.broadcast(I, x);
  }

  public static IntVector i64x2Splat(long x) {
    return r(LongVector.broadcast(L, x));
  }

  public static IntVector f32x4Splat(float x) {
    return IntVector.broadcast(I, Float.floatToRawIntBits(x));
  }

  public static IntVector f64x2Splat(double x) {
    return r(LongVector.broadcast(L, Double.doubleToRawLongBits(x)));
  }

  // ---- lanes (the lane index is a constant of the instruction, last) ----

  public static int i8x16ExtractLaneS(IntVector v, int lane) {
    return b(v).lane(lane);
  }

  public static int i8x16ExtractLaneU(IntVector v, int lane) {
    return b(v).lane(lane) & 0xFF;
  }

  public static int i16x8ExtractLaneS(IntVector v, int lane) {
    return s(v).lane(lane);
  }

  public static int i16x8ExtractLaneU(IntVector v, int lane) {
    return s(v).lane(lane) & 0xFFFF;
  }

  public static int i32x4ExtractLane(IntVector v, int lane) {
    return v.lane(lane);
  }

  public static long i64x2ExtractLane(IntVector v, int lane) {
    return l(v).lane(lane);
  }

  public static float f32x4ExtractLane(IntVector v, int lane) {
    return Float.intBitsToFloat(v.lane(lane));
  }

  public static double f64x2ExtractLane(IntVector v, int lane) {
    return Double.longBitsToDouble(l(v).lane(lane));
  }

  public static IntVector i8x16ReplaceLane(IntVector v, int x, int lane) {
    return r(b(v).withLane(lane, (byte) x));
  }

  public static IntVector i16x8ReplaceLane(IntVector v, int x, int lane) {
    return r(s(v).withLane(lane, (short) x));
  }

  public static IntVector i32x4ReplaceLane(IntVector v, int x, int lane) {
    return v.withLane(lane, x);
  }

  public static IntVector i64x2ReplaceLane(IntVector v, long x, int lane) {
    return r(l(v).withLane(lane, x));
  }

  public static IntVector f32x4ReplaceLane(IntVector v, float x, int lane) {
    return v.withLane(lane, Float.floatToRawIntBits(x));
  }

  public static IntVector f64x2ReplaceLane(IntVector v, double x, int lane) {
    return r(l(v).withLane(lane, Double.doubleToRawLongBits(x)));
  }

  // ---- permutations ----

  /**
   * {@code i8x16.shuffle}: byte {@code lanes[i]} of the concatenation of {@code a} and {@code b},
   * where {@code lanes} are the instruction's 16 indices (0 to 31) as two little-endian longs: a
   * byte permutation of each operand and a blend. Everything made from the lanes is constant, and
   * C2 hoists it out of loops. (The two-vector {@code selectFrom} wraps and compares the indices at
   * every use where the CPU has no two-table byte permutation, as AVX2 has not.)
   */
  public static IntVector i8x16Shuffle(IntVector a, IntVector b, long lanesLo, long lanesHi) {
    ByteVector lanes = b(VectorLanes.pack(lanesLo, lanesHi));
    ByteVector within = lanes.and((byte) 15);
    VectorMask<Byte> fromB = lanes.compare(VectorOperators.GE, (byte) 16);
    return r(within.selectFrom(b(a)).blend(within.selectFrom(b(b)), fromB));
  }

  /**
   * An {@code i8x16.shuffle} whose result bytes all come from one operand {@code a} ({@code
   * compiler.ShufflePlan}): byte {@code lanes[i]} (0 to 15, two little-endian longs) of {@code a},
   * one byte permutation ({@code pshufb}) instead of the two-vector select's two and a blend.
   */
  public static IntVector i8x16ShuffleOne(IntVector a, long lanesLo, long lanesHi) {
    return r(b(VectorLanes.pack(lanesLo, lanesHi)).selectFrom(b(a)));
  }

  /**
   * As {@link #i8x16ShuffleOne}, with the result bytes where {@code keep} has a zero byte zeroed:
   * those the shuffle takes from an operand known to be all zeros.
   */
  public static IntVector i8x16ShuffleOneZeroing(
      IntVector a, long lanesLo, long lanesHi, long keepLo, long keepHi) {
    return i8x16ShuffleOne(a, lanesLo, lanesHi).and(VectorLanes.pack(keepLo, keepHi));
  }

  /**
   * {@code i8x16.swizzle}: byte {@code s[i]} of {@code a}, or 0 where the (unsigned) index is 16 or
   * more: indices are clamped to 16, which selects from a zero vector.
   */
  public static IntVector i8x16Swizzle(IntVector a, IntVector s) {
    ByteVector index = b(s).lanewise(VectorOperators.UMIN, (byte) 16);
    return r(index.selectFrom(b(a), ByteVector.zero(B)));
  }

  /** {@code v128.bitselect}: bits of {@code a} where {@code mask} is 1, of {@code b} elsewhere. */
  public static IntVector v128Bitselect(IntVector a, IntVector b, IntVector mask) {
    return b.lanewise(VectorOperators.BITWISE_BLEND, a, mask);
  }

  // ---- tests ----

  public static int v128AnyTrue(IntVector v) {
    return l(v).compare(VectorOperators.NE, 0).anyTrue() ? 1 : 0;
  }

  public static int i8x16AllTrue(IntVector v) {
    return b(v).compare(VectorOperators.NE, (byte) 0).allTrue() ? 1 : 0;
  }

  public static int i16x8AllTrue(IntVector v) {
    return s(v).compare(VectorOperators.NE, (short) 0).allTrue() ? 1 : 0;
  }

  public static int i32x4AllTrue(IntVector v) {
    return v.compare(VectorOperators.NE, 0).allTrue() ? 1 : 0;
  }

  public static int i64x2AllTrue(IntVector v) {
    return l(v).compare(VectorOperators.NE, 0).allTrue() ? 1 : 0;
  }

  public static int i8x16Bitmask(IntVector v) {
    return (int) b(v).compare(VectorOperators.LT, (byte) 0).toLong();
  }

  public static int i16x8Bitmask(IntVector v) {
    return (int) s(v).compare(VectorOperators.LT, (short) 0).toLong();
  }

  public static int i32x4Bitmask(IntVector v) {
    return (int) v.compare(VectorOperators.LT, 0).toLong();
  }

  public static int i64x2Bitmask(IntVector v) {
    return (int) l(v).compare(VectorOperators.LT, 0).toLong();
  }

  // ---- widening: the low half of the source, or its high half moved down first ----

  /** The high half of {@code v} in both halves. */
  private static IntVector high(IntVector v) {
    return r(LongVector.broadcast(L, l(v).lane(1)));
  }

  public static IntVector i16x8ExtendLowI8x16S(IntVector v) {
    return r(b(v).convertShape(VectorOperators.B2S, S, 0));
  }

  public static IntVector i16x8ExtendLowI8x16U(IntVector v) {
    return r(b(v).convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0));
  }

  public static IntVector i16x8ExtendHighI8x16S(IntVector v) {
    return r(b(high(v)).convertShape(VectorOperators.B2S, S, 0));
  }

  public static IntVector i16x8ExtendHighI8x16U(IntVector v) {
    return r(b(high(v)).convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0));
  }

  public static IntVector i32x4ExtendLowI16x8S(IntVector v) {
    return (IntVector) s(v).convertShape(VectorOperators.S2I, I, 0);
  }

  public static IntVector i32x4ExtendLowI16x8U(IntVector v) {
    return (IntVector) s(v).convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0);
  }

  public static IntVector i32x4ExtendHighI16x8S(IntVector v) {
    return (IntVector) s(high(v)).convertShape(VectorOperators.S2I, I, 0);
  }

  public static IntVector i32x4ExtendHighI16x8U(IntVector v) {
    return (IntVector) s(high(v)).convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0);
  }

  public static IntVector i64x2ExtendLowI32x4S(IntVector v) {
    return r(v.convertShape(VectorOperators.I2L, L, 0));
  }

  public static IntVector i64x2ExtendLowI32x4U(IntVector v) {
    return r(v.convertShape(VectorOperators.ZERO_EXTEND_I2L, L, 0));
  }

  public static IntVector i64x2ExtendHighI32x4S(IntVector v) {
    return r(high(v).convertShape(VectorOperators.I2L, L, 0));
  }

  public static IntVector i64x2ExtendHighI32x4U(IntVector v) {
    return r(high(v).convertShape(VectorOperators.ZERO_EXTEND_I2L, L, 0));
  }

  // ---- conversions ----

  /** {@code f32x4.convert_i32x4_s}: each lane rounded to nearest, as a Java cast. */
  public static IntVector f32x4ConvertI32x4S(IntVector v) {
    return r(v.convert(VectorOperators.I2F, 0));
  }

  /**
   * {@code i32x4.trunc_sat_f32x4_s}: toward zero, saturating, NaN to 0, which is exactly a Java
   * cast (JLS 5.1.3), as the Vector API's conversion is.
   */
  public static IntVector i32x4TruncSatF32x4S(IntVector v) {
    return (IntVector) f(v).convert(VectorOperators.F2I, 0);
  }

  /** {@code f64x2.promote_low_f32x4}. */
  public static IntVector f64x2PromoteLowF32x4(IntVector v) {
    return r(f(v).convertShape(VectorOperators.F2D, DoubleVector.SPECIES_128, 0));
  }
}
