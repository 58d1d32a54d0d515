package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * An open regular file. Keeps, besides the channel, a handle on the directory it was opened in and
 * its name there, because the JDK has no {@code fstat} or {@code futimens} on a channel: {@link
 * #stat()} and {@link #setTimes} go through that directory and check the file key, so a file that
 * was renamed or replaced since it was opened is never confused with the one under its old name.
 *
 * <p>{@code append} is emulated (each write moves to the end first), because the JDK refuses {@code
 * READ} together with {@code APPEND} and WASI lets the flag change after opening.
 */
public final class OpenFile extends Descriptor {
  private final SeekableByteChannel channel;
  private final Dir dir;
  private final String name;
  private final FileStat openedStat;

  public OpenFile(
      SeekableByteChannel channel,
      Dir dir,
      String name,
      FileStat openedStat,
      long rightsBase,
      long rightsInheriting,
      int fdflags) {
    super(rightsBase, rightsInheriting, fdflags);
    this.channel = channel;
    this.dir = dir;
    this.name = name;
    this.openedStat = openedStat;
  }

  @Override
  public int filetype() {
    return openedStat.filetype();
  }

  public SeekableByteChannel channel() {
    return channel;
  }

  public boolean append() {
    return (fdflags() & APPEND) != 0;
  }

  @Override
  public void setFdflags(int flags) {
    // dsync/rsync/sync are fixed when the file is opened: the JDK cannot change them later.
    int fixed = DSYNC | RSYNC | SYNC;
    if ((flags & fixed) != (fdflags() & fixed)) {
      throw new ErrnoException(Errno.NOTSUP, "sync flags can only be set by path_open");
    }
    if ((flags & ~(APPEND | NONBLOCK | fixed)) != 0) {
      throw new ErrnoException(Errno.INVAL, "unknown fdflags: " + flags);
    }
    storeFdflags(flags);
  }

  /** Reads at the current position; returns -1 at end of file. */
  public int read(ByteBuffer b) throws IOException {
    return channel.read(b);
  }

  /** Writes at the current position, or at the end for {@code append}. */
  public int write(ByteBuffer b) throws IOException {
    if (append()) {
      channel.position(channel.size());
    }
    int n = 0;
    while (b.hasRemaining()) {
      n += channel.write(b);
    }
    return n;
  }

  /** Reads at {@code position} without moving the file position. */
  public int pread(ByteBuffer b, long position) throws IOException {
    if (channel instanceof FileChannel fc) {
      return fc.read(b, position);
    }
    long saved = channel.position();
    try {
      channel.position(position);
      return channel.read(b);
    } finally {
      channel.position(saved);
    }
  }

  /** Writes at {@code position} without moving the file position. */
  public int pwrite(ByteBuffer b, long position) throws IOException {
    int n = 0;
    if (channel instanceof FileChannel fc) {
      while (b.hasRemaining()) {
        n += fc.write(b, position + n);
      }
      return n;
    }
    long saved = channel.position();
    try {
      channel.position(position);
      while (b.hasRemaining()) {
        n += channel.write(b);
      }
      return n;
    } finally {
      channel.position(saved);
    }
  }

  /** Sets the size, truncating or extending with zeros. */
  public void setSize(long size) throws IOException {
    long now = channel.size();
    if (size < now) {
      channel.truncate(size);
    } else if (size > now) {
      // Writing the last byte extends the file with zeros (sparse where the host allows).
      pwrite(ByteBuffer.wrap(new byte[1]), size - 1);
    }
  }

  public void sync(boolean metadata) throws IOException {
    if (channel instanceof FileChannel fc) {
      fc.force(metadata);
    }
  }

  /**
   * The file's stat through its directory if the name still names this file; otherwise (renamed,
   * deleted, replaced) the stat taken when it was opened with the channel's current size.
   */
  @Override
  public FileStat stat() throws IOException {
    FileStat now = currentStatOrNull();
    if (now != null) {
      return now;
    }
    FileStat o = openedStat;
    return new FileStat(
        o.dev(), o.ino(), o.filetype(), 0, channel.size(), o.atim(), o.mtim(), o.ctim(), null);
  }

  private FileStat currentStatOrNull() throws IOException {
    if (openedStat.fileKey() == null) {
      // No file identity on this file system: the name is all there is.
      try {
        return dir.stat(name);
      } catch (java.nio.file.NoSuchFileException e) {
        return null;
      }
    }
    try {
      FileStat s = dir.stat(name);
      return Objects.equals(s.fileKey(), openedStat.fileKey()) ? s : null;
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  /** {@code fd_filestat_set_times}; fails with {@code notsup} once the file's name is gone. */
  public void setTimes(FileTime access, FileTime modified) throws IOException {
    if (openedStat.fileKey() != null && currentStatOrNull() == null) {
      throw new ErrnoException(
          Errno.NOTSUP, "file was renamed or deleted since it was opened: times cannot be set");
    }
    dir.setTimes(name, access, modified);
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      dir.close();
    }
  }
}
