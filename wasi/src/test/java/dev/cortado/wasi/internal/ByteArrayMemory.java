package dev.cortado.wasi.internal;

/** Guest memory backed by a byte array: lets the host functions be tested without an engine. */
final class ByteArrayMemory extends GuestMemory {
  final byte[] bytes;

  ByteArrayMemory(int size) {
    bytes = new byte[size];
  }

  @Override
  protected long byteSize() {
    return bytes.length;
  }

  @Override
  protected void rawRead(long address, byte[] dst, int offset, int length) {
    System.arraycopy(bytes, (int) address, dst, offset, length);
  }

  @Override
  protected void rawWrite(long address, byte[] src, int offset, int length) {
    System.arraycopy(src, offset, bytes, (int) address, length);
  }
}
