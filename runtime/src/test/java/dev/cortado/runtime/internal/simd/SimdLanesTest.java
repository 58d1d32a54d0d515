package dev.cortado.runtime.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The half-wise lane methods against a plain lane-by-lane reference on random halves, biased to the
 * values where lane arithmetic goes wrong (0, -1, the extremes of each lane width).
 */
class SimdLanesTest {
  private static final int ROUNDS = 2000;
  private final Random random = new Random(0x51AD);

  /** A random 64-bit half whose lanes are often extreme values. */
  private long half() {
    long h = 0;
    for (int i = 0; i < 8; i++) {
      int b =
          switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 0xFF;
            case 2 -> 0x80;
            case 3 -> 0x7F;
            default -> random.nextInt(256);
          };
      h |= (long) b << (8 * i);
    }
    return h;
  }

  /** {@code op} applied to each of the {@code 64 / width} lanes (signed ints) of the halves. */
  private static long lanewise(int width, long a, long b, IntBinaryOperator op) {
    long mask = width == 32 ? 0xFFFF_FFFFL : (1L << width) - 1;
    long r = 0;
    for (int bit = 0; bit < 64; bit += width) {
      int x = (int) (a >>> bit << (64 - width) >> (64 - width));
      int y = (int) (b >>> bit << (64 - width) >> (64 - width));
      r |= (op.applyAsInt(x, y) & mask) << bit;
    }
    return r;
  }

  private static int clamp(int v, int min, int max) {
    return Math.max(min, Math.min(max, v));
  }

  private void check(int width, LongBinaryOperator actual, IntBinaryOperator reference) {
    for (int i = 0; i < ROUNDS; i++) {
      long a = half();
      long b = half();
      assertThat(actual.applyAsLong(a, b))
          .as("%x, %x", a, b)
          .isEqualTo(lanewise(width, a, b, reference));
    }
  }

  private void checkUnary(int width, LongUnaryOperator actual, IntUnaryOperator reference) {
    check(width, (a, b) -> actual.applyAsLong(a), (x, y) -> reference.applyAsInt(x));
  }

  @Test
  void i8x16Arithmetic() {
    check(8, I8x16::add, Integer::sum);
    check(8, I8x16::sub, (x, y) -> x - y);
    check(8, I8x16::addSatS, (x, y) -> clamp(x + y, -128, 127));
    check(8, I8x16::addSatU, (x, y) -> Math.min((x & 0xFF) + (y & 0xFF), 255));
    check(8, I8x16::subSatS, (x, y) -> clamp(x - y, -128, 127));
    check(8, I8x16::subSatU, (x, y) -> Math.max((x & 0xFF) - (y & 0xFF), 0));
    check(8, I8x16::minU, (x, y) -> Math.min(x & 0xFF, y & 0xFF));
    check(8, I8x16::maxS, Math::max);
    check(8, I8x16::avgrU, (x, y) -> ((x & 0xFF) + (y & 0xFF) + 1) / 2);
    check(8, I8x16::ltU, (x, y) -> (x & 0xFF) < (y & 0xFF) ? -1 : 0);
    check(8, I8x16::geS, (x, y) -> x >= y ? -1 : 0);
    checkUnary(8, I8x16::neg, x -> -x);
    checkUnary(8, I8x16::abs, Math::abs);
    checkUnary(8, I8x16::popcnt, x -> Integer.bitCount(x & 0xFF));
    for (int n : new int[] {0, 1, 7, 8, 9, -1}) {
      checkUnary(8, h -> I8x16.shl(h, n), x -> x << (n & 7));
      checkUnary(8, h -> I8x16.shrS(h, n), x -> x >> (n & 7));
      checkUnary(8, h -> I8x16.shrU(h, n), x -> (x & 0xFF) >>> (n & 7));
    }
  }

  @Test
  void i16x8Arithmetic() {
    check(16, I16x8::add, Integer::sum);
    check(16, I16x8::mul, (x, y) -> x * y);
    check(16, I16x8::addSatS, (x, y) -> clamp(x + y, -32768, 32767));
    check(16, I16x8::subSatU, (x, y) -> Math.max((x & 0xFFFF) - (y & 0xFFFF), 0));
    check(16, I16x8::q15mulrSatS, (x, y) -> clamp((x * y + 0x4000) >> 15, -32768, 32767));
    check(16, I16x8::leU, (x, y) -> (x & 0xFFFF) <= (y & 0xFFFF) ? -1 : 0);
    check(16, I16x8::avgrU, (x, y) -> ((x & 0xFFFF) + (y & 0xFFFF) + 1) / 2);
    checkUnary(16, I16x8::abs, Math::abs);
    for (int n : new int[] {0, 15, 16, 17}) {
      checkUnary(16, h -> I16x8.shrS(h, n), x -> x >> (n & 15));
    }
  }

  @Test
  void i32x4Arithmetic() {
    check(32, I32x4::mul, (x, y) -> x * y);
    check(32, I32x4::minU, (x, y) -> Integer.compareUnsigned(x, y) < 0 ? x : y);
    check(32, I32x4::maxU, (x, y) -> Integer.compareUnsigned(x, y) > 0 ? x : y);
    check(32, I32x4::ltU, (x, y) -> Integer.compareUnsigned(x, y) < 0 ? -1 : 0);
    check(32, I32x4::gtS, (x, y) -> x > y ? -1 : 0);
    checkUnary(32, I32x4::neg, x -> -x);
  }

  @Test
  void pairwiseAndDotProductsStayWithinAHalf() {
    for (int i = 0; i < ROUNDS; i++) {
      long a = half();
      long b = half();
      long dot = I32x4.dotI16x8S(a, b);
      long ext = I32x4.extaddPairwiseU(a);
      long ext8 = I16x8.extaddPairwiseS(a);
      for (int lane = 0; lane < 2; lane++) {
        int expected =
            I16x8.s(a, 2 * lane) * I16x8.s(b, 2 * lane)
                + I16x8.s(a, 2 * lane + 1) * I16x8.s(b, 2 * lane + 1);
        assertThat((int) (dot >>> (32 * lane))).isEqualTo(expected);
        assertThat((int) (ext >>> (32 * lane)))
            .isEqualTo(I16x8.u(a, 2 * lane) + I16x8.u(a, 2 * lane + 1));
      }
      for (int lane = 0; lane < 4; lane++) {
        assertThat((short) (ext8 >>> (16 * lane)))
            .isEqualTo((short) (I8x16.s(a, 2 * lane) + I8x16.s(a, 2 * lane + 1)));
      }
    }
  }

  @Test
  void narrowingSaturatesEachOperand() {
    // i16 lanes 300, -300, 127, -129 | 32767, 0, 255, 256
    long lo = 0xFF7F_007F_FED4_012CL;
    long hi = 0x0100_00FF_0000_7FFFL;
    assertThat(I8x16.narrowI16x8S(lo, hi)).isEqualTo(0x7F7F_007F_807F_807FL);
    assertThat(I8x16.narrowI16x8U(lo, hi)).isEqualTo(0xFFFF_00FF_007F_00FFL);
    // i32 lanes 70000, -70000 | -1, 65535
    long a = 0xFFFE_EE90_0001_1170L;
    long b = 0x0000_FFFF_FFFF_FFFFL;
    assertThat(I16x8.narrowI32x4S(a, b)).isEqualTo(0x7FFF_FFFF_8000_7FFFL);
    assertThat(I16x8.narrowI32x4U(a, b)).isEqualTo(0xFFFF_0000_0000_FFFFL);
  }

  @Test
  void widening() {
    int fourBytes = 0x80FF_017F;
    assertThat(I16x8.extendS(fourBytes)).isEqualTo(0xFF80_FFFF_0001_007FL);
    assertThat(I16x8.extendU(fourBytes)).isEqualTo(0x0080_00FF_0001_007FL);
    assertThat(I32x4.extendS(0x8000_7FFF)).isEqualTo(0xFFFF_8000_0000_7FFFL);
    assertThat(I32x4.extmulU(0xFFFF_FFFF, 0xFFFF_0002)).isEqualTo(0xFFFE_0001_0001_FFFEL);
    assertThat(I64x2.extmulU(-1, -1)).isEqualTo(0xFFFF_FFFE_0000_0001L);
    assertThat(I64x2.extmulS(Integer.MIN_VALUE, Integer.MIN_VALUE)).isEqualTo(1L << 62);
  }

  @Test
  void bitmasksAndTests() {
    long lo = 0x8000_0000_0000_0080L;
    long hi = 0x0000_0000_8000_0000L;
    assertThat(I8x16.bitmask(lo, hi)).isEqualTo(0b0000_1000_1000_0001);
    assertThat(I16x8.bitmask(lo, hi)).isEqualTo(0b0010_1000);
    assertThat(I32x4.bitmask(lo, hi)).isEqualTo(0b0110);
    assertThat(I64x2.bitmask(lo, hi)).isEqualTo(0b01);
    assertThat(I8x16.allTrue(-1L, 0xFF01_0101_0101_0101L)).isOne();
    assertThat(I8x16.allTrue(-1L, 0xFF01_0100_0101_0101L)).isZero();
    assertThat(I16x8.allTrue(0x0001_0100_0001_0001L, -1L)).isOne();
    assertThat(I32x4.allTrue(1L << 32 | 1, -1L)).isOne();
    assertThat(I32x4.allTrue(1L << 32, -1L)).isZero();
    assertThat(V128.anyTrue(0, 1L << 63)).isOne();
    assertThat(V128.anyTrue(0, 0)).isZero();
  }

  @Test
  void shuffleAndSwizzleSelectBytes() {
    long aLo = 0x0706_0504_0302_0100L;
    long aHi = 0x0F0E_0D0C_0B0A_0908L;
    long bLo = 0x1716_1514_1312_1110L;
    long bHi = 0x1F1E_1D1C_1B1A_1918L;
    long reversed = 0x0001_0203_0405_0607L | 0x1010_1010_1010_1010L;
    assertThat(V128.shuffle(aLo, aHi, bLo, bHi, reversed)).isEqualTo(0x1011_1213_1415_1617L);
    assertThat(V128.shuffle(aLo, aHi, bLo, bHi, 0x1F0F_1E0E_0100_0000L))
        .isEqualTo(0x1F0F_1E0E_0100_0000L);
    assertThat(V128.swizzle(aLo, aHi, 0xFF10_0F08_0700_8010L)).isEqualTo(0x0000_0F08_0700_0000L);
  }

  @Test
  void floatLanesKeepBitsWhereTheSpecSaysSo() {
    long nanAndOne = 0x3F80_0000_7FA0_0001L; // lanes: signalling NaN, 1.0
    long twoAndNegZero = 0x8000_0000_4000_0000L; // lanes: 2.0, -0.0
    assertThat(F32x4.neg(nanAndOne)).isEqualTo(0xBF80_0000_FFA0_0001L);
    assertThat(F32x4.abs(0xFFA0_0001_BF80_0000L)).isEqualTo(0x7FA0_0001_3F80_0000L);
    // pmin(a, b) = b < a ? b : a: a NaN in a is kept, bits and all.
    assertThat(F32x4.pmin(nanAndOne, twoAndNegZero)).isEqualTo(0x8000_0000_7FA0_0001L);
    assertThat(F32x4.pmax(nanAndOne, twoAndNegZero)).isEqualTo(0x3F80_0000_7FA0_0001L);
    // min and max quiet a NaN and order the zeros.
    long min = F32x4.min(nanAndOne, twoAndNegZero);
    assertThat((int) min & 0x7FC0_0000).isEqualTo(0x7FC0_0000);
    assertThat(min >>> 32).isEqualTo(0x8000_0000L);
    assertThat(F64x2.pmin(0x7FF4_0000_0000_0001L, 0)).isEqualTo(0x7FF4_0000_0000_0001L);
    assertThat(F32x4.demoteF64x2Zero(Double.doubleToRawLongBits(1.5), 0x7FF8_0000_0000_0000L))
        .isEqualTo(0x7FC0_0000_3FC0_0000L);
    assertThat(F64x2.promote(0xFFC0_0000)).isEqualTo(0xFFF8_0000_0000_0000L);
  }

  @Test
  void conversionsSaturate() {
    long lanes =
        (long) Float.floatToRawIntBits(Float.NaN) << 32
            | (Float.floatToRawIntBits(-3e9f) & 0xFFFF_FFFFL);
    assertThat(I32x4.truncSatF32x4S(lanes)).isEqualTo(0x0000_0000_8000_0000L);
    assertThat(I32x4.truncSatF32x4U(lanes)).isZero();
    assertThat(
            I32x4.truncSatF64x2UZero(
                Double.doubleToRawLongBits(5e9), Double.doubleToRawLongBits(-0.9)))
        .isEqualTo(0x0000_0000_FFFF_FFFFL);
    assertThat(F32x4.convertI32x4U(0xFFFF_FFFF_0000_0001L))
        .isEqualTo((long) Float.floatToRawIntBits(4294967295f) << 32 | 0x3F80_0000L);
    assertThat(F64x2.convertU(-1)).isEqualTo(Double.doubleToRawLongBits(4294967295d));
  }
}
