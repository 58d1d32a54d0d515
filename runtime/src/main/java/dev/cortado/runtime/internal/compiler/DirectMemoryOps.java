package dev.cortado.runtime.internal.compiler;

import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.runtime.internal.MemoryInstance.Extent;
import dev.cortado.runtime.internal.TrapSignal;
import java.nio.ByteOrder;
import java.util.Objects;
import jdk.internal.misc.Unsafe;

/**
 * The loads and stores of {@link MemoryOps}, for generated code, with the array read and written
 * through the JDK's own {@code jdk.internal.misc.Unsafe} once the memory's check has passed: one
 * bounds check and one machine instruction per access. The compiler calls these instead of {@link
 * MemoryOps}'s where {@link #AVAILABLE} (docs/compiler.md, "Memory access").
 *
 * <p>A byte-array view {@code VarHandle}, the other way to read an int from a byte array in one
 * instruction, checks the index against the array's length once more (the memory's check is against
 * its size, which may be smaller) and reaches the same {@code Unsafe} method through several levels
 * of guards. C2 counts the bytecode of everything it inlines into a method against {@code
 * DesiredMethodLimit} (8000 bytes) and stops inlining past it; with dozens of accesses in a hot
 * loop, the var handles' share made the last accesses calls, and which ones depended on the order
 * of compilation (nbody's steady state took 2.4 s or 3.7 s from one JVM to the next). These methods
 * inline in a few dozen bytes each.
 *
 * <p>Each checks the access against one {@link Extent} of the memory, the array and the size it
 * holds read together, which the calling method keeps in a local until the memory may have changed
 * (it reads it again after a call, {@code memory.grow} or a split chunk's return, and at the header
 * of a loop that calls nothing: {@code FunctionCompiler.refreshMemory}), so that no access can
 * reach past the end of the array it is made to, even if another thread grows the memory meanwhile
 * (a bug in an embedder, but never one that may corrupt the JVM): the size of an extent is never
 * larger than its array.
 *
 * <p>Each is written for the fewest bytes of bytecode, fields read directly and the check spelled
 * out ({@link MemoryInstance#index}'s, without its offset test): C2 inlines at most 8000 bytes of
 * bytecode into one compilation ({@code DesiredMethodLimit}, accessors counted), and a method of a
 * few thousand bytes with a hundred accesses used to reach it through these helpers alone (about 95
 * bytes each with accessors and {@code Extent.index}; about 30 now, the extent read by the caller),
 * after which its last accesses stayed calls (docs/compiler.md, "Memory access and C2's node
 * budget"). One method each, on purpose: C1 inlines none of them (31 to 35 bytes, but more stack
 * than {@code C1InlineStackLimit} allows: {@code -XX:+PrintInlining} says "callee uses too much
 * stack"), and should not: split into methods C1 does inline, the loads made C1's profiled code of
 * speedtest1 1.8 times bigger and its compilations 1.3 s longer on a 2-core machine, where the
 * JIT's threads compete with the guest (whole process 8.7 s to 11.5 s); code C1 compiles runs for a
 * short while only, until C2's replaces it. So the compiler only calls them with an offset of at
 * most {@link MemoryInstance#MAX_BYTES}, for which {@code size - (n - 1) - offset} cannot overflow,
 * and a larger one (out of bounds whatever the address) goes to {@link MemoryOps}.
 *
 * <p>{@link #AVAILABLE} only if {@code java.base} exports {@code jdk.internal.misc} to this module
 * ({@code --add-exports java.base/jdk.internal.misc=dev.cortado.runtime}, or {@code =ALL-UNNAMED}
 * on the class path; the {@code cortado} launcher passes it), on a little-endian platform (wasm
 * memory is little-endian; these methods use the platform's order), and unless the system property
 * {@code cortado.memory.direct} is {@code false}. Code compiled with them says so in its settings
 * ({@link CompiledModule#settings()}), so a JVM without the export never loads it from a cache or a
 * {@code .cwasm} file: calling {@code Unsafe} without the export throws {@link IllegalAccessError}.
 */
public final class DirectMemoryOps {
  /** Whether compiled code may call these methods (see the class comment). */
  static final boolean AVAILABLE = available();

  /**
   * What the settings of code compiled with these methods say ({@link CompiledModule#settings}).
   */
  static final String SETTING = "directMemory";

  private static final Unsafe U = AVAILABLE ? Unsafe.getUnsafe() : null;

  private static final long BASE = AVAILABLE ? Unsafe.ARRAY_BYTE_BASE_OFFSET : 0;

  private DirectMemoryOps() {}

  private static boolean available() {
    return Boolean.parseBoolean(System.getProperty("cortado.memory.direct", "true"))
        && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
        && Object.class
            .getModule()
            .isExported("jdk.internal.misc", DirectMemoryOps.class.getModule());
  }

  // ---- loads ----

  public static int i32Load(int addr, int offset, Extent e) {
    return U.getIntUnaligned(e.bytes, BASE + (at(addr, e.size - 3 - offset) + offset));
  }

