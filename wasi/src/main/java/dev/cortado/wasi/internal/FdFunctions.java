package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/**
 * Reading, writing and positioning descriptors: {@code fd_read}, {@code fd_write}, {@code
 * fd_pread}, {@code fd_pwrite}, {@code fd_seek}, {@code fd_tell}, {@code fd_advise}, {@code
 * fd_allocate}, {@code fd_datasync}, {@code fd_sync}, {@code fd_close}, {@code fd_renumber}.
 *
 * <p>Order of checks, everywhere: the descriptor exists ({@code badf}), it has the rights ({@code
 * notcapable}; rights are masked by file type, so a read on a directory fails here), pointers are
 * in bounds ({@code fault}), then the operation.
 */
final class FdFunctions {
  private static final int WHENCE_SET = 0;
  private static final int WHENCE_CUR = 1;
  private static final int WHENCE_END = 2;

  private final WasiContext ctx;

  FdFunctions(WasiContext ctx) {
    this.ctx = ctx;
  }

  List<WasiFunction> functions() {
    return List.of(
        new WasiFunction("fd_advise", "fd offset:l len:l advice", true, this::advise),
        new WasiFunction("fd_allocate", "fd offset:l len:l", true, this::allocate),
        new WasiFunction("fd_close", "fd", true, this::close),
        new WasiFunction("fd_datasync", "fd", true, (m, a) -> sync((int) a[0], false)),
        new WasiFunction("fd_pread", "fd iovs:p iovs_len offset:l nread:p", true, this::pread),
        new WasiFunction("fd_pwrite", "fd iovs:p iovs_len offset:l nwritten:p", true, this::pwrite),
        new WasiFunction("fd_read", "fd iovs:p iovs_len nread:p", true, this::read),
        new WasiFunction("fd_renumber", "fd to", true, this::renumber),
        new WasiFunction("fd_seek", "fd offset:l whence newoffset:p", true, this::seek),
        new WasiFunction("fd_sync", "fd", true, (m, a) -> sync((int) a[0], true)),
        new WasiFunction("fd_tell", "fd offset:p", true, this::tell),
        new WasiFunction("fd_write", "fd iovs:p iovs_len nwritten:p", true, this::write));
  }

  /** Advice is only a hint: the JDK has no {@code posix_fadvise}, so a valid one is accepted. */
  private int advise(GuestMemory m, long[] a) {
    ctx.fds().get((int) a[0], Rights.FD_ADVISE);
    int advice = (int) a[3];
    if (advice < 0 || advice > 5) {
      throw new ErrnoException(Errno.INVAL, "unknown advice " + advice);
    }
    return 0;
  }

  /** Makes the file at least {@code offset + len} bytes long, as {@code posix_fallocate}. */
  private int allocate(GuestMemory m, long[] a) throws IOException {
    OpenFile f = file((int) a[0], Rights.FD_ALLOCATE);
    long offset = a[1];
    long len = a[2];
    if (offset < 0 || len < 0) {
      throw new ErrnoException(Errno.FBIG, "size out of range");
    }
    if (len == 0) {
      throw new ErrnoException(Errno.INVAL, "zero length");
    }
    long end;
    try {
      end = Math.addExact(offset, len);
    } catch (ArithmeticException e) {
      throw new ErrnoException(Errno.FBIG, "size out of range");
    }
    if (f.channel().size() < end) {
      f.setSize(end);
    }
    return 0;
  }

  private int close(GuestMemory m, long[] a) throws IOException {
    ctx.fds().remove((int) a[0]).close();
    return 0;
  }

  private int sync(int fd, boolean metadata) throws IOException {
    Descriptor d = ctx.fds().get(fd, metadata ? Rights.FD_SYNC : Rights.FD_DATASYNC);
    switch (d) {
      case OpenFile f -> f.sync(metadata);
      case OpenDirectory dir -> dir.dir().sync();
      case OutputStreamDescriptor o -> o.flush();
      default -> throw new ErrnoException(Errno.INVAL, "cannot sync this descriptor");
    }
    return 0;
  }

