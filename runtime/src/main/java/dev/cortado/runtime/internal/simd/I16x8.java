package dev.cortado.runtime.internal.simd;

/**
 * {@code i16x8} operations (spec 4.3.4), on 64-bit halves of 4 lanes unless noted. Lanes are read
 * signed ({@link #s}) or unsigned ({@link #u}); results keep the low 16 bits of each lane.
 */
public final class I16x8 {
  private I16x8() {}

  /** Lane {@code i} (0 to 3) of {@code half}, signed. */
  static int s(long half, int i) {
    return (short) (half >>> (i << 4));
  }

  /** Lane {@code i} (0 to 3) of {@code half}, unsigned. */
  static int u(long half, int i) {
    return (int) (half >>> (i << 4)) & 0xFFFF;
  }

  private static long put(int value, int i) {
    return (long) (value & 0xFFFF) << (i << 4);
  }

  private static long mask(boolean b, int i) {
    return b ? 0xFFFFL << (i << 4) : 0;
  }

  /** Both halves of {@code i16x8.splat}. */
  public static long splat(int x) {
    return (x & 0xFFFFL) * 0x0001_0001_0001_0001L;
  }

  public static int extractLaneS(long lo, long hi, int lane) {
    return s(lane < 4 ? lo : hi, lane & 3);
  }

  public static int extractLaneU(long lo, long hi, int lane) {
    return u(lane < 4 ? lo : hi, lane & 3);
  }

  /** The half that holds lane {@code lane}, with that lane replaced by {@code x}. */
  public static long replaceLane(long half, int lane, int x) {
    int shift = (lane & 3) << 4;
    return (half & ~(0xFFFFL << shift)) | ((x & 0xFFFFL) << shift);
  }

