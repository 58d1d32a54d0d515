package dev.cortado.wasm.internal.binary;

import java.io.ByteArrayOutputStream;

/** Builds binary modules byte by byte for tests. */
final class TestBytes {
  static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

  private TestBytes() {}

  static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** The header followed by {@code sections}. */
  static byte[] module(byte[]... sections) {
    return concat(HEADER, concat(sections));
  }

  /** A section: id, its size (a one-byte LEB128, so under 128 bytes), contents. */
  static byte[] section(int id, int... contents) {
    return section(id, bytes(contents));
  }

  static byte[] section(int id, byte[] contents) {
    if (contents.length > 127) {
      throw new IllegalArgumentException("test sections are small");
    }
    return concat(bytes(id, contents.length), contents);
  }

  /** A module with one function of type [] -> [] (and one memory), whose body is {@code code}. */
  static byte[] function(int... code) {
    byte[] body = concat(bytes(0x00), bytes(code)); // no locals
    return module(
        section(1, 0x01, 0x60, 0x00, 0x00),
        section(3, 0x01, 0x00),
        section(5, 0x01, 0x00, 0x01),
        section(10, concat(bytes(0x01, body.length), body)));
  }
}
