package dev.cortado.runtime;

import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.MemType;

/**
 * A linear memory. Addresses are unsigned byte offsets; an access out of bounds throws a {@link
 * Trap} of kind {@link TrapKind#OUT_OF_BOUNDS_MEMORY_ACCESS}. Multi-byte values are little-endian.
 */
public sealed interface Memory extends Extern permits MemoryInstance {
  /** A new memory of this type, for a host to export to wasm. */
  static Memory of(MemType type) {
    return MemoryInstance.create(type);
  }

  MemType type();

  /** Current size in 64 KiB pages. */
  long pages();

  /** Current size in bytes. */
  long byteSize();

  /** Grows by {@code delta} pages; returns the old size in pages, or -1 if it cannot grow. */
  long grow(long delta);

  byte readByte(long address);

  void writeByte(long address, byte value);

  int readInt(long address);

  void writeInt(long address, int value);

  long readLong(long address);

  void writeLong(long address, long value);

  float readFloat(long address);

  void writeFloat(long address, float value);

  double readDouble(long address);

  void writeDouble(long address, double value);

  /** Copies {@code length} bytes at {@code address} into {@code dst} at {@code dstOffset}. */
  void read(long address, byte[] dst, int dstOffset, int length);

  /** Copies {@code length} bytes of {@code src} from {@code srcOffset} to {@code address}. */
  void write(long address, byte[] src, int srcOffset, int length);

  default byte[] readBytes(long address, int length) {
    byte[] b = new byte[length];
    read(address, b, 0, length);
    return b;
  }

  default void write(long address, byte[] src) {
    write(address, src, 0, src.length);
  }

  /** Reads {@code length} bytes as UTF-8. */
  default String readString(long address, int length) {
    return new String(readBytes(address, length), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes the UTF-8 bytes of {@code s} (no terminator); returns the number of bytes written. */
  default int writeString(long address, String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    write(address, b);
    return b.length;
  }

  @Override
  default ExternKind kind() {
    return ExternKind.MEMORY;
  }
}
