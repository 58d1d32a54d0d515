package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code path_*} functions. Each resolves its path with {@link PathResolver} below a directory
 * descriptor that has the right for the operation, then acts on the final component through {@link
 * Dir}, never following a link there unless the guest asked ({@code symlink_follow}, which the
 * resolver already expanded inside the sandbox).
 */
final class PathFunctions {
  static final int LOOKUP_SYMLINK_FOLLOW = 1;

  static final int O_CREAT = 1;
  static final int O_DIRECTORY = 2;
  static final int O_EXCL = 4;
  static final int O_TRUNC = 8;

  private final WasiContext ctx;

  PathFunctions(WasiContext ctx) {
    this.ctx = ctx;
  }

  List<WasiFunction> functions() {
    return List.of(
        new WasiFunction(
            "path_create_directory", "fd path:s path_len", true, this::createDirectory),
        new WasiFunction(
            "path_filestat_get", "fd flags path:s path_len buf:p", true, this::filestatGet),
        new WasiFunction(
            "path_filestat_set_times",
            "fd flags path:s path_len atim:l mtim:l fst_flags",
            true,
            this::filestatSetTimes),
        new WasiFunction(
            "path_link",
            "old_fd old_flags old_path:s old_path_len new_fd new_path:s new_path_len",
            true,
            this::link),
        new WasiFunction(
            "path_open",
            "fd dirflags path:s path_len oflags fs_rights_base:x fs_rights_inheriting:x fdflags"
                + " opened_fd:p",
            true,
            this::open),
        new WasiFunction(
            "path_readlink", "fd path:s path_len buf:p buf_len bufused:p", true, this::readlink),
        new WasiFunction(
            "path_remove_directory", "fd path:s path_len", true, this::removeDirectory),
        new WasiFunction(
            "path_rename",
            "fd old_path:s old_path_len new_fd new_path:s new_path_len",
            true,
            this::rename),
        new WasiFunction(
            "path_symlink",
            "old_path:s old_path_len fd new_path:s new_path_len",
            true,
            this::symlink),
        new WasiFunction("path_unlink_file", "fd path:s path_len", true, this::unlinkFile));
  }

  /** Reads a guest path: at most {@link PathResolver#MAX_PATH_BYTES}, valid UTF-8. */
  static String path(GuestMemory m, int pointer, int length) {
    if (Integer.toUnsignedLong(length) > PathResolver.MAX_PATH_BYTES) {
      m.checkU32(pointer, length);
      throw new ErrnoException(Errno.NAMETOOLONG, "path too long");
    }
    return m.utf8(pointer, length);
  }

  private PathResolver.Resolution resolve(
      int fd, long rights, GuestMemory m, int pointer, int length, boolean follow)
      throws IOException {
    OpenDirectory dir = ctx.fds().directory(fd, rights);
    String p = path(m, pointer, length);
    return PathResolver.resolve(dir.dir(), p, follow);
  }

  private int createDirectory(GuestMemory m, long[] a) throws IOException {
    try (PathResolver.Resolution r =
        resolve((int) a[0], Rights.PATH_CREATE_DIRECTORY, m, (int) a[1], (int) a[2], false)) {
      if (r.isDirectoryItself()) {
        throw new ErrnoException(Errno.EXIST, "directory exists");
      }
      r.dir().createDirectory(r.name());
    }
    return 0;
  }

  private int filestatGet(GuestMemory m, long[] a) throws IOException {
    boolean follow = ((int) a[1] & LOOKUP_SYMLINK_FOLLOW) != 0;
    int buf = (int) a[4];
    try (PathResolver.Resolution r =
        resolve((int) a[0], Rights.PATH_FILESTAT_GET, m, (int) a[2], (int) a[3], follow)) {
      m.check(buf, FileStat.SIZE);
      FileStat s = r.dir().stat(r.name());
      if (r.mustBeDirectory() && s.filetype() != FileType.DIRECTORY) {
        throw new ErrnoException(Errno.NOTDIR, "not a directory");
      }
      s.writeTo(m, buf);
    }
    return 0;
  }

