package dev.cortado.wasi.internal;

import java.io.IOException;

/**
 * An entry of the guest's descriptor table: an open host object and what the guest may do with it
 * ({@link Rights}: a base set for the object itself and an inheriting set for what is opened
 * through it), plus its {@code fdflags}.
 */
public abstract sealed class Descriptor
    permits InputStreamDescriptor,
        OutputStreamDescriptor,
        OpenFile,
        OpenDirectory,
        ListeningSocket,
        ConnectedSocket {
  /** {@code fdflags}: append on each write. */
  public static final int APPEND = 1;

  /** {@code fdflags}: synchronized data writes. */
  public static final int DSYNC = 2;

  /** {@code fdflags}: return {@code again} instead of blocking. */
  public static final int NONBLOCK = 4;

  /** {@code fdflags}: synchronized reads. */
  public static final int RSYNC = 8;

  /** {@code fdflags}: synchronized writes. */
  public static final int SYNC = 16;

  private long rightsBase;
  private long rightsInheriting;
  private int fdflags;

  protected Descriptor(long rightsBase, long rightsInheriting, int fdflags) {
    this.rightsBase = rightsBase;
    this.rightsInheriting = rightsInheriting;
    this.fdflags = fdflags;
  }

  /** The WASI file type ({@link FileType}). */
  public abstract int filetype();

  public long rightsBase() {
    return rightsBase;
  }

  public long rightsInheriting() {
    return rightsInheriting;
  }

  public int fdflags() {
    return fdflags;
  }

  public boolean nonBlocking() {
    return (fdflags & NONBLOCK) != 0;
  }

  /** Fails with {@code notcapable} unless the base rights include all of {@code required}. */
  public void require(long required) {
    if ((rightsBase & required) != required) {
      throw new ErrnoException(
          Errno.NOTCAPABLE, "descriptor lacks " + Rights.describe(required & ~rightsBase));
    }
  }

  /** {@code fd_fdstat_set_rights}: rights can only shrink. */
  public void restrictRights(long base, long inheriting) {
    if ((base & ~rightsBase) != 0 || (inheriting & ~rightsInheriting) != 0) {
      throw new ErrnoException(Errno.NOTCAPABLE, "rights can only be dropped");
    }
    rightsBase = base;
    rightsInheriting = inheriting;
  }

  /**
   * {@code fd_fdstat_set_flags}. The default accepts {@code nonblock} only; subclasses widen it.
   */
  public void setFdflags(int flags) throws IOException {
    if ((flags & ~NONBLOCK) != 0) {
      throw new ErrnoException(Errno.NOTSUP, "fdflags not supported here: " + flags);
    }
    fdflags = flags;
  }

  /** For subclasses whose flags were checked. */
  protected final void storeFdflags(int flags) {
    fdflags = flags;
  }

  /** The stat of the object itself ({@code fd_filestat_get}). */
  public FileStat stat() throws IOException {
    return FileStat.ofType(filetype());
  }

  /** Releases the host object (embedder-owned streams are left open). */
  public abstract void close() throws IOException;
}
