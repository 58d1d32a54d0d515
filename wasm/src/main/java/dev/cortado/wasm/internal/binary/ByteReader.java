package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;

/**
 * A cursor over the bytes of a binary module that decodes the primitive encodings of spec 5.1 and
 * 5.3 (bytes, LEB128 integers, floats, names, value and reference types) and reports malformed
 * input with the testsuite's messages and the byte offset.
 *
 * <p>Like the reference interpreter, the cursor is not confined to the current section: a section
 * or function body that is read past its declared size is reported as a "section size mismatch"
 * once it has been read, and only running off the end of the whole input is an "unexpected end".
 * {@link #contentEnd()} still records where the current section or function body ends, so that an
 * encoding from a later proposal can be told apart from junk that merely follows a truncated body.
 */
final class ByteReader {
  static final String UNEXPECTED_END = "unexpected end of section or function";

  private final byte[] bytes;
  private int pos;
  private int contentEnd;

  ByteReader(byte[] bytes) {
    this.bytes = bytes;
    this.contentEnd = bytes.length;
  }

  int position() {
    return pos;
  }

  /** A reader of the same input, at its start, for another thread. */
  ByteReader sameBytes() {
    return new ByteReader(bytes);
  }

  void position(int newPos) {
    pos = newPos;
  }

  int length() {
    return bytes.length;
  }

  boolean atEnd() {
    return pos >= bytes.length;
  }

  /** Where the section or function body being read ends, by its declared size. */
  int contentEnd() {
    return contentEnd;
  }

  void contentEnd(int end) {
    contentEnd = end;
  }

  /** The next byte without consuming it, or -1 at the end of the input. */
  int peek() {
    return pos < bytes.length ? bytes[pos] & 0xFF : -1;
  }

  int u8() {
    if (pos >= bytes.length) {
      throw malformed(UNEXPECTED_END, bytes.length);
    }
    return bytes[pos++] & 0xFF;
  }

  /** {@code n} raw bytes, copied. */
  byte[] bytes(int n) {
    if (n < 0 || n > bytes.length - pos) {
      throw malformed(UNEXPECTED_END, bytes.length);
    }
    byte[] result = new byte[n];
    System.arraycopy(bytes, pos, result, 0, n);
    pos += n;
    return result;
  }

  void skip(int n) {
    if (n < 0 || n > bytes.length - pos) {
      throw malformed(UNEXPECTED_END, bytes.length);
    }
    pos += n;
  }

  /** A little-endian 32-bit word (f32 bits, the magic number and the version). */
  int fixed32() {
    int b0 = u8();
    int b1 = u8();
    int b2 = u8();
    int b3 = u8();
    return b0 | b1 << 8 | b2 << 16 | b3 << 24;
  }

  /** A little-endian 64-bit word (f64 bits). */
  long fixed64() {
    long lo = fixed32() & 0xFFFF_FFFFL;
    long hi = fixed32() & 0xFFFF_FFFFL;
    return lo | hi << 32;
  }

  /** An unsigned 32-bit LEB128 integer, as a long in 0..2^32-1. */
  long u32() {
    return unsigned(32);
  }

  /**
   * A u32 index. Indices of 2^31 and above are clamped to {@link Integer#MAX_VALUE}: no index space
   * of a module can be that large (each entry takes at least one byte of input), so the clamped
   * index is exactly as out of range as the original, and the model's {@code int} indices are never
   * negative.
   */
  int index() {
    return (int) Math.min(u32(), Integer.MAX_VALUE);
  }

  /** A one-bit flag encoded as an unsigned LEB128 (u1), as limits flags are. */
  int u1() {
    return (int) unsigned(1);
  }

  int s32() {
    return (int) signed(32);
  }

  long s33() {
    return signed(33);
  }

  long s64() {
    return signed(64);
  }

