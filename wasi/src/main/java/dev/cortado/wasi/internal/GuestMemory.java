package dev.cortado.wasi.internal;

import dev.cortado.runtime.Memory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The guest's linear memory as WASI functions see it: every pointer is an unsigned 32-bit address,
 * and every access is bounds-checked first so that a bad pointer makes the function fail with
 * {@link Errno#FAULT} instead of trapping the guest. Multi-byte values are little-endian.
 */
public abstract class GuestMemory {
  /** The memory of a module that exports none: every access fails with {@code fault}. */
  public static final GuestMemory NONE =
      new GuestMemory() {
        @Override
        protected long byteSize() {
          return 0;
        }

        @Override
        protected void rawRead(long address, byte[] dst, int offset, int length) {
          throw new ErrnoException(Errno.FAULT);
        }

        @Override
        protected void rawWrite(long address, byte[] src, int offset, int length) {
          throw new ErrnoException(Errno.FAULT);
        }
      };

  /** Guest memory backed by a runtime {@link Memory}. */
  public static GuestMemory of(Memory memory) {
    return new GuestMemory() {
      @Override
      protected long byteSize() {
        return memory.byteSize();
      }

      @Override
      protected void rawRead(long address, byte[] dst, int offset, int length) {
        memory.read(address, dst, offset, length);
      }

      @Override
      protected void rawWrite(long address, byte[] src, int offset, int length) {
        memory.write(address, src, offset, length);
      }
    };
  }

  protected GuestMemory() {}

  /** Current size in bytes (it may change when the guest grows its memory). */
  protected abstract long byteSize();

  /** Copies bytes out of memory; the range is already checked. */
  protected abstract void rawRead(long address, byte[] dst, int offset, int length);

  /** Copies bytes into memory; the range is already checked. */
  protected abstract void rawWrite(long address, byte[] src, int offset, int length);

  /** The unsigned address a guest pointer (an i32) denotes. */
  public static long address(int pointer) {
    return Integer.toUnsignedLong(pointer);
  }

  /**
   * Fails with {@code fault} unless the {@code length} bytes at {@code pointer} lie inside memory.
   * {@code length} is unsigned, so a guest's "huge" length is never mistaken for a small one.
   */
  public void check(int pointer, long length) {
    long start = address(pointer);
    if (length < 0 || start + length > byteSize()) {
      throw new ErrnoException(Errno.FAULT, "bad guest pointer");
    }
  }

  /** Like {@link #check(int, long)} for an unsigned 32-bit length. */
  public void checkU32(int pointer, int length) {
    check(pointer, Integer.toUnsignedLong(length));
  }

  public byte[] bytes(int pointer, int length) {
    checkU32(pointer, length);
    if (length < 0) {
      throw new ErrnoException(Errno.FAULT, "bad guest pointer");
    }
    byte[] b = new byte[length];
    rawRead(address(pointer), b, 0, length);
    return b;
  }

  public void read(long address, byte[] dst, int offset, int length) {
    if (address < 0 || address + length > byteSize()) {
      throw new ErrnoException(Errno.FAULT, "bad guest pointer");
    }
    rawRead(address, dst, offset, length);
  }

  public void write(long address, byte[] src, int offset, int length) {
    if (address < 0 || address + length > byteSize()) {
      throw new ErrnoException(Errno.FAULT, "bad guest pointer");
    }
    rawWrite(address, src, offset, length);
  }

  public void putBytes(int pointer, byte[] src) {
    write(address(pointer), src, 0, src.length);
  }

  public int u8(int pointer) {
    return bytes(pointer, 1)[0] & 0xFF;
  }

  public int u16(int pointer) {
    byte[] b = bytes(pointer, 2);
    return (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
  }

  /** The 32-bit value at {@code pointer} (callers treat it as unsigned where witx says u32). */
  public int i32(int pointer) {
    byte[] b = bytes(pointer, 4);
    return ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
  }

  public long i64(int pointer) {
    byte[] b = bytes(pointer, 8);
    return ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
  }

  public void putU8(int pointer, int value) {
    putBytes(pointer, new byte[] {(byte) value});
  }

  public void putU16(int pointer, int value) {
    putBytes(pointer, new byte[] {(byte) value, (byte) (value >>> 8)});
  }

  public void putI32(int pointer, int value) {
    putBytes(
        pointer,
        ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(value).array());
  }

  public void putI64(int pointer, long value) {
    putBytes(
        pointer,
        ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(value).array());
  }

  /**
   * The UTF-8 string of {@code length} bytes at {@code pointer}; fails with {@code ilseq} if the
   * bytes are not valid UTF-8 (WASI strings are UTF-8, and a lossy decoding could turn two
   * different guest names into the same host name).
   */
  public String utf8(int pointer, int length) {
    byte[] b = bytes(pointer, length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ErrnoException(Errno.ILSEQ, "path is not valid UTF-8");
    }
  }
}
