package dev.cortado.runtime.internal.simd;

/**
 * {@code i8x16} operations (spec 4.3.4), on 64-bit halves of 8 byte lanes unless noted. Lanes are
 * read signed ({@link #s}) or unsigned ({@link #u}); results keep the low 8 bits of each lane.
 */
public final class I8x16 {
  private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
  private static final long HIGH1 = 0x8080_8080_8080_8080L;
  private static final long ONES = 0x0101_0101_0101_0101L;

  private I8x16() {}

  /** Lane {@code i} (0 to 7) of {@code half}, signed. */
  static int s(long half, int i) {
    return (byte) (half >>> (i << 3));
  }

  /** Lane {@code i} (0 to 7) of {@code half}, unsigned. */
  static int u(long half, int i) {
    return (int) (half >>> (i << 3)) & 0xFF;
  }

  /** {@code value}'s low 8 bits as lane {@code i}. */
  private static long put(int value, int i) {
    return (long) (value & 0xFF) << (i << 3);
  }

  private static long mask(boolean b, int i) {
    return b ? 0xFFL << (i << 3) : 0;
  }

  /** Both halves of {@code i8x16.splat}. */
  public static long splat(int x) {
    return (x & 0xFFL) * ONES;
  }

  public static int extractLaneS(long lo, long hi, int lane) {
    return s(lane < 8 ? lo : hi, lane & 7);
  }

  public static int extractLaneU(long lo, long hi, int lane) {
    return u(lane < 8 ? lo : hi, lane & 7);
  }

  /** The half that holds lane {@code lane}, with that lane replaced by {@code x}. */
  public static long replaceLane(long half, int lane, int x) {
    int shift = (lane & 7) << 3;
    return (half & ~(0xFFL << shift)) | ((x & 0xFFL) << shift);
  }

  public static long eq(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= mask(s(a, i) == s(b, i), i);
    }
    return r;
  }

  public static long ne(long a, long b) {
    return ~eq(a, b);
  }

  public static long ltS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= mask(s(a, i) < s(b, i), i);
    }
    return r;
  }

  public static long ltU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= mask(u(a, i) < u(b, i), i);
    }
    return r;
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

  /** Wrapping: the absolute value of -128 is -128. */
  public static long abs(long half) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Math.abs(s(half, i)), i);
    }
    return r;
  }

  public static long neg(long half) {
    return sub(0, half);
  }

  public static long popcnt(long half) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Integer.bitCount(u(half, i)), i);
    }
    return r;
  }

  /** 1 if every lane of both halves is non-zero. */
  public static int allTrue(long lo, long hi) {
    return noZeroLane(lo) && noZeroLane(hi) ? 1 : 0;
  }

  private static boolean noZeroLane(long half) {
    for (int i = 0; i < 8; i++) {
      if (u(half, i) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Bit i is the sign bit of lane i. */
  public static int bitmask(long lo, long hi) {
    int r = 0;
    for (int i = 0; i < 8; i++) {
      r |= (int) (lo >>> (i * 8 + 7) & 1) << i;
      r |= (int) (hi >>> (i * 8 + 7) & 1) << (i + 8);
    }
    return r;
  }

  /**
   * One half of {@code i8x16.narrow_i16x8_s}: the 8 {@code i16} lanes of one operand ({@code lo},
   * {@code hi}) saturated to -128..127. The result's low half narrows the first operand, its high
   * half the second.
   */
  public static long narrowI16x8S(long lo, long hi) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.clamp(I16x8.s(lo, i), -128, 127), i);
      r |= put(Math.clamp(I16x8.s(hi, i), -128, 127), i + 4);
    }
    return r;
  }

  /** As {@link #narrowI16x8S}, saturating the signed {@code i16} lanes to 0..255. */
  public static long narrowI16x8U(long lo, long hi) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.clamp(I16x8.s(lo, i), 0, 255), i);
      r |= put(Math.clamp(I16x8.s(hi, i), 0, 255), i + 4);
    }
    return r;
  }

  /** Shifts count modulo the lane width (spec 4.3.2 "ishl"). */
  public static long shl(long half, int count) {
    int n = count & 7;
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(u(half, i) << n, i);
    }
    return r;
  }

  public static long shrS(long half, int count) {
    int n = count & 7;
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(s(half, i) >> n, i);
    }
    return r;
  }

  public static long shrU(long half, int count) {
    int n = count & 7;
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(u(half, i) >>> n, i);
    }
    return r;
  }

  /** Lane-wise wrapping addition: add the low 7 bits, then fix up the top bit of each lane. */
  public static long add(long a, long b) {
    return ((a & LOW7) + (b & LOW7)) ^ ((a ^ b) & HIGH1);
  }

  /** Lane-wise wrapping subtraction, borrowing nothing across lanes. */
  public static long sub(long a, long b) {
    return ((a | HIGH1) - (b & LOW7)) ^ ((a ^ ~b) & HIGH1);
  }

  public static long addSatS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Math.clamp(s(a, i) + s(b, i), -128, 127), i);
    }
    return r;
  }

  public static long addSatU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Math.min(u(a, i) + u(b, i), 255), i);
    }
    return r;
  }

  public static long subSatS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Math.clamp(s(a, i) - s(b, i), -128, 127), i);
    }
    return r;
  }

  public static long subSatU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Math.max(u(a, i) - u(b, i), 0), i);
    }
    return r;
  }

  public static long minS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Math.min(s(a, i), s(b, i)), i);
    }
    return r;
  }

  public static long minU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Math.min(u(a, i), u(b, i)), i);
    }
    return r;
  }

  public static long maxS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Math.max(s(a, i), s(b, i)), i);
    }
    return r;
  }

  public static long maxU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put(Math.max(u(a, i), u(b, i)), i);
    }
    return r;
  }

  /** Unsigned rounding average: {@code (a + b + 1) / 2}. */
  public static long avgrU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r |= put((u(a, i) + u(b, i) + 1) >>> 1, i);
    }
    return r;
  }
}
