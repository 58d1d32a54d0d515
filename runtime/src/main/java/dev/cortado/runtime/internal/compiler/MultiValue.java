package dev.cortado.runtime.internal.compiler;

/**
 * Where a function with several results leaves all but the first (which it returns): compiled code
 * passes its caller's carrier as a parameter, the callee stores its extra results into it just
 * before returning and the caller reads them right after the call, so nothing is allocated per
 * call. Result {@code i} (counting from 0) sits at index {@code i - 1}; numeric values as raw bits
 * in {@link #bits}, references in {@link #refs}.
 *
 * <p>Generated code calls the static accessors (value first, so that it can be stored straight from
 * the operand stack); HotSpot inlines them.
 */
public final class MultiValue {
  final long[] bits;
  final Object[] refs;

  /**
   * The high halves of v128 values a split function's chunk passes (see {@link SplitEmitter}); a
   * v128 result of a call is two i64 results instead ({@link JvmTypes#flat}).
   */
  final long[] high;

  MultiValue(int capacity) {
    bits = new long[capacity];
    refs = new Object[capacity];
    high = new long[capacity];
  }

  public static void putV128(long lo, long hi, MultiValue m, int i) {
    m.bits[i] = lo;
    m.high[i] = hi;
  }

  public static long getV128Low(MultiValue m, int i) {
    return m.bits[i];
  }

  public static long getV128High(MultiValue m, int i) {
    return m.high[i];
  }

  public static void putI32(int v, MultiValue m, int i) {
    m.bits[i] = v;
  }

  public static void putI64(long v, MultiValue m, int i) {
    m.bits[i] = v;
  }

  public static void putF32(float v, MultiValue m, int i) {
    m.bits[i] = Float.floatToRawIntBits(v);
  }

  public static void putF64(double v, MultiValue m, int i) {
    m.bits[i] = Double.doubleToRawLongBits(v);
  }

  public static void putRef(Object v, MultiValue m, int i) {
    m.refs[i] = v;
  }

  public static int getI32(MultiValue m, int i) {
    return (int) m.bits[i];
  }

  public static long getI64(MultiValue m, int i) {
    return m.bits[i];
  }

  public static float getF32(MultiValue m, int i) {
    return Float.intBitsToFloat((int) m.bits[i]);
  }

  public static double getF64(MultiValue m, int i) {
    return Double.longBitsToDouble(m.bits[i]);
  }

  /** Reads a reference and clears its slot, so that the carrier keeps nothing alive. */
  public static Object getRef(MultiValue m, int i) {
    Object v = m.refs[i];
    m.refs[i] = null;
    return v;
  }
}
