package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.MemoryInstance;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The memory instructions for generated code. Loads and stores take the address operand, the static
 * offset (both unsigned 32-bit, spec 4.4.7) and the memory's access segment ({@link
 * MemoryInstance#accessView()}, which the generated method keeps in a local and reloads after calls
 * and {@code memory.grow}). The segment is exactly as long as the memory, so its own bounds check
 * is the wasm bounds check, accesses that straddle the end included; its {@link
 * IndexOutOfBoundsException} becomes an out-of-bounds trap (see {@link Unwind}). The effective
 * address is computed in 64 bits, so base + offset never wraps.
 */
public final class MemoryOps {
  private static final ValueLayout.OfShort I16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
  private static final long U32 = 0xFFFF_FFFFL;
  private static final byte[] DROPPED = new byte[0];

  private MemoryOps() {}

  private static long ea(int addr, int offset) {
    return (addr & U32) + (offset & U32);
  }

  public static MemorySegment view(CompiledInstance ctx) {
    return ctx.memory.accessView();
  }

  // ---- loads ----

  public static int i32Load(int addr, int offset, MemorySegment m) {
    return m.get(I32, ea(addr, offset));
  }

  public static long i64Load(int addr, int offset, MemorySegment m) {
    return m.get(I64, ea(addr, offset));
  }

  public static float f32Load(int addr, int offset, MemorySegment m) {
    return Float.intBitsToFloat(m.get(I32, ea(addr, offset)));
  }

  public static double f64Load(int addr, int offset, MemorySegment m) {
    return Double.longBitsToDouble(m.get(I64, ea(addr, offset)));
  }

  public static int i32Load8S(int addr, int offset, MemorySegment m) {
    return m.get(I8, ea(addr, offset));
  }

  public static int i32Load8U(int addr, int offset, MemorySegment m) {
    return m.get(I8, ea(addr, offset)) & 0xFF;
  }

  public static int i32Load16S(int addr, int offset, MemorySegment m) {
    return m.get(I16, ea(addr, offset));
  }

  public static int i32Load16U(int addr, int offset, MemorySegment m) {
    return m.get(I16, ea(addr, offset)) & 0xFFFF;
  }

  public static long i64Load8S(int addr, int offset, MemorySegment m) {
    return m.get(I8, ea(addr, offset));
  }

  public static long i64Load8U(int addr, int offset, MemorySegment m) {
    return m.get(I8, ea(addr, offset)) & 0xFFL;
  }

  public static long i64Load16S(int addr, int offset, MemorySegment m) {
    return m.get(I16, ea(addr, offset));
  }

  public static long i64Load16U(int addr, int offset, MemorySegment m) {
    return m.get(I16, ea(addr, offset)) & 0xFFFFL;
  }

  public static long i64Load32S(int addr, int offset, MemorySegment m) {
    return m.get(I32, ea(addr, offset));
  }

  public static long i64Load32U(int addr, int offset, MemorySegment m) {
    return m.get(I32, ea(addr, offset)) & U32;
  }

  // ---- stores ----

  /** The high half (bytes 8 to 15) of {@code v128.load}; {@link #i64Load} reads the low half. */
  public static long v128LoadHigh(int addr, int offset, MemorySegment m) {
    return m.get(I64, ea(addr, offset) + 8);
  }

  /**
   * {@code v128.store}: the high half first, so that a store out of bounds (the high half is the
   * last to fit) writes nothing, as the spec requires of a trapping store.
   */
  public static void v128Store(int addr, long lo, long hi, int offset, MemorySegment m) {
    long ea = ea(addr, offset);
    m.set(I64, ea + 8, hi);
    m.set(I64, ea, lo);
  }

  public static void i32Store(int addr, int v, int offset, MemorySegment m) {
    m.set(I32, ea(addr, offset), v);
  }

  public static void i64Store(int addr, long v, int offset, MemorySegment m) {
    m.set(I64, ea(addr, offset), v);
  }

  public static void f32Store(int addr, float v, int offset, MemorySegment m) {
    m.set(I32, ea(addr, offset), Float.floatToRawIntBits(v));
  }

  public static void f64Store(int addr, double v, int offset, MemorySegment m) {
    m.set(I64, ea(addr, offset), Double.doubleToRawLongBits(v));
  }

  public static void i32Store8(int addr, int v, int offset, MemorySegment m) {
    m.set(I8, ea(addr, offset), (byte) v);
  }

  public static void i32Store16(int addr, int v, int offset, MemorySegment m) {
    m.set(I16, ea(addr, offset), (short) v);
  }

  public static void i64Store8(int addr, long v, int offset, MemorySegment m) {
    m.set(I8, ea(addr, offset), (byte) v);
  }

  public static void i64Store16(int addr, long v, int offset, MemorySegment m) {
    m.set(I16, ea(addr, offset), (short) v);
  }

  public static void i64Store32(int addr, long v, int offset, MemorySegment m) {
    m.set(I32, ea(addr, offset), (int) v);
  }

  // ---- size, growth and bulk operations (spec 4.4.7.8-12) ----

  public static int size(CompiledInstance ctx) {
    return (int) ctx.memory.pages();
  }

  public static int grow(int delta, CompiledInstance ctx) {
    // The instruction's growth: a store's limits may make it trap (docs/limits.md).
    return (int) ctx.memory.memoryGrow(delta & U32);
  }

  public static void fill(int dst, int value, int n, CompiledInstance ctx) {
    ctx.memory.fill(dst & U32, (byte) value, n & U32);
  }

  public static void copy(int dst, int src, int n, CompiledInstance ctx) {
    ctx.memory.copy(dst & U32, src & U32, n & U32);
  }

  public static void init(int dst, int src, int n, int segment, CompiledInstance ctx) {
    ctx.memory.init(dst & U32, ctx.datas[segment], src & U32, n & U32);
  }

  public static void dataDrop(int segment, CompiledInstance ctx) {
    ctx.datas[segment] = DROPPED;
  }
}
