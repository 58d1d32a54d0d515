package dev.cortado.wasm.internal.wast;

import dev.cortado.wasm.ValType;
import java.util.List;

/** A constant argument of an action, or an expected result of {@code assert_return}. */
public sealed interface WastValue {
  record I32(int value) implements WastValue {}

  record I64(long value) implements WastValue {}

  /** An f32, as raw bits (payloads of NaNs matter). */
  record F32(int bits) implements WastValue {}

  /** An f64, as raw bits. */
  record F64(long bits) implements WastValue {}

  /** Results only: {@code nan:canonical} or {@code nan:arithmetic} of type F32 or F64. */
  record NanPattern(ValType type, boolean canonical) implements WastValue {}

  /** {@code (ref.null func|extern|...)}; {@code heapType} as written, e.g. {@code "func"}. */
  record RefNull(String heapType) implements WastValue {}

  /** {@code (ref.extern N)}: a host reference identified by N. Results: null N means any. */
  record RefExtern(Long id) implements WastValue {}

  /** Results only: {@code (ref.func)}, any non-null function reference. */
  record RefFunc() implements WastValue {}

  /**
   * {@code (v128.const shape lane*)}: {@code shape} is {@code i8x16}, {@code i16x8}, {@code i32x4},
   * {@code i64x2}, {@code f32x4} or {@code f64x2}; lanes are I32/I64/F32/F64 (or NanPattern in
   * results) values.
   */
  record V128(String shape, List<WastValue> lanes) implements WastValue {
    /**
     * The 128 bits of a constant (not a pattern): {@code [low, high]}, lane 0 in the lowest bits of
     * {@code low} (little-endian, as in memory).
     *
     * @throws IllegalStateException if a lane is a NaN pattern
     */
    public long[] bits() {
      int width = 128 / lanes.size();
      long mask = width == 64 ? -1L : (1L << width) - 1;
      long[] bits = new long[2];
      for (int i = 0; i < lanes.size(); i++) {
        long lane =
            switch (lanes.get(i)) {
              case I32(int v) -> v;
              case I64(long v) -> v;
              case F32(int v) -> v;
              case F64(long v) -> v;
              default -> throw new IllegalStateException("not a constant lane: " + lanes.get(i));
            };
        int bit = i * width;
        bits[bit / 64] |= (lane & mask) << (bit % 64);
      }
      return bits;
    }
  }

  /** Results only: {@code (either r1 r2 ...)}, any one of the alternatives. */
  record Either(List<WastValue> alternatives) implements WastValue {}

  /**
   * A value form Cortado does not support yet (e.g. {@code (ref.struct)} of the GC proposal);
   * {@code what} names it.
   */
  record Unsupported(String what) implements WastValue {}
}