  /**
   * Spec 5.2.2: an unsigned LEB128 of at most ceil(n/7) bytes whose unused bits in the last byte
   * are zero.
   */
  private long unsigned(int n) {
    long result = 0;
    int shift = 0;
    for (int bitsLeft = n; ; bitsLeft -= 7) {
      if (bitsLeft <= 0) {
        throw malformed("integer representation too long", pos);
      }
      int b = u8();
      if (bitsLeft < 7 && (b & 0x7F) >= 1 << bitsLeft) {
        throw malformed("integer too large", pos - 1);
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
      shift += 7;
    }
  }

  /**
   * Spec 5.2.2: a signed LEB128 of at most ceil(n/7) bytes whose unused bits in the last byte are
   * copies of the sign bit.
   */
  private long signed(int n) {
    long result = 0;
    int shift = 0;
    for (int bitsLeft = n; ; bitsLeft -= 7) {
      if (bitsLeft <= 0) {
        throw malformed("integer representation too long", pos);
      }
      int b = u8();
      if (bitsLeft < 7) {
        int mask = (-1 << (bitsLeft - 1)) & 0x7F;
        if ((b & mask) != 0 && (b & mask) != mask) {
          throw malformed("integer too large", pos - 1);
        }
      }
      result |= (long) (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        if (shift < 64 && (b & 0x40) != 0) {
          result |= -1L << shift;
        }
        return result;
      }
    }
  }

  /**
   * The length of a vector or byte string: a u32 that cannot exceed the bytes left in the input,
   * since every element takes at least one byte. Like the reference interpreter, the bytes left are
   * counted from the start of the length itself. Callers never allocate more than this up front.
   */
  int length32() {
    int at = pos;
    long n = u32();
    if (n > bytes.length - at) {
      throw malformed("length out of bounds", at);
    }
    return (int) n;
  }

  /** A name (spec 5.2.4): a byte vector holding well-formed UTF-8. */
  String name() {
    int at = pos;
    int n = length32();
    if (n > bytes.length - pos) {
      throw malformed(UNEXPECTED_END, bytes.length);
    }
    String name = Utf8.decode(bytes, pos, n);
    if (name == null) {
      throw malformed("malformed UTF-8 encoding", at);
    }
    pos += n;
    return name;
  }

  /** A value type (spec 5.3.4); v128 included, since it is a 2.0 type. */
  ValType valType() {
    int at = pos;
    int b = typeByte();
    ValType type = ValType.ofCode(b);
    if (type == null) {
      throw badType(b, at);
    }
    return type;
  }

  /** A reference type (spec 5.3.3). */
  ValType refType() {
    int at = pos;
    int b = typeByte();
    ValType type = ValType.ofCode(b);
    if (type == null || !type.isReference()) {
      throw badType(b, at);
    }
    return type;
  }

  /**
   * The byte of a type, which the reference interpreter reads as a 7-bit signed LEB128: a set
   * continuation bit makes it too long.
   */
  private int typeByte() {
    int b = u8();
    if ((b & 0x80) != 0) {
      throw malformed("integer representation too long", pos);
    }
    return b;
  }

  /**
   * The error for type byte {@code b} at {@code at} that is no 2.0 type: the feature that defines
   * it, or else the reference interpreter's message (its last alternative is the reference type).
   */
  MalformedModuleException badType(int b, int at) {
    String feature =
        switch (b) {
          case 0x63, 0x64 -> "function references";
          case 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x71, 0x72, 0x73 -> "gc";
          case 0x69, 0x74 -> "exceptions";
          default -> null;
        };
    return laterProposalOr(feature, at, "malformed reference type");
  }

  /**
   * {@link UnsupportedFeatureException} for {@code feature} if the encoding at {@code at} lies
   * inside the current section or function body (so it is meant as that feature's encoding), else a
   * plain {@link MalformedModuleException} with {@code message}.
   */
  MalformedModuleException laterProposalOr(String feature, int at, String message) {
    if (feature != null && inContent(at)) {
      return unsupported(feature, at);
    }
    return malformed(message, at);
  }

  /** Whether {@code at} lies inside the current section or function body. */
  boolean inContent(int at) {
    return at < contentEnd;
  }

  UnsupportedFeatureException unsupported(String feature, int at) {
    return new UnsupportedFeatureException(feature, location(at));
  }

  MalformedModuleException malformed(String reason, int at) {
    return new MalformedModuleException(reason, location(at));
  }

  static String location(int offset) {
    return "offset 0x" + Integer.toHexString(offset);
  }
}
