package dev.cortado.wasi.internal;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * WASI's {@code $filestat} (64 bytes): device, inode, file type, link count, size and the three
 * times in nanoseconds since the Unix epoch.
 *
 * @param fileKey the host's identity of the file ({@link BasicFileAttributes#fileKey()}), or null
 */
public record FileStat(
    long dev,
    long ino,
    int filetype,
    long nlink,
    long size,
    long atim,
    long mtim,
    long ctim,
    Object fileKey) {

  /** The size of {@code $filestat} in guest memory. */
  public static final int SIZE = 64;

  /** The stat of something that is not a file (a stream or socket): only its type. */
  public static FileStat ofType(int filetype) {
    return new FileStat(0, 0, filetype, 1, 0, 0, 0, 0, null);
  }

  /**
   * The stat from basic attributes, refined by the POSIX {@code unix:*} attributes of the same file
   * when the host has them ({@code unix} may be null).
   *
   * @param syntheticIno the inode to report when the file system has no file keys
   */
  public static FileStat of(BasicFileAttributes a, Map<String, Object> unix, long syntheticIno) {
    Object key = a.fileKey();
    long dev = 0;
    long ino = syntheticIno;
    int type = typeOf(a);
    long nlink = 1;
    long ctim = nanos(a.lastModifiedTime());
    if (unix != null && Objects.equals(unix.get("fileKey"), key)) {
      dev = ((Number) unix.get("dev")).longValue();
      ino = ((Number) unix.get("ino")).longValue();
      nlink = ((Number) unix.get("nlink")).longValue();
      ctim = nanos((FileTime) unix.get("ctime"));
      if (type == FileType.UNKNOWN) {
        type = FileType.ofMode(((Number) unix.get("mode")).intValue());
      }
    } else if (key != null) {
      long[] devIno = parseUnixFileKey(key);
      if (devIno != null) {
        dev = devIno[0];
        ino = devIno[1];
      } else {
        ino = key.hashCode() & 0xFFFFFFFFL;
      }
    }
    return new FileStat(
        dev,
        ino,
        type,
        nlink,
        a.size(),
        nanos(a.lastAccessTime()),
        nanos(a.lastModifiedTime()),
        ctim,
        key);
  }

  /** The WASI file type of basic attributes; {@code UNKNOWN} for "other" files. */
  public static int typeOf(BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return FileType.SYMBOLIC_LINK;
    }
    if (a.isDirectory()) {
      return FileType.DIRECTORY;
    }
    if (a.isRegularFile()) {
      return FileType.REGULAR_FILE;
    }
    return FileType.UNKNOWN;
  }

  /**
   * The device and inode of a JDK Unix file key, whose {@code toString} is {@code
   * "(dev=<hex>,ino=<decimal>)"}; null for any other key. The key itself is opaque, and the
   * file-descriptor-relative attribute views (which the sandbox uses) offer no {@code unix:ino}.
   */
  static long[] parseUnixFileKey(Object key) {
    String s = key.toString();
    if (!s.startsWith("(dev=") || !s.endsWith(")")) {
      return null;
    }
    int comma = s.indexOf(",ino=");
    if (comma < 0) {
      return null;
    }
    try {
      long dev = Long.parseUnsignedLong(s.substring(5, comma), 16);
      long ino = Long.parseUnsignedLong(s.substring(comma + 5, s.length() - 1));
      return new long[] {dev, ino};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Nanoseconds since the epoch, saturating (a u64 timestamp cannot hold dates before 1970). */
  public static long nanos(FileTime t) {
    if (t == null) {
      return 0;
    }
    Instant i = t.toInstant();
    if (i.getEpochSecond() < 0) {
      return 0;
    }
    try {
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    } catch (ArithmeticException e) {
      return -1; // u64 max: after year 2554
    }
  }

  /** Writes the 64-byte {@code $filestat} at {@code pointer}. */
  public void writeTo(GuestMemory m, int pointer) {
    byte[] b = new byte[SIZE];
    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    bb.putLong(0, dev);
    bb.putLong(8, ino);
    bb.put(16, (byte) filetype);
    bb.putLong(24, nlink);
    bb.putLong(32, size);
    bb.putLong(40, atim);
    bb.putLong(48, mtim);
    bb.putLong(56, ctim);
    m.putBytes(pointer, b);
  }
}