  private int filestatSetTimes(GuestMemory m, long[] a) throws IOException {
    boolean follow = ((int) a[1] & LOOKUP_SYMLINK_FOLLOW) != 0;
    Times.Update t = Times.of(a[4], a[5], (int) a[6], ctx.clock());
    try (PathResolver.Resolution r =
        resolve((int) a[0], Rights.PATH_FILESTAT_SET_TIMES, m, (int) a[2], (int) a[3], follow)) {
      if (r.dir().attributesOrNull(r.name()) == null) {
        throw new ErrnoException(Errno.NOENT, "no such file");
      }
      r.dir().setTimes(r.name(), t.access(), t.modified());
    }
    return 0;
  }

  private int link(GuestMemory m, long[] a) throws IOException {
    boolean follow = ((int) a[1] & LOOKUP_SYMLINK_FOLLOW) != 0;
    try (PathResolver.Resolution from =
            resolve((int) a[0], Rights.PATH_LINK_SOURCE, m, (int) a[2], (int) a[3], follow);
        PathResolver.Resolution to =
            resolve((int) a[4], Rights.PATH_LINK_TARGET, m, (int) a[5], (int) a[6], false)) {
      BasicFileAttributes src = from.dir().attributesOrNull(from.name());
      if (src == null) {
        throw new ErrnoException(Errno.NOENT, "no such file");
      }
      if (src.isDirectory()) {
        throw new ErrnoException(Errno.PERM, "cannot link a directory");
      }
      if (from.mustBeDirectory()) {
        throw new ErrnoException(Errno.NOTDIR, "not a directory");
      }
      if (to.isDirectoryItself() || to.dir().attributesOrNull(to.name()) != null) {
        throw new ErrnoException(Errno.EXIST, "link target exists");
      }
      if (to.mustBeDirectory()) {
        throw new ErrnoException(Errno.NOENT, "link target names a directory");
      }
      to.dir().createLink(to.name(), from.dir(), from.name());
    }
    return 0;
  }

  private int readlink(GuestMemory m, long[] a) throws IOException {
    int buf = (int) a[3];
    long bufLen = Integer.toUnsignedLong((int) a[4]);
    int bufused = (int) a[5];
    try (PathResolver.Resolution r =
        resolve((int) a[0], Rights.PATH_READLINK, m, (int) a[1], (int) a[2], false)) {
      m.check(buf, bufLen);
      m.check(bufused, 4);
      if (r.isDirectoryItself()) {
        throw new ErrnoException(Errno.INVAL, "not a symbolic link");
      }
      byte[] target = r.dir().readLink(r.name()).getBytes(StandardCharsets.UTF_8);
      // Truncated to the buffer, as POSIX readlink does.
      int n = (int) Math.min(target.length, bufLen);
      m.write(GuestMemory.address(buf), target, 0, n);
      m.putI32(bufused, n);
    }
    return 0;
  }

  private int removeDirectory(GuestMemory m, long[] a) throws IOException {
    try (PathResolver.Resolution r =
        resolve((int) a[0], Rights.PATH_REMOVE_DIRECTORY, m, (int) a[1], (int) a[2], false)) {
      if (r.isDirectoryItself()) {
        throw new ErrnoException(Errno.INVAL, "cannot remove . or ..");
      }
      BasicFileAttributes at = r.dir().attributesOrNull(r.name());
      if (at == null) {
        throw new ErrnoException(Errno.NOENT, "no such directory");
      }
      if (!at.isDirectory()) {
        throw new ErrnoException(Errno.NOTDIR, "not a directory");
      }
      r.dir().deleteDirectory(r.name());
    }
    return 0;
  }