  public static long eq(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= mask(u(a, i) == u(b, i), i);
    }
    return r;
  }

  public static long ne(long a, long b) {
    return ~eq(a, b);
  }

  public static long ltS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= mask(s(a, i) < s(b, i), i);
    }
    return r;
  }

  public static long ltU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
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

  /** Wrapping: the absolute value of -32768 is -32768. */
  public static long abs(long half) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.abs(s(half, i)), i);
    }
    return r;
  }

  public static long neg(long half) {
    return sub(0, half);
  }

  /**
   * {@code i16x8.q15mulr_sat_s}: the Q15 product rounded, {@code (a * b + 2^14) >> 15}, saturated
   * (only -32768 * -32768 overflows).
   */
  public static long q15mulrSatS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.min((s(a, i) * s(b, i) + 0x4000) >> 15, Short.MAX_VALUE), i);
    }
    return r;
  }

  public static int allTrue(long lo, long hi) {
    for (int i = 0; i < 4; i++) {
      if (u(lo, i) == 0 || u(hi, i) == 0) {
        return 0;
      }
    }
    return 1;
  }

  public static int bitmask(long lo, long hi) {
    int r = 0;
    for (int i = 0; i < 4; i++) {
      r |= (int) (lo >>> (i * 16 + 15) & 1) << i;
      r |= (int) (hi >>> (i * 16 + 15) & 1) << (i + 4);
    }
    return r;
  }

  /**
   * One half of {@code i16x8.narrow_i32x4_s}: the 4 {@code i32} lanes of one operand saturated to
   * -32768..32767 (the result's low half from the first operand, its high half from the second).
   */
  public static long narrowI32x4S(long lo, long hi) {
    return put(Math.clamp((int) lo, Short.MIN_VALUE, Short.MAX_VALUE), 0)
        | put(Math.clamp((int) (lo >> 32), Short.MIN_VALUE, Short.MAX_VALUE), 1)
        | put(Math.clamp((int) hi, Short.MIN_VALUE, Short.MAX_VALUE), 2)
        | put(Math.clamp((int) (hi >> 32), Short.MIN_VALUE, Short.MAX_VALUE), 3);
  }

  /** As {@link #narrowI32x4S}, saturating the signed {@code i32} lanes to 0..65535. */
  public static long narrowI32x4U(long lo, long hi) {
    return put(Math.clamp((int) lo, 0, 0xFFFF), 0)
        | put(Math.clamp((int) (lo >> 32), 0, 0xFFFF), 1)
        | put(Math.clamp((int) hi, 0, 0xFFFF), 2)
        | put(Math.clamp((int) (hi >> 32), 0, 0xFFFF), 3);
  }

  /**
   * Four {@code i8} lanes (the low or high 32 bits of an {@code i8x16} half) sign-extended to four
   * {@code i16} lanes: one result half of {@code i16x8.extend_low/high_i8x16_s}.
   */
  public static long extendS(int fourBytes) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put((byte) (fourBytes >>> (i << 3)), i);
    }
    return r;
  }

  /** As {@link #extendS}, zero-extending. */
  public static long extendU(int fourBytes) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put((fourBytes >>> (i << 3)) & 0xFF, i);
    }
    return r;
  }

  /**
   * One result half of {@code i16x8.extmul_*_i8x16_s}: four {@code i8} lanes of each operand (32
   * bits each) multiplied into four {@code i16} lanes.
   */
  public static long extmulS(int a, int b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put((byte) (a >>> (i << 3)) * (byte) (b >>> (i << 3)), i);
    }
    return r;
  }

  /** As {@link #extmulS}, the lanes unsigned. */
  public static long extmulU(int a, int b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(((a >>> (i << 3)) & 0xFF) * ((b >>> (i << 3)) & 0xFF), i);
    }
    return r;
  }

  /** {@code i16x8.extadd_pairwise_i8x16_s} on a half: sums of adjacent signed {@code i8} lanes. */
  public static long extaddPairwiseS(long half) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(I8x16.s(half, 2 * i) + I8x16.s(half, 2 * i + 1), i);
    }
    return r;
  }

  public static long extaddPairwiseU(long half) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(I8x16.u(half, 2 * i) + I8x16.u(half, 2 * i + 1), i);
    }
    return r;
  }

  public static long shl(long half, int count) {
    int n = count & 15;
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(u(half, i) << n, i);
    }
    return r;
  }

  public static long shrS(long half, int count) {
    int n = count & 15;
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(s(half, i) >> n, i);
    }
    return r;
  }

  public static long shrU(long half, int count) {
    int n = count & 15;
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(u(half, i) >>> n, i);
    }
    return r;
  }

  public static long add(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(u(a, i) + u(b, i), i);
    }
    return r;
  }

  public static long sub(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(u(a, i) - u(b, i), i);
    }
    return r;
  }

  public static long mul(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(u(a, i) * u(b, i), i);
    }
    return r;
  }

  public static long addSatS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.clamp(s(a, i) + s(b, i), Short.MIN_VALUE, Short.MAX_VALUE), i);
    }
    return r;
  }

  public static long addSatU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.min(u(a, i) + u(b, i), 0xFFFF), i);
    }
    return r;
  }

  public static long subSatS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.clamp(s(a, i) - s(b, i), Short.MIN_VALUE, Short.MAX_VALUE), i);
    }
    return r;
  }

  public static long subSatU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.max(u(a, i) - u(b, i), 0), i);
    }
    return r;
  }

  public static long minS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.min(s(a, i), s(b, i)), i);
    }
    return r;
  }

  public static long minU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.min(u(a, i), u(b, i)), i);
    }
    return r;
  }

  public static long maxS(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.max(s(a, i), s(b, i)), i);
    }
    return r;
  }

  public static long maxU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put(Math.max(u(a, i), u(b, i)), i);
    }
    return r;
  }

  public static long avgrU(long a, long b) {
    long r = 0;
    for (int i = 0; i < 4; i++) {
      r |= put((u(a, i) + u(b, i) + 1) >>> 1, i);
    }
    return r;
  }
}
