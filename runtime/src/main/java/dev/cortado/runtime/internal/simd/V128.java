package dev.cortado.runtime.internal.simd;

/**
 * The operations on a whole {@code v128} without a lane shape (spec 4.3.4 "vector operations"):
 * bitwise operations, {@code any_true}, and the byte permutations {@code i8x16.shuffle} and {@code
 * i8x16.swizzle}. See the package comment for the two-{@code long} representation.
 */
public final class V128 {
  private V128() {}

  public static long not(long half) {
    return ~half;
  }

  public static long and(long a, long b) {
    return a & b;
  }

  /** {@code a & ~b}. */
  public static long andnot(long a, long b) {
    return a & ~b;
  }

  public static long or(long a, long b) {
    return a | b;
  }

  public static long xor(long a, long b) {
    return a ^ b;
  }

  /** Bits of {@code a} where {@code mask} is set, of {@code b} elsewhere. */
  public static long bitselect(long a, long b, long mask) {
    return (a & mask) | (b & ~mask);
  }

  /** {@code v128.any_true}: 1 if any bit is set. */
  public static int anyTrue(long lo, long hi) {
    return (lo | hi) != 0 ? 1 : 0;
  }

  /** Byte {@code i} (0 to 15) of the vector {@code lo, hi}. */
  static int byteAt(long lo, long hi, int i) {
    return (int) ((i < 8 ? lo : hi) >>> ((i & 7) << 3)) & 0xFF;
  }

  /**
   * One half of {@code i8x16.shuffle a b lanes}: for each of the 8 lane indices packed in {@code
   * lanes} (validated below 32), byte {@code l} of the concatenation {@code a b}.
   */
  public static long shuffle(long aLo, long aHi, long bLo, long bHi, long lanes) {
    long result = 0;
    for (int i = 0; i < 8; i++) {
      int l = (int) (lanes >>> (i << 3)) & 0x1F;
      long b = l < 16 ? byteAt(aLo, aHi, l) : byteAt(bLo, bHi, l - 16);
      result |= b << (i << 3);
    }
    return result;
  }

  /**
   * One half of {@code i8x16.swizzle a s}: for each of the 8 index bytes in {@code indices}, byte
   * {@code s[i]} of {@code a}, or 0 if the (unsigned) index is 16 or more.
   */
  public static long swizzle(long aLo, long aHi, long indices) {
    long result = 0;
    for (int i = 0; i < 8; i++) {
      int l = (int) (indices >>> (i << 3)) & 0xFF;
      if (l < 16) {
        result |= (long) byteAt(aLo, aHi, l) << (i << 3);
      }
    }
    return result;
  }
}