  private int rename(GuestMemory m, long[] a) throws IOException {
    try (PathResolver.Resolution from =
            resolve((int) a[0], Rights.PATH_RENAME_SOURCE, m, (int) a[1], (int) a[2], false);
        PathResolver.Resolution to =
            resolve((int) a[3], Rights.PATH_RENAME_TARGET, m, (int) a[4], (int) a[5], false)) {
      if (from.isDirectoryItself() || to.isDirectoryItself()) {
        throw new ErrnoException(Errno.BUSY, "cannot rename . or ..");
      }
      BasicFileAttributes src = from.dir().attributesOrNull(from.name());
      if (src == null) {
        throw new ErrnoException(Errno.NOENT, "no such file");
      }
      if ((from.mustBeDirectory() || to.mustBeDirectory()) && !src.isDirectory()) {
        throw new ErrnoException(Errno.NOTDIR, "not a directory");
      }
      from.dir().rename(from.name(), to.dir(), to.name());
    }
    return 0;
  }

  private int symlink(GuestMemory m, long[] a) throws IOException {
    String target = path(m, (int) a[0], (int) a[1]);
    try (PathResolver.Resolution r =
        resolve((int) a[2], Rights.PATH_SYMLINK, m, (int) a[3], (int) a[4], false)) {
      if (r.isDirectoryItself() || r.dir().attributesOrNull(r.name()) != null) {
        throw new ErrnoException(Errno.EXIST, "file exists");
      }
      PathResolver.checkLinkTarget(r.dir().fileSystem(), target, r.depth());
      r.dir().createSymlink(r.name(), target);
    }
    return 0;
  }

  private int unlinkFile(GuestMemory m, long[] a) throws IOException {
    try (PathResolver.Resolution r =
        resolve((int) a[0], Rights.PATH_UNLINK_FILE, m, (int) a[1], (int) a[2], false)) {
      if (r.isDirectoryItself()) {
        throw new ErrnoException(Errno.ISDIR, "is a directory");
      }
      BasicFileAttributes at = r.dir().attributesOrNull(r.name());
      if (at == null) {
        throw new ErrnoException(Errno.NOENT, "no such file");
      }
      if (at.isDirectory()) {
        throw new ErrnoException(Errno.ISDIR, "is a directory");
      }
      if (r.mustBeDirectory()) {
        throw new ErrnoException(Errno.NOTDIR, "not a directory");
      }
      r.dir().deleteFile(r.name());
    }
    return 0;
  }