  private int read(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_READ);
    IoVecs vecs = IoVecs.read(m, (int) a[1], (int) a[2]);
    int nread = (int) a[3];
    m.check(nread, 4);
    long n =
        switch (d) {
          case OpenFile f -> vecs.scatter(f::read);
          case InputStreamDescriptor in -> readStream(in, vecs);
          case ConnectedSocket s -> {
            // One receive into the first buffer: a socket read returns what has arrived.
            boolean[] first = {true};
            yield vecs.scatter(
                b -> {
                  if (!first[0]) {
                    return 0;
                  }
                  first[0] = false;
                  return s.receive(b, false, false);
                });
          }
          default -> throw new ErrnoException(Errno.BADF, "not readable");
        };
    m.putI32(nread, (int) n);
    return 0;
  }

  /** Blocks for the first bytes only; later buffers take just what is already available. */
  private static long readStream(InputStreamDescriptor in, IoVecs vecs) throws IOException {
    boolean[] first = {true};
    return vecs.scatter(
        b -> {
          int want = b.remaining();
          if (!first[0]) {
            want = (int) Math.min(want, in.available());
            if (want == 0) {
              return 0;
            }
          }
          first[0] = false;
          int n = in.read(b.array(), b.arrayOffset() + b.position(), want);
          b.position(b.position() + n);
          return n;
        });
  }

  private int write(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_WRITE);
    IoVecs vecs = IoVecs.read(m, (int) a[1], (int) a[2]);
    int nwritten = (int) a[3];
    m.check(nwritten, 4);
    long n =
        switch (d) {
          case OpenFile f -> vecs.gather(f::write);
          case OutputStreamDescriptor o -> {
            long w =
                vecs.gather(
                    b -> {
                      int len = b.remaining();
                      o.write(b.array(), b.arrayOffset() + b.position(), len);
                      return len;
                    });
            o.flush();
            yield w;
          }
          case ConnectedSocket s -> vecs.gather(s::send);
          default -> throw new ErrnoException(Errno.BADF, "not writable");
        };
    m.putI32(nwritten, (int) n);
    return 0;
  }

  private int pread(GuestMemory m, long[] a) throws IOException {
    OpenFile f = file((int) a[0], Rights.FD_READ | Rights.FD_SEEK);
    IoVecs vecs = IoVecs.read(m, (int) a[1], (int) a[2]);
    long offset = a[3];
    int nread = (int) a[4];
    m.check(nread, 4);
    if (offset < 0) {
      throw new ErrnoException(Errno.INVAL, "offset out of range");
    }
    long[] at = {offset};
    long n =
        vecs.scatter(
            b -> {
              int r = f.pread(b, at[0]);
              if (r > 0) {
                at[0] += r;
              }
              return r;
            });
    m.putI32(nread, (int) n);
    return 0;
  }

  private int pwrite(GuestMemory m, long[] a) throws IOException {
    OpenFile f = file((int) a[0], Rights.FD_WRITE | Rights.FD_SEEK);
    IoVecs vecs = IoVecs.read(m, (int) a[1], (int) a[2]);
    long offset = a[3];
    int nwritten = (int) a[4];
    m.check(nwritten, 4);
    if (offset < 0) {
      throw new ErrnoException(Errno.INVAL, "offset out of range");
    }
    long[] at = {offset};
    long n =
        vecs.gather(
            b -> {
              int w = f.pwrite(b, at[0]);
              at[0] += w;
              return w;
            });
    m.putI32(nwritten, (int) n);
    return 0;
  }

  private int renumber(GuestMemory m, long[] a) throws IOException {
    ctx.fds().renumber((int) a[0], (int) a[1]);
    return 0;
  }

  /** {@code fd_seek(fd, 0, cur)} is how {@code ftell} asks, so it needs only {@code fd_tell}. */
  private int seek(GuestMemory m, long[] a) throws IOException {
    int fd = (int) a[0];
    long offset = a[1];
    int whence = (int) a[2];
    int newOffset = (int) a[3];
    boolean tellOnly = offset == 0 && whence == WHENCE_CUR;
    Descriptor d = ctx.fds().get(fd, tellOnly ? Rights.FD_TELL : Rights.FD_SEEK);
    m.check(newOffset, 8);
    if (!(d instanceof OpenFile f)) {
      throw new ErrnoException(Errno.SPIPE, "not seekable");
    }
    SeekableByteChannel ch = f.channel();
    long base =
        switch (whence) {
          case WHENCE_SET -> 0;
          case WHENCE_CUR -> ch.position();
          case WHENCE_END -> ch.size();
          default -> throw new ErrnoException(Errno.INVAL, "bad whence " + whence);
        };
    long target;
    try {
      target = Math.addExact(base, offset);
    } catch (ArithmeticException e) {
      throw new ErrnoException(Errno.OVERFLOW, "offset out of range");
    }
    if (target < 0) {
      throw new ErrnoException(Errno.INVAL, "negative offset");
    }
    ch.position(target);
    m.putI64(newOffset, target);
    return 0;
  }

  private int tell(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_TELL);
    int ptr = (int) a[1];
    m.check(ptr, 8);
    if (!(d instanceof OpenFile f)) {
      throw new ErrnoException(Errno.SPIPE, "not seekable");
    }
    m.putI64(ptr, f.channel().position());
    return 0;
  }

  private OpenFile file(int fd, long rights) {
    Descriptor d = ctx.fds().get(fd, rights);
    if (d instanceof OpenFile f) {
      return f;
    }
    throw new ErrnoException(
        d instanceof OpenDirectory ? Errno.ISDIR : Errno.SPIPE, "not a regular file");
  }
}