  public static long i64Load(int addr, int offset, Extent e) {
    return U.getLongUnaligned(e.bytes, BASE + (at(addr, e.size - 7 - offset) + offset));
  }

  public static float f32Load(int addr, int offset, Extent e) {
    return Float.intBitsToFloat(
        U.getIntUnaligned(e.bytes, BASE + (at(addr, e.size - 3 - offset) + offset)));
  }

  public static double f64Load(int addr, int offset, Extent e) {
    return Double.longBitsToDouble(
        U.getLongUnaligned(e.bytes, BASE + (at(addr, e.size - 7 - offset) + offset)));
  }

  public static int i32Load8S(int addr, int offset, Extent e) {
    return U.getByte(e.bytes, BASE + (at(addr, e.size - offset) + offset));
  }

  public static int i32Load8U(int addr, int offset, Extent e) {
    return U.getByte(e.bytes, BASE + (at(addr, e.size - offset) + offset)) & 0xFF;
  }

  public static int i32Load16S(int addr, int offset, Extent e) {
    return U.getShortUnaligned(e.bytes, BASE + (at(addr, e.size - 1 - offset) + offset));
  }

  public static int i32Load16U(int addr, int offset, Extent e) {
    return U.getShortUnaligned(e.bytes, BASE + (at(addr, e.size - 1 - offset) + offset)) & 0xFFFF;
  }

  public static long i64Load8S(int addr, int offset, Extent e) {
    return U.getByte(e.bytes, BASE + (at(addr, e.size - offset) + offset));
  }

  public static long i64Load8U(int addr, int offset, Extent e) {
    return U.getByte(e.bytes, BASE + (at(addr, e.size - offset) + offset)) & 0xFFL;
  }

  public static long i64Load16S(int addr, int offset, Extent e) {
    return U.getShortUnaligned(e.bytes, BASE + (at(addr, e.size - 1 - offset) + offset));
  }

  public static long i64Load16U(int addr, int offset, Extent e) {
    return U.getShortUnaligned(e.bytes, BASE + (at(addr, e.size - 1 - offset) + offset)) & 0xFFFFL;
  }

  public static long i64Load32S(int addr, int offset, Extent e) {
    return U.getIntUnaligned(e.bytes, BASE + (at(addr, e.size - 3 - offset) + offset));
  }

  public static long i64Load32U(int addr, int offset, Extent e) {
    return U.getIntUnaligned(e.bytes, BASE + (at(addr, e.size - 3 - offset) + offset))
        & 0xFFFF_FFFFL;
  }

  // ---- stores ----

  public static void i32Store(int addr, int v, int offset, Extent e) {
    U.putIntUnaligned(e.bytes, BASE + (at(addr, e.size - 3 - offset) + offset), v);
  }

  public static void i64Store(int addr, long v, int offset, Extent e) {
    U.putLongUnaligned(e.bytes, BASE + (at(addr, e.size - 7 - offset) + offset), v);
  }

  public static void f32Store(int addr, float v, int offset, Extent e) {
    U.putIntUnaligned(
        e.bytes, BASE + (at(addr, e.size - 3 - offset) + offset), Float.floatToRawIntBits(v));
  }

  public static void f64Store(int addr, double v, int offset, Extent e) {
    U.putLongUnaligned(
        e.bytes, BASE + (at(addr, e.size - 7 - offset) + offset), Double.doubleToRawLongBits(v));
  }

  public static void i32Store8(int addr, int v, int offset, Extent e) {
    U.putByte(e.bytes, BASE + (at(addr, e.size - offset) + offset), (byte) v);
  }

  public static void i32Store16(int addr, int v, int offset, Extent e) {
    U.putShortUnaligned(e.bytes, BASE + (at(addr, e.size - 1 - offset) + offset), (short) v);
  }

  public static void i64Store8(int addr, long v, int offset, Extent e) {
    U.putByte(e.bytes, BASE + (at(addr, e.size - offset) + offset), (byte) v);
  }

  public static void i64Store16(int addr, long v, int offset, Extent e) {
    U.putShortUnaligned(e.bytes, BASE + (at(addr, e.size - 1 - offset) + offset), (short) v);
  }

  public static void i64Store32(int addr, long v, int offset, Extent e) {
    U.putIntUnaligned(e.bytes, BASE + (at(addr, e.size - 3 - offset) + offset), (int) v);
  }

  /**
   * {@code addr} if it is at least 0 and less than {@code limit}, else the out-of-bounds trap:
   * {@code Objects.checkIndex}, a C2 intrinsic, whose exception becomes the trap here, under the
   * compiled frames, so that the trap's backtrace can read them ({@link Backtraces}). In a method
   * of its own (11 bytes, always inlined) so that each access's stays within 35 bytes, the size up
   * to which C2 inlines a method at any call site, however rarely it runs ({@code MaxInlineSize}).
   */
  private static int at(int addr, int limit) {
    try {
      return Objects.checkIndex(addr, limit);
    } catch (IndexOutOfBoundsException _) {
      throw outOfBounds();
    }
  }

  private static TrapSignal outOfBounds() {
    return new TrapSignal(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }
}