  /**
   * {@code path_open}. The new descriptor's rights are what the guest asked for, cut down to the
   * directory's inheriting rights and to what its file type can use. The host file is opened for
   * writing only if those rights include writing (or {@code trunc} asks for it), so a read-only
   * grant never yields a writable host file.
   */
  private int open(GuestMemory m, long[] a) throws IOException {
    int fd = (int) a[0];
    boolean follow = ((int) a[1] & LOOKUP_SYMLINK_FOLLOW) != 0;
    int oflags = (int) a[4];
    long base = a[5];
    long inheriting = a[6];
    int fdflags = (int) a[7];
    int openedFd = (int) a[8];
    if ((oflags & ~0xF) != 0 || (fdflags & ~0x1F) != 0) {
      throw new ErrnoException(Errno.INVAL, "unknown oflags or fdflags");
    }
    long dirRights = Rights.PATH_OPEN;
    if ((oflags & O_CREAT) != 0) {
      dirRights |= Rights.PATH_CREATE_FILE;
    }
    if ((oflags & O_TRUNC) != 0) {
      dirRights |= Rights.PATH_FILESTAT_SET_SIZE;
    }
    OpenDirectory parent = ctx.fds().directory(fd, dirRights);
    // Reading and writing are what an open is for: asking for one the directory cannot hand down
    // fails here, as open(O_WRONLY) on a read-only file system does. Other rights are a wish list
    // (Rust's std asks for nearly all of them whatever it opens) and are cut down silently.
    long access = base & (Rights.FD_READ | Rights.FD_WRITE) & ~parent.rightsInheriting();
    if (access != 0) {
      throw new ErrnoException(
          Errno.NOTCAPABLE, "rights not inheritable: " + Rights.describe(access));
    }
    base &= parent.rightsInheriting();
    inheriting &= parent.rightsInheriting();
    String p = path(m, (int) a[2], (int) a[3]);
    m.check(openedFd, 4);
    boolean create = (oflags & O_CREAT) != 0;
    boolean exclusive = create && (oflags & O_EXCL) != 0;
    Descriptor opened;
    try (PathResolver.Resolution r = PathResolver.resolve(parent.dir(), p, follow)) {
      BasicFileAttributes at =
          r.isDirectoryItself()
              ? r.dir().attributesOrNull(".")
              : r.dir().attributesOrNull(r.name());
      if (at == null) {
        if (!create) {
          throw new ErrnoException(Errno.NOENT, "no such file: " + p);
        }
        if (r.mustBeDirectory() || (oflags & O_DIRECTORY) != 0) {
          throw new ErrnoException(Errno.ISDIR, "cannot create a directory with path_open");
        }
        opened = openFile(r, oflags, base, inheriting, fdflags, true);
      } else if (at.isSymbolicLink()) {
        // Only reached without symlink_follow: O_NOFOLLOW semantics.
        throw new ErrnoException(exclusive ? Errno.EXIST : Errno.LOOP, "is a symbolic link: " + p);
      } else if (exclusive) {
        throw new ErrnoException(Errno.EXIST, "file exists: " + p);
      } else if (at.isDirectory()) {
        // POSIX: a directory cannot be opened for writing. Other file rights are just masked.
        if ((base & Rights.FD_WRITE) != 0 || (oflags & O_TRUNC) != 0) {
          throw new ErrnoException(Errno.ISDIR, "is a directory: " + p);
        }
        Dir d = r.isDirectoryItself() ? r.dir().duplicate() : r.dir().openDirectory(r.name());
        opened =
            new OpenDirectory(
                d, null, base & Rights.DIRECTORY_BASE, inheriting & Rights.DIRECTORY_INHERITING);
      } else {
        if ((oflags & O_DIRECTORY) != 0 || r.mustBeDirectory()) {
          throw new ErrnoException(Errno.NOTDIR, "not a directory: " + p);
        }
        opened = openFile(r, oflags, base, inheriting, fdflags, false);
      }
    }
    int newFd;
    try {
      newFd = ctx.fds().add(opened);
    } catch (ErrnoException e) {
      opened.close();
      throw e;
    }
    m.putI32(openedFd, newFd);
    return 0;
  }

  private static OpenFile openFile(
      PathResolver.Resolution r,
      int oflags,
      long base,
      long inheriting,
      int fdflags,
      boolean create)
      throws IOException {
    Set<OpenOption> options = new HashSet<>();
    boolean write = (base & Rights.NEED_HOST_WRITE) != 0 || (oflags & O_TRUNC) != 0;
    if ((base & Rights.FD_READ) != 0 || !write) {
      options.add(StandardOpenOption.READ);
    }
    if (write) {
      options.add(StandardOpenOption.WRITE);
      if ((oflags & O_TRUNC) != 0) {
        options.add(StandardOpenOption.TRUNCATE_EXISTING);
      }
    }
    if (create) {
      // CREATE_NEW fails if a file appeared since the check, instead of opening a link there.
      options.add(StandardOpenOption.CREATE_NEW);
      options.add(StandardOpenOption.WRITE);
    }
    if ((fdflags & Descriptor.DSYNC) != 0) {
      options.add(StandardOpenOption.DSYNC);
    }
    if ((fdflags & (Descriptor.SYNC | Descriptor.RSYNC)) != 0) {
      options.add(StandardOpenOption.SYNC);
    }
    SeekableByteChannel ch = r.dir().openFile(r.name(), options);
    Dir dir = null;
    try {
      FileStat stat;
      try {
        stat = r.dir().stat(r.name());
      } catch (java.nio.file.NoSuchFileException e) {
        // Some providers (zip) create the entry only when the channel closes.
        stat = FileStat.ofType(FileType.REGULAR_FILE);
      }
      dir = r.dir().duplicate();
      return new OpenFile(
          ch, dir, r.name(), stat, base & Rights.FILE_BASE, inheriting & Rights.FILE_BASE, fdflags);
    } catch (IOException | RuntimeException e) {
      ch.close();
      if (dir != null) {
        dir.close();
      }
      throw e;
    }
  }
}
