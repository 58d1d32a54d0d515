package dev.cortado.wasi.internal;

import dev.cortado.wasi.WasiConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A fake guest for calling WASI functions directly: a byte-array memory with a bump allocator and
 * helpers to lay out strings, iovecs and result slots the way a C program would.
 */
final class TestGuest implements AutoCloseable {
  static final int MEMORY_SIZE = 1 << 20;

  final ByteArrayMemory memory = new ByteArrayMemory(MEMORY_SIZE);
  final WasiContext ctx;
  private int heap = 1024;

  TestGuest(WasiConfig config) throws IOException {
    this(config, false);
  }

  /**
   * @param pathDirs use {@link PathDir} even where {@link SecureDir} would do
   */
  TestGuest(WasiConfig config, boolean pathDirs) throws IOException {
    this.ctx = WasiContext.create(config, pathDirs);
  }

  /** Reserves {@code n} bytes, 8-aligned, zeroed. */
  int alloc(int n) {
    int p = heap;
    heap += (n + 7) & ~7;
    if (heap > MEMORY_SIZE) {
      throw new IllegalStateException("test guest out of memory");
    }
    return p;
  }

  /** Places the UTF-8 bytes of {@code s} (no terminator); returns the pointer. */
  int str(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  int bytes(byte[] b) {
    int p = alloc(b.length);
    memory.putBytes(p, b);
    return p;
  }

  /** An iovec array over the given buffers; returns its pointer. */
  int iovecs(int... ptrLenPairs) {
    int p = alloc(4 * ptrLenPairs.length);
    for (int i = 0; i < ptrLenPairs.length; i++) {
      memory.putI32(p + 4 * i, ptrLenPairs[i]);
    }
    return p;
  }

  int call(String name, long... args) {
    return ctx.call(memory, name, args);
  }

  /** Calls a path function whose arguments start {@code fd, path, path_len}. */
  int callPath(String name, int fd, String path, long... rest) {
    int p = str(path);
    long[] args = new long[3 + rest.length];
    args[0] = fd;
    args[1] = p;
    args[2] = path.getBytes(StandardCharsets.UTF_8).length;
    System.arraycopy(rest, 0, args, 3, rest.length);
    return call(name, args);
  }

  int i32(int ptr) {
    return memory.i32(ptr);
  }

  long i64(int ptr) {
    return memory.i64(ptr);
  }

  String string(int ptr, int len) {
    return new String(memory.bytes(ptr, len), StandardCharsets.UTF_8);
  }

  /**
   * {@code path_open} with everything the directory may hand down; returns the new fd, or minus the
   * errno.
   */
  int open(int dirFd, String path, int oflags, long rights, int fdflags) {
    return open(dirFd, 0, path, oflags, rights, fdflags);
  }

  int open(int dirFd, int lookupFlags, String path, int oflags, long rights, int fdflags) {
    return open(dirFd, lookupFlags, path, oflags, rights, rights, fdflags);
  }

  int open(
      int dirFd,
      int lookupFlags,
      String path,
      int oflags,
      long rights,
      long inheriting,
      int fdflags) {
    int out = alloc(4);
    int p = str(path);
    int e =
        call(
            "path_open",
            dirFd,
            lookupFlags,
            p,
            path.getBytes(StandardCharsets.UTF_8).length,
            oflags,
            rights,
            inheriting,
            fdflags,
            out);
    return e == 0 ? i32(out) : -e;
  }

  /** Writes {@code data} to {@code fd}; returns bytes written, or minus the errno. */
  int write(int fd, String data) {
    byte[] b = data.getBytes(StandardCharsets.UTF_8);
    int buf = bytes(b);
    int iov = iovecs(buf, b.length);
    int n = alloc(4);
    int e = call("fd_write", fd, iov, 1, n);
    return e == 0 ? i32(n) : -e;
  }

  /** Reads up to {@code max} bytes from {@code fd}; returns them, or null on error. */
  String read(int fd, int max) {
    int buf = alloc(max);
    int iov = iovecs(buf, max);
    int n = alloc(4);
    int e = call("fd_read", fd, iov, 1, n);
    return e == 0 ? string(buf, i32(n)) : null;
  }

  /** The errno of the last failing call, as an enum, for readable assertions. */
  static Errno errno(int code) {
    return Errno.ofCode(code);
  }

  @Override
  public void close() throws IOException {
    ctx.close();
  }
}
