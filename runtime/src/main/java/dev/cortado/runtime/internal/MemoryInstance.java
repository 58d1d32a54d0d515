package dev.cortado.runtime.internal;

import dev.cortado.runtime.Memory;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * A linear memory (spec 4.2.8), backed by a Java {@code byte[]}.
 *
 * <p>An array keeps every access cheap for HotSpot: compiled code reads and writes it through
 * byte-array view {@link VarHandle}s, which C2 inlines in a few hundred IR nodes where a {@link
 * MemorySegment} access takes about 700, so that a function with many memory accesses stays under
 * C2's inlining node budget (docs/compiler.md, "Memory access"). The price is a size limit: a Java
 * array holds at most 2 GiB, so a memory has at most {@link #MAX_PAGES} pages; growing past that
 * fails ({@code memory.grow} returns -1, which the spec allows, 4.4.7.8) and a module declaring a
 * larger minimum cannot be instantiated. docs/rationale.md records the choice.
 *
 * <p>The array may be larger than the memory ({@link #byteSize()} is the wasm-visible size): growth
 * over-allocates by half so that a guest growing page by page does not copy the whole memory every
 * time. Every access is checked against {@link #byteSize()}, never against the array. Bytes past
 * {@code size} are never written, so they are zero when a later growth exposes them.
 *
 * <p>The {@code load*}/{@code store*}/{@code fill}/{@code copy}/{@code init} methods are the
 * semantics of the memory instructions for the interpreter: they take an effective address already
 * computed as an unsigned 64-bit sum (base + offset) and throw {@link TrapSignal} when out of
 * bounds. Compiled code has its own copies of the loads and stores ({@code compiler.MemoryOps},
 * checked with {@link #index} and reading {@link #array()}, and {@code compiler.DirectMemoryOps},
 * checked against one {@link #extent}). The {@link Memory} API methods throw a public {@link Trap}.
 */
public final class MemoryInstance implements Memory {
  /** Little-endian views of a byte array: the memory's loads and stores. */
  public static final VarHandle SHORTS =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  public static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  public static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * The most pages a memory can have: as many whole pages as the largest Java array holds (32767, a
   * page short of 2 GiB).
   */
  public static final long MAX_PAGES = (Integer.MAX_VALUE - 8) / MemType.PAGE_SIZE;

  /**
   * The most bytes a memory can have: {@link #MAX_PAGES} pages, below 2^31. A static offset above
   * it is out of bounds whatever the address.
   */
  public static final int MAX_BYTES = (int) (MAX_PAGES * MemType.PAGE_SIZE);

  private final MemType declared;
  private final long maxPages;
  private byte[] bytes;

  /** {@link #bytes} as a segment, for the bulk operations and the embedding API. */
  private MemorySegment segment;

  /**
   * The size in bytes: below 2^31 ({@link #MAX_PAGES}), so an int, the bound checks compare with.
   */
  private int size;

  /**
   * {@link #bytes} and {@link #size} as one immutable pair, replaced whenever either changes, for
   * accesses the array does not check again (compiled code's through {@code DirectMemoryOps}): its
   * fields are final, so whoever reads an extent sees an array at least as long as its size, even
   * if another thread grows the memory at that moment (a data race in the embedder's code must not
   * become an access past the end of an array).
   *
   * <p>Public, and an extent's fields too, so that {@code DirectMemoryOps} reads them without
   * accessor calls: C2 counts every method it inlines, accessors included, against its budget of
   * inlined bytecode per compilation, and each memory access of a wasm function inlines one of
   * those helpers (docs/compiler.md, "Memory access and C2's node budget"). Written only here.
   */
  public Extent extent;

  /**
   * An array and the size of the memory in it, never larger than the array. A class rather than a
   * record for its public fields (see {@link #extent}).
   */
  public static final class Extent {
    public final byte[] bytes;
    public final int size;

    Extent(byte[] bytes, int size) {
      this.bytes = bytes;
      this.size = size;
    }
  }

  private MemoryInstance(MemType type) {
    this.declared = type;
    long limit = type.memory64() ? (1L << 48) : MemType.MAX_PAGES_32;
    Limits limits = type.limits();
    if (limits.min() < 0 || limits.min() > limit) {
      throw new IllegalArgumentException("memory size out of range: " + limits.min() + " pages");
    }
    if (limits.min() > MAX_PAGES) {
      throw new OutOfMemoryError(
          "a memory of "
              + limits.min()
              + " pages is larger than the "
              + MAX_PAGES
              + " pages (2 GiB) a memory can have here");
    }
    if (!fitsHeap(limits.min() * MemType.PAGE_SIZE)) {
      throw new OutOfMemoryError(
          "a memory of " + limits.min() + " pages is more than half the JVM's maximum heap");
    }
    long max = limits.hasMax() ? Math.min(limits.max(), limit) : limit;
    this.maxPages = Math.min(max, MAX_PAGES);
    int initial = (int) (limits.min() * MemType.PAGE_SIZE);
    setContents(new byte[initial], initial);
  }

  /**
   * Makes {@code array} the memory's array and {@code newSize} its size: every field derived from
   * the two ({@link #segment}, {@link #extent}) changes here, and only here.
   */
  private void setContents(byte[] array, int newSize) {
    if (array != bytes) {
      bytes = array;
      segment = MemorySegment.ofArray(array);
    }
    size = newSize;
    extent = new Extent(array, newSize);
  }

  /**
   * A new memory of {@code type} for the Java API, zeroed; throws {@link IllegalArgumentException}
   * if the JVM cannot allocate its initial size.
   */
  public static MemoryInstance create(MemType type) {
    try {
      return new MemoryInstance(type);
    } catch (OutOfMemoryError e) {
      throw new IllegalArgumentException("cannot allocate a memory of " + type + " pages", e);
    }
  }

  /**
   * A new memory of {@code type}, zeroed; throws {@link OutOfMemoryError} if the JVM cannot
   * allocate its initial size.
   */
  public static MemoryInstance allocate(MemType type) {
    return new MemoryInstance(type);
  }

  /** The current type: the limits' minimum is the current size (spec 4.5.3.8 "grow memory"). */
  @Override
  public MemType type() {
    Limits l = declared.limits();
    return new MemType(new Limits(pages(), l.max()), declared.shared(), declared.memory64());
  }

  @Override
  public long pages() {
    return size / MemType.PAGE_SIZE;
  }

  @Override
  public long byteSize() {
    return size;
  }

  /**
   * The store that owns this memory and approves its growth (see {@link StoreResources}), or null
   * for a memory the host created.
   */
  StoreResources owner;

  /**
   * Grows by {@code delta} pages (spec 4.5.3.8): returns the old size in pages, or -1 if the new
   * size would exceed the maximum, the owning store's limits refuse, or the JVM cannot allocate it.
   */
  @Override
  public long grow(long delta) {
    try {
      return grow(delta, false);
    } catch (TrapSignal t) {
      throw t.toTrap();
    }
  }

  /**
   * {@code memory.grow}: as {@link #grow(long)}, but a refusal by the owning store's limits traps
   * (with {@link TrapKind#LIMIT_EXCEEDED}) when they say so.
   */
  public long memoryGrow(long delta) {
    return grow(delta, true);
  }

  private long grow(long delta, boolean instruction) {
    long old = pages();
    if (delta < 0 || delta > maxPages - old) {
      return -1;
    }
    long newSize = (old + delta) * MemType.PAGE_SIZE;
    StoreResources store = owner;
    if (store != null
        && delta > 0
        && !store.memoryGrowing(size, newSize, maxPages * MemType.PAGE_SIZE)) {
      if (instruction && store.trapOnGrowFailure()) {
        throw new TrapSignal(TrapKind.LIMIT_EXCEEDED);
      }
      return -1;
    }
    if (newSize > bytes.length) {
      long maxBytes = maxPages * MemType.PAGE_SIZE;
      if (store != null) {
        // Over-allocating must not take more than the store lets the memory have.
        maxBytes = Math.min(maxBytes, Math.max(newSize, store.maxMemoryBytes()));
      }
      long preferred = Math.min(maxBytes, Math.max(newSize, bytes.length / 2L * 3));
      byte[] bigger = allocateAtLeast(preferred, newSize);
      if (bigger == null) {
        if (store != null && delta > 0) {
          store.memoryGrowFailed(size, newSize);
        }
        return -1;
      }
      System.arraycopy(bytes, 0, bigger, 0, size);
      setContents(bigger, (int) newSize);
    } else {
      setContents(bytes, (int) newSize);
    }
    return old;
  }

  /**
   * Whether an array of {@code bytes} leaves the JVM half its maximum heap: a guest's memory must
   * not be what makes the host run out (docs/limits.md).
   */
  private static boolean fitsHeap(long bytes) {
    return bytes <= Runtime.getRuntime().maxMemory() / 2;
  }

  /**
   * An array of {@code preferred} bytes, else of {@code needed}, or null if neither fits the heap
   * share ({@link #fitsHeap}) or the JVM cannot allocate it.
   */
  private static byte[] allocateAtLeast(long preferred, long needed) {
    for (long length : preferred > needed ? new long[] {preferred, needed} : new long[] {needed}) {
      if (fitsHeap(length)) {
        try {
          return new byte[(int) length];
        } catch (OutOfMemoryError e) {
          // try the smaller size
        }
      }
    }
    return null;
  }

  /**
   * The array holding the memory's bytes: at least {@link #byteSize()} long, replaced when the
   * memory grows past it. For compiled code, which checks every access against {@link #byteSize()}.
   */
  public byte[] array() {
    return bytes;
  }

  /**
   * The array index of an access of {@code n} bytes at {@code addr + offset} (both unsigned 32-bit,
   * spec 4.4.7) for compiled code; the out-of-bounds trap if any of its bytes lies outside the
   * memory.
   *
   * <p>The check is in int arithmetic, and exact because a memory is smaller than 2^31 bytes: an
   * offset above {@link #MAX_BYTES} is out of bounds whatever the address (at every call site the
   * offset is a constant, so C2 folds that test away); otherwise the access fits if and only if
   * {@code 0 <= addr < size - (n - 1) - offset} as signed ints (an address of 2^31 or more is
   * negative, and the right side cannot overflow). {@code Objects.checkIndex} is a C2 intrinsic,
   * and with the address itself as its index, a linear function of a loop's counter wherever the
   * guest's is, C2 removes it from counted loops (range check elimination, loop predication).
   * Zero-extending the address to a long first, the obvious way, hid the counter from C2 and left a
   * check in every iteration (docs/compiler.md, "Bounds checks in loops").
   */
  public int index(int addr, int offset, int n) {
    return checkedIndex(addr, offset, n, size);
  }

  // Small, as C2 counts the bytecode of what it inlines (docs/compiler.md, "Memory access"): the
  // exception is made elsewhere.
  private static int checkedIndex(int addr, int offset, int n, int size) {
    if (Integer.compareUnsigned(offset, MAX_BYTES) > 0) {
      throw outOfBounds();
    }
    try {
      Objects.checkIndex(addr, size - (n - 1) - offset);
    } catch (IndexOutOfBoundsException _) {
      // A trap signal made here, under the compiled frames (compiler.Backtraces).
      throw outOfBounds();
    }
    return addr + offset;
  }

  // ---- instruction semantics (effective addresses are unsigned, already base + offset) ----

  private static TrapSignal outOfBounds() {
    return new TrapSignal(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }

  private void check(long ea, long n) {
    // ea and n are at most 2^33 for a 32-bit memory, so ea + n cannot overflow.
    if (ea + n > size) {
      throw outOfBounds();
    }
  }

  public int loadI32(long ea) {
    check(ea, 4);
    return (int) INTS.get(bytes, (int) ea);
  }

  public long loadI64(long ea) {
    check(ea, 8);
    return (long) LONGS.get(bytes, (int) ea);
  }

  public int loadI8S(long ea) {
    check(ea, 1);
    return bytes[(int) ea];
  }

  public int loadI8U(long ea) {
    check(ea, 1);
    return bytes[(int) ea] & 0xFF;
  }

  public int loadI16S(long ea) {
    check(ea, 2);
    return (short) SHORTS.get(bytes, (int) ea);
  }

  public int loadI16U(long ea) {
    check(ea, 2);
    return (short) SHORTS.get(bytes, (int) ea) & 0xFFFF;
  }

  public long loadI32U(long ea) {
    check(ea, 4);
    return (int) INTS.get(bytes, (int) ea) & 0xFFFFFFFFL;
  }

  public void storeI8(long ea, int value) {
    check(ea, 1);
    bytes[(int) ea] = (byte) value;
  }

  public void storeI16(long ea, int value) {
    check(ea, 2);
    SHORTS.set(bytes, (int) ea, (short) value);
  }

  public void storeI32(long ea, int value) {
    check(ea, 4);
    INTS.set(bytes, (int) ea, value);
  }

  public void storeI64(long ea, long value) {
    check(ea, 8);
    LONGS.set(bytes, (int) ea, value);
  }

  /**
   * {@code v128.store}: both halves of the vector, low first, once the whole 16 bytes are known to
   * be in bounds (a store that traps writes nothing).
   */
  public void storeV128(long ea, long low, long high) {
    check(ea, 16);
    LONGS.set(bytes, (int) ea, low);
    LONGS.set(bytes, (int) ea + 8, high);
  }

  /** {@code memory.fill} (spec 4.4.7.9): bounds are checked before any byte is written. */
  public void fill(long dst, byte value, long n) {
    check(dst, n);
    if (n > 0) {
      segment.asSlice(dst, n).fill(value);
    }
  }

  /** {@code memory.copy} within this memory (spec 4.4.7.10); overlapping ranges are fine. */
  public void copy(long dst, long src, long n) {
    check(src, n);
    check(dst, n);
    if (n > 0) {
      MemorySegment.copy(segment, src, segment, dst, n);
    }
  }

  /** {@code memory.init} (spec 4.4.7.11) from a data segment's bytes (empty once dropped). */
  public void init(long dst, byte[] data, long src, long n) {
    if (src + n > data.length) {
      throw outOfBounds();
    }
    check(dst, n);
    if (n > 0) {
      MemorySegment.copy(data, (int) src, segment, ValueLayout.JAVA_BYTE, dst, (int) n);
    }
  }

  // ---- the embedding API: addresses are signed longs, out of bounds is a public Trap ----

  // The embedding API's single-value accessors read the array as the wasm loads do: through the
  // segment, C2 did not remove its checks (JMH read i32s at 1.7 GB/s, Chicory 12 GB/s).
  private void checkApi(long address, long n) {
    if (address < 0 || n < 0 || address > size - n) {
      throw new Trap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, List.of());
    }
  }

  @Override
  public byte readByte(long address) {
    checkApi(address, 1);
    return bytes[(int) address];
  }

  @Override
  public void writeByte(long address, byte value) {
    checkApi(address, 1);
    bytes[(int) address] = value;
  }

  @Override
  public int readInt(long address) {
    checkApi(address, 4);
    return (int) INTS.get(bytes, (int) address);
  }

  @Override
  public void writeInt(long address, int value) {
    checkApi(address, 4);
    INTS.set(bytes, (int) address, value);
  }

  @Override
  public long readLong(long address) {
    checkApi(address, 8);
    return (long) LONGS.get(bytes, (int) address);
  }

  @Override
  public void writeLong(long address, long value) {
    checkApi(address, 8);
    LONGS.set(bytes, (int) address, value);
  }

  @Override
  public float readFloat(long address) {
    return Float.intBitsToFloat(readInt(address));
  }

  @Override
  public void writeFloat(long address, float value) {
    writeInt(address, Float.floatToRawIntBits(value));
  }

  @Override
  public double readDouble(long address) {
    return Double.longBitsToDouble(readLong(address));
  }

  @Override
  public void writeDouble(long address, double value) {
    writeLong(address, Double.doubleToRawLongBits(value));
  }

  @Override
  public void read(long address, byte[] dst, int dstOffset, int length) {
    java.util.Objects.checkFromIndexSize(dstOffset, length, dst.length);
    checkApi(address, length);
    MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, address, dst, dstOffset, length);
  }

  @Override
  public void write(long address, byte[] src, int srcOffset, int length) {
    java.util.Objects.checkFromIndexSize(srcOffset, length, src.length);
    checkApi(address, length);
    MemorySegment.copy(src, srcOffset, segment, ValueLayout.JAVA_BYTE, address, length);
  }

  @Override
  public String toString() {
    return "memory[" + pages() + " pages]";
  }
}
