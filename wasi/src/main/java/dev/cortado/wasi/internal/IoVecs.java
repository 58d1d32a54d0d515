package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest's scatter/gather list ({@code $iovec_array} / {@code $ciovec_array}: pairs of u32 pointer
 * and u32 length). Every buffer is bounds-checked when the list is read, before any I/O, so a bad
 * pointer fails with {@code fault} without consuming input or writing output. Data moves in chunks
 * of at most {@link #CHUNK} bytes: a guest's length is never allocated as such.
 */
final class IoVecs {
  static final int CHUNK = 64 * 1024;

  /** The longest list accepted (POSIX's {@code IOV_MAX} on Linux). */
  static final int MAX_VECS = 1024;

  private record Vec(long address, long length) {}

  private final GuestMemory memory;
  private final List<Vec> vecs;
  private final long total;

  private IoVecs(GuestMemory memory, List<Vec> vecs, long total) {
    this.memory = memory;
    this.vecs = vecs;
    this.total = total;
  }

  /** Reads and checks the list of {@code count} entries at {@code pointer}. */
  static IoVecs read(GuestMemory m, int pointer, int count) {
    long n = Integer.toUnsignedLong(count);
    m.check(pointer, n * 8);
    if (n > MAX_VECS) {
      throw new ErrnoException(Errno.INVAL, "too many iovecs: " + n);
    }
    List<Vec> vecs = new ArrayList<>((int) n);
    long total = 0;
    for (int i = 0; i < n; i++) {
      int buf = m.i32(pointer + 8 * i);
      long len = Integer.toUnsignedLong(m.i32(pointer + 8 * i + 4));
      m.check(buf, len);
      vecs.add(new Vec(GuestMemory.address(buf), len));
      total += len;
    }
    if (total > 0xFFFF_FFFFL) {
      // The count of bytes moved is returned as a u32 ($size).
      throw new ErrnoException(Errno.INVAL, "iovec lengths add up to more than 4 GiB");
    }
    return new IoVecs(m, vecs, total);
  }

  /** The sum of the lengths. */
  long total() {
    return total;
  }

  /** Something that fills a buffer: returns bytes read, 0 or -1 when no more come now. */
  interface Source {
    int read(ByteBuffer b) throws IOException;
  }

  /** Something that drains a buffer completely and returns how many bytes it took. */
  interface Sink {
    int write(ByteBuffer b) throws IOException;
  }

  /**
   * Fills the buffers in order from {@code source} until it returns fewer bytes than asked (a short
   * read means no more are ready), and returns the bytes placed.
   */
  long scatter(Source source) throws IOException {
    long done = 0;
    byte[] chunk = new byte[(int) Math.min(Math.max(total, 1), CHUNK)];
    for (Vec v : vecs) {
      long off = 0;
      while (off < v.length) {
        int want = (int) Math.min(chunk.length, v.length - off);
        ByteBuffer b = ByteBuffer.wrap(chunk, 0, want);
        int n = source.read(b);
        if (n <= 0) {
          return done;
        }
        memory.write(v.address + off, chunk, 0, n);
        off += n;
        done += n;
        if (n < want) {
          return done;
        }
      }
    }
    return done;
  }

  /** Writes the buffers in order to {@code sink} and returns the bytes written. */
  long gather(Sink sink) throws IOException {
    long done = 0;
    byte[] chunk = new byte[(int) Math.min(Math.max(total, 1), CHUNK)];
    for (Vec v : vecs) {
      long off = 0;
      while (off < v.length) {
        int n = (int) Math.min(chunk.length, v.length - off);
        memory.read(v.address + off, chunk, 0, n);
        int w = sink.write(ByteBuffer.wrap(chunk, 0, n));
        off += w;
        done += w;
        if (w < n) {
          return done;
        }
      }
    }
    return done;
  }
}
