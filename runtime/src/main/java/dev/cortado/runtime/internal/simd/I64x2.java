package dev.cortado.runtime.internal.simd;

/**
 * {@code i64x2} operations (spec 4.3.4). Each 64-bit half is one lane, so most operations are plain
 * {@code long} arithmetic; these methods exist for the ones that are not one JVM instruction and so
 * that every shape has the same vocabulary.
 */
public final class I64x2 {
  private I64x2() {}

  private static long mask(boolean b) {
    return b ? -1L : 0;
  }

  public static long eq(long a, long b) {
    return mask(a == b);
  }

  public static long ne(long a, long b) {
    return mask(a != b);
  }

  public static long ltS(long a, long b) {
    return mask(a < b);
  }

  public static long gtS(long a, long b) {
    return mask(a > b);
  }

  public static long leS(long a, long b) {
    return mask(a <= b);
  }

  public static long geS(long a, long b) {
    return mask(a >= b);
  }

  /** Wrapping: the absolute value of {@link Long#MIN_VALUE} is itself. */
  public static long abs(long lane) {
    return Math.abs(lane);
  }

  public static int allTrue(long lo, long hi) {
    return lo != 0 && hi != 0 ? 1 : 0;
  }

  public static int bitmask(long lo, long hi) {
    return (int) (lo >>> 63) | (int) (hi >>> 63) << 1;
  }

  /** One lane of {@code i64x2.extend_*_i32x4_s}: an {@code i32} lane sign-extended. */
  public static long extendS(int lane) {
    return lane;
  }

  public static long extendU(int lane) {
    return lane & 0xFFFF_FFFFL;
  }

  /** One lane of {@code i64x2.extmul_*_i32x4_s}: the full product of two signed {@code i32}s. */
  public static long extmulS(int a, int b) {
    return (long) a * b;
  }

  /** The full product of two unsigned {@code i32}s, modulo 2^64 (it fits exactly). */
  public static long extmulU(int a, int b) {
    return (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL);
  }

  public static long shl(long lane, int count) {
    return lane << count; // Java masks the count to 6 bits, as the spec does
  }

  public static long shrS(long lane, int count) {
    return lane >> count;
  }

  public static long shrU(long lane, int count) {
    return lane >>> count;
  }
}
