package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.internal.MemoryInstance;
import java.lang.invoke.VarHandle;

/**
 * The memory instructions for generated code. Loads and stores take the address operand, the static
 * offset (both unsigned 32-bit, spec 4.4.7) and the memory, which the generated method keeps in a
 * local. Each checks the access against the memory's size ({@link MemoryInstance#index}; the array
 * behind it may be longer) and then reads the array through a byte-array view {@link VarHandle}:
 * the cheapest access C2 knows for a Java array, so that a method with many accesses gets them all
 * inlined (docs/compiler.md, "Memory access"). The check is exact in int arithmetic (a memory is
 * smaller than 2 GiB), so that C2 can remove it from counted loops; an access that straddles the
 * end of the memory, or whose effective address is 2^32 or more, traps before it touches anything.
 */
public final class MemoryOps {
  private static final VarHandle SHORTS = MemoryInstance.SHORTS;
  private static final VarHandle INTS = MemoryInstance.INTS;
  private static final VarHandle LONGS = MemoryInstance.LONGS;
  private static final long U32 = 0xFFFF_FFFFL;
  private static final byte[] DROPPED = new byte[0];

  private MemoryOps() {}

  public static MemoryInstance memory(CompiledInstance ctx) {
    return ctx.memory;
  }

  // ---- loads ----

  public static int i32Load(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 4);
    return (int) INTS.get(m.array(), i);
  }

  public static long i64Load(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 8);
    return (long) LONGS.get(m.array(), i);
  }

  public static float f32Load(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 4);
    return Float.intBitsToFloat((int) INTS.get(m.array(), i));
  }

  public static double f64Load(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 8);
    return Double.longBitsToDouble((long) LONGS.get(m.array(), i));
  }

  public static int i32Load8S(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 1);
    return m.array()[i];
  }

  public static int i32Load8U(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 1);
    return m.array()[i] & 0xFF;
  }

  public static int i32Load16S(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 2);
    return (short) SHORTS.get(m.array(), i);
  }

  public static int i32Load16U(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 2);
    return (short) SHORTS.get(m.array(), i) & 0xFFFF;
  }

  public static long i64Load8S(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 1);
    return m.array()[i];
  }

  public static long i64Load8U(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 1);
    return m.array()[i] & 0xFFL;
  }

  public static long i64Load16S(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 2);
    return (short) SHORTS.get(m.array(), i);
  }

  public static long i64Load16U(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 2);
    return (short) SHORTS.get(m.array(), i) & 0xFFFFL;
  }

  public static long i64Load32S(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 4);
    return (int) INTS.get(m.array(), i);
  }

  public static long i64Load32U(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 4);
    return (int) INTS.get(m.array(), i) & U32;
  }

  /** The high half (bytes 8 to 15) of {@code v128.load}, once all 16 bytes are known in bounds. */
  public static long v128LoadHigh(int addr, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 16);
    return (long) LONGS.get(m.array(), i + 8);
  }

  // ---- stores ----

  /** {@code v128.store}: both halves, once all 16 bytes are known to be in bounds. */
  public static void v128Store(int addr, long lo, long hi, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 16);
    byte[] a = m.array();
    LONGS.set(a, i, lo);
    LONGS.set(a, i + 8, hi);
  }

  public static void i32Store(int addr, int v, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 4);
    INTS.set(m.array(), i, v);
  }

  public static void i64Store(int addr, long v, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 8);
    LONGS.set(m.array(), i, v);
  }

  public static void f32Store(int addr, float v, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 4);
    INTS.set(m.array(), i, Float.floatToRawIntBits(v));
  }

  public static void f64Store(int addr, double v, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 8);
    LONGS.set(m.array(), i, Double.doubleToRawLongBits(v));
  }

  public static void i32Store8(int addr, int v, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 1);
    m.array()[i] = (byte) v;
  }

  public static void i32Store16(int addr, int v, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 2);
    SHORTS.set(m.array(), i, (short) v);
  }

  public static void i64Store8(int addr, long v, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 1);
    m.array()[i] = (byte) v;
  }

  public static void i64Store16(int addr, long v, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 2);
    SHORTS.set(m.array(), i, (short) v);
  }

  public static void i64Store32(int addr, long v, int offset, MemoryInstance m) {
    int i = m.index(addr, offset, 4);
    INTS.set(m.array(), i, (int) v);
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
