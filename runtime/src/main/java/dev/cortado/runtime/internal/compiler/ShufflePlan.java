package dev.cortado.runtime.internal.compiler;

/**
 * How compiled code with the Vector API does one {@code i8x16.shuffle} (spec 4.4.3.6: byte {@code
 * lanes[i]} of the concatenation of the operands {@code a b}), chosen from its constant lanes and
 * from which operands are known to be all zeros ({@link ZeroVectors}). Compilers write
 * zero-extensions, single-vector permutations and moves as shuffles (clang's SIMD {@code blur}
 * zero-extends with shuffles against a zero vector); the generic two-vector select costs two
 * permutations, a compare and a blend, these one instruction or two.
 *
 * @param kind what the code does
 * @param source the operand the result is taken from ({@code 0} is {@code a}, {@code 1} is {@code
 *     b}), for every kind but {@link Kind#TWO} and {@link Kind#ZERO}
 * @param method the {@code VectorOps} method of {@link Kind#EXTEND}, else null
 * @param lanes for {@link Kind#ONE}: the byte of the source each result byte is (0 to 15), or 16
 *     where the result byte is zero; else null
 */
record ShufflePlan(Kind kind, int source, String method, int[] lanes) {
  enum Kind {
    /** Every result byte is zero. */
    ZERO,
    /** The result is the source operand. */
    KEEP,
    /** An unsigned widening of the source's low or high half ({@code method}). */
    EXTEND,
    /** A permutation of the source's bytes, some bytes possibly zero. */
    ONE,
    /** Bytes of both operands: the generic shuffle. */
    TWO
  }

  private static final int ZERO_BYTE = -1;

  /** The plan for {@code lanes} (16 indices, 0 to 31) when operand a or b is known to be zero. */
  static ShufflePlan of(int[] lanes, boolean zeroA, boolean zeroB) {
    // Each result byte as -1 (zero) or 0-15 (byte of a) or 16-31 (byte of b).
    int[] from = new int[16];
    boolean usesA = false;
    boolean usesB = false;
    for (int i = 0; i < 16; i++) {
      int l = lanes[i];
      boolean fromA = l < 16;
      if (fromA ? zeroA : zeroB) {
        from[i] = ZERO_BYTE;
      } else {
        from[i] = l;
        usesA |= fromA;
        usesB |= !fromA;
      }
    }
    if (!usesA && !usesB) {
      return new ShufflePlan(Kind.ZERO, 0, null, null);
    }
    if (usesA && usesB) {
      return new ShufflePlan(Kind.TWO, 0, null, null);
    }
    int source = usesA ? 0 : 1;
    int base = 16 * source;
    int[] bytes = new int[16];
    boolean identity = true;
    for (int i = 0; i < 16; i++) {
      bytes[i] = from[i] == ZERO_BYTE ? 16 : from[i] - base;
      identity &= bytes[i] == i;
    }
    if (identity) {
      return new ShufflePlan(Kind.KEEP, source, null, null);
    }
    String extend = extension(bytes);
    if (extend != null) {
      return new ShufflePlan(Kind.EXTEND, source, extend, null);
    }
    return new ShufflePlan(Kind.ONE, source, null, bytes);
  }

  /**
   * The {@code VectorOps} method of the unsigned widening (spec 4.4.3.11, {@code extend_low_u} and
   * {@code extend_high_u}) that {@code bytes} (0 to 15 from the source, 16 zero) is, or null:
   * element {@code e} of width {@code 2w} is source element {@code e} (or {@code e} plus half the
   * lanes, high) of width {@code w}, its upper {@code w} bytes zero.
   */
  private static String extension(int[] bytes) {
    String[] names = {"i16x8Extend%sI8x16U", "i32x4Extend%sI16x8U", "i64x2Extend%sI32x4U"};
    for (int k = 0; k < 3; k++) {
      int w = 1 << k;
      for (int high = 0; high < 2; high++) {
        boolean matches = true;
        for (int i = 0; i < 16 && matches; i++) {
          int element = i / (2 * w);
          int offset = i % (2 * w);
          int expected = offset < w ? 8 * high + element * w + offset : 16;
          matches = bytes[i] == expected;
        }
        if (matches) {
          return names[k].formatted(high == 0 ? "Low" : "High");
        }
      }
    }
    return null;
  }

  /** The lanes of {@link Kind#ONE} as two little-endian longs (low 8 bytes, high 8 bytes). */
  long lanesLow() {
    return packed(0);
  }

  long lanesHigh() {
    return packed(8);
  }

  /**
   * A mask with 0xFF where {@link Kind#ONE}'s result byte comes from the source, 0 where it is zero
   * (low 8 bytes, high 8 bytes).
   */
  long keepLow() {
    return keep(0);
  }

  long keepHigh() {
    return keep(8);
  }

  /** Whether {@link Kind#ONE} zeroes any result byte. */
  boolean zeroes() {
    return keepLow() != -1L || keepHigh() != -1L;
  }

  private long packed(int from) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) (lanes[from + i] & 15) << (8 * i);
    }
    return v;
  }

  private long keep(int from) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      if (lanes[from + i] < 16) {
        v |= 0xFFL << (8 * i);
      }
    }
    return v;
  }
}
