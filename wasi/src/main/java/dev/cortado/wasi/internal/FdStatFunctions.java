package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Descriptor metadata: {@code fd_fdstat_*}, {@code fd_filestat_*}, {@code fd_prestat_*} and {@code
 * fd_readdir}.
 */
final class FdStatFunctions {
  /** {@code $fdstat}: u8 filetype, u16 flags at 2, u64 rights at 8 and 16. */
  private static final int FDSTAT_SIZE = 24;

  /** {@code $prestat}: u8 tag (0 = dir) and u32 name length at 4. */
  private static final int PRESTAT_SIZE = 8;

  /** {@code $dirent}: u64 next, u64 ino, u32 namlen, u8 type, then the name. */
  private static final int DIRENT_SIZE = 24;

  private final WasiContext ctx;

  FdStatFunctions(WasiContext ctx) {
    this.ctx = ctx;
  }

  List<WasiFunction> functions() {
    return List.of(
        new WasiFunction("fd_fdstat_get", "fd stat:p", true, this::fdstatGet),
        new WasiFunction("fd_fdstat_set_flags", "fd flags", true, this::fdstatSetFlags),
        new WasiFunction(
            "fd_fdstat_set_rights",
            "fd fs_rights_base:x fs_rights_inheriting:x",
            true,
            this::fdstatSetRights),
        new WasiFunction("fd_filestat_get", "fd buf:p", true, this::filestatGet),
        new WasiFunction("fd_filestat_set_size", "fd size:l", true, this::filestatSetSize),
        new WasiFunction(
            "fd_filestat_set_times", "fd atim:l mtim:l fst_flags", true, this::filestatSetTimes),
        new WasiFunction("fd_prestat_get", "fd buf:p", true, this::prestatGet),
        new WasiFunction("fd_prestat_dir_name", "fd path:p path_len", true, this::prestatDirName),
        new WasiFunction("fd_readdir", "fd buf:p buf_len cookie:l bufused:p", true, this::readdir));
  }

  private int fdstatGet(GuestMemory m, long[] a) {
    Descriptor d = ctx.fds().get((int) a[0]);
    int ptr = (int) a[1];
    ByteBuffer b = ByteBuffer.allocate(FDSTAT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(0, (byte) d.filetype());
    b.putShort(2, (short) d.fdflags());
    b.putLong(8, d.rightsBase());
    b.putLong(16, d.rightsInheriting());
    m.putBytes(ptr, b.array());
    return 0;
  }

  private int fdstatSetFlags(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_FDSTAT_SET_FLAGS);
    int flags = (int) a[1];
    if ((flags & ~0x1F) != 0) {
      throw new ErrnoException(Errno.INVAL, "unknown fdflags " + flags);
    }
    d.setFdflags(flags);
    return 0;
  }

  private int fdstatSetRights(GuestMemory m, long[] a) {
    ctx.fds().get((int) a[0]).restrictRights(a[1], a[2]);
    return 0;
  }

  private int filestatGet(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_FILESTAT_GET);
    int ptr = (int) a[1];
    m.check(ptr, FileStat.SIZE);
    d.stat().writeTo(m, ptr);
    return 0;
  }

  private int filestatSetSize(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_FILESTAT_SET_SIZE);
    long size = a[1];
    if (!(d instanceof OpenFile f)) {
      throw new ErrnoException(Errno.INVAL, "not a regular file");
    }
    if (size < 0) {
      throw new ErrnoException(Errno.FBIG, "size out of range");
    }
    f.setSize(size);
    return 0;
  }

  private int filestatSetTimes(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_FILESTAT_SET_TIMES);
    Times.Update t = Times.of(a[1], a[2], (int) a[3], ctx.clock());
    switch (d) {
      case OpenFile f -> f.setTimes(t.access(), t.modified());
      case OpenDirectory dir -> dir.dir().setTimes(".", t.access(), t.modified());
      default -> throw new ErrnoException(Errno.INVAL, "not a file or directory");
    }
    return 0;
  }

  /** Only preopens have a prestat; {@code badf} for anything else ends wasi-libc's scan. */
  private int prestatGet(GuestMemory m, long[] a) {
    OpenDirectory p = preopen((int) a[0]);
    int ptr = (int) a[1];
    ByteBuffer b = ByteBuffer.allocate(PRESTAT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put(0, (byte) 0);
    b.putInt(4, p.preopenName().getBytes(StandardCharsets.UTF_8).length);
    m.putBytes(ptr, b.array());
    return 0;
  }

  private int prestatDirName(GuestMemory m, long[] a) {
    OpenDirectory p = preopen((int) a[0]);
    int ptr = (int) a[1];
    long len = Integer.toUnsignedLong((int) a[2]);
    byte[] name = p.preopenName().getBytes(StandardCharsets.UTF_8);
    if (len < name.length) {
      throw new ErrnoException(Errno.NAMETOOLONG, "buffer shorter than the name");
    }
    m.putBytes(ptr, name);
    return 0;
  }

  private OpenDirectory preopen(int fd) {
    if (ctx.fds().get(fd) instanceof OpenDirectory d && d.preopenName() != null) {
      return d;
    }
    throw new ErrnoException(Errno.BADF, "not a preopened directory");
  }

  /**
   * Fills the buffer with {@code $dirent}s from {@code cookie} on; the last may be cut short, and a
   * full buffer ({@code bufused == buf_len}) tells the guest to call again, as witx specifies.
   */
  private int readdir(GuestMemory m, long[] a) throws IOException {
    Descriptor d = ctx.fds().get((int) a[0], Rights.FD_READDIR);
    int buf = (int) a[1];
    long bufLen = Integer.toUnsignedLong((int) a[2]);
    long cookie = a[3];
    int bufused = (int) a[4];
    m.check(buf, bufLen);
    m.check(bufused, 4);
    if (!(d instanceof OpenDirectory dir)) {
      throw new ErrnoException(Errno.NOTDIR, "not a directory");
    }
    long at = GuestMemory.address(buf);
    long used = 0;
    long next = cookie;
    for (OpenDirectory.Entry e : dir.entries(cookie)) {
      if (used >= bufLen) {
        break;
      }
      next++;
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.allocate(DIRENT_SIZE + name.length).order(ByteOrder.LITTLE_ENDIAN);
      b.putLong(0, next);
      b.putLong(8, e.ino());
      b.putInt(16, name.length);
      b.put(20, (byte) e.filetype());
      b.put(DIRENT_SIZE, name);
      int n = (int) Math.min(b.capacity(), bufLen - used);
      m.write(at + used, b.array(), 0, n);
      used += n;
    }
    m.putI32(bufused, (int) used);
    return 0;
  }
}
