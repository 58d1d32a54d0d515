package dev.cortado.wasm.internal.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with the primitive encodings of spec 5.1 and 5.2, canonical (shortest).
 */
final class ByteWriter {
  private byte[] buf = new byte[256];
  private int size;

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  ByteWriter u8(int b) {
    if (size == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    buf[size++] = (byte) b;
    return this;
  }

  ByteWriter bytes(byte[] bytes) {
    if (size + bytes.length > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + bytes.length));
    }
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  /** Appends what {@code other} holds. */
  ByteWriter bytes(ByteWriter other) {
    return bytes(other.toByteArray());
  }

  /** An unsigned LEB128 of the low 32 bits of {@code value}, taken as unsigned. */
  ByteWriter u32(long value) {
    long v = value & 0xFFFF_FFFFL;
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      u8(v == 0 ? b : b | 0x80);
    } while (v != 0);
    return this;
  }

  /** A signed LEB128 (s32, s33 and s64 alike: the shortest encoding is the same). */
  ByteWriter signed(long value) {
    long v = value;
    while (true) {
      int b = (int) (v & 0x7F);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      u8(done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  ByteWriter fixed32(int value) {
    return u8(value).u8(value >>> 8).u8(value >>> 16).u8(value >>> 24);
  }

  ByteWriter fixed64(long value) {
    return fixed32((int) value).fixed32((int) (value >>> 32));
  }

  /** A name: its UTF-8 length, then the bytes. */
  ByteWriter name(String name) {
    byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
    return u32(utf8.length).bytes(utf8);
  }

  /** A section: its id, the size of {@code contents}, then the contents. */
  ByteWriter section(int id, ByteWriter contents) {
    return u8(id).u32(contents.size()).bytes(contents);
  }
}
