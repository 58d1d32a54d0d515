package dev.cortado.wasi.internal;

/**
 * WASI preview 1 rights (witx {@code $rights}, a u64 bit set): what a descriptor allows. Each
 * descriptor has a base set (operations on itself) and an inheriting set (the most a descriptor
 * opened through it may get).
 */
public final class Rights {
  public static final long FD_DATASYNC = 1L << 0;
  public static final long FD_READ = 1L << 1;
  public static final long FD_SEEK = 1L << 2;
  public static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
  public static final long FD_SYNC = 1L << 4;
  public static final long FD_TELL = 1L << 5;
  public static final long FD_WRITE = 1L << 6;
  public static final long FD_ADVISE = 1L << 7;
  public static final long FD_ALLOCATE = 1L << 8;
  public static final long PATH_CREATE_DIRECTORY = 1L << 9;
  public static final long PATH_CREATE_FILE = 1L << 10;
  public static final long PATH_LINK_SOURCE = 1L << 11;
  public static final long PATH_LINK_TARGET = 1L << 12;
  public static final long PATH_OPEN = 1L << 13;
  public static final long FD_READDIR = 1L << 14;
  public static final long PATH_READLINK = 1L << 15;
  public static final long PATH_RENAME_SOURCE = 1L << 16;
  public static final long PATH_RENAME_TARGET = 1L << 17;
  public static final long PATH_FILESTAT_GET = 1L << 18;
  public static final long PATH_FILESTAT_SET_SIZE = 1L << 19;
  public static final long PATH_FILESTAT_SET_TIMES = 1L << 20;
  public static final long FD_FILESTAT_GET = 1L << 21;
  public static final long FD_FILESTAT_SET_SIZE = 1L << 22;
  public static final long FD_FILESTAT_SET_TIMES = 1L << 23;
  public static final long PATH_SYMLINK = 1L << 24;
  public static final long PATH_REMOVE_DIRECTORY = 1L << 25;
  public static final long PATH_UNLINK_FILE = 1L << 26;
  public static final long POLL_FD_READWRITE = 1L << 27;
  public static final long SOCK_SHUTDOWN = 1L << 28;
  public static final long SOCK_ACCEPT = 1L << 29;

  /** Every right preview 1 defines. */
  public static final long ALL = (1L << 30) - 1;

  /** What a regular file descriptor can have. */
  public static final long FILE_BASE =
      FD_DATASYNC
          | FD_READ
          | FD_SEEK
          | FD_FDSTAT_SET_FLAGS
          | FD_SYNC
          | FD_TELL
          | FD_WRITE
          | FD_ADVISE
          | FD_ALLOCATE
          | FD_FILESTAT_GET
          | FD_FILESTAT_SET_SIZE
          | FD_FILESTAT_SET_TIMES
          | POLL_FD_READWRITE;

  /** What a directory descriptor can have. */
  public static final long DIRECTORY_BASE =
      FD_FDSTAT_SET_FLAGS
          | FD_SYNC
          | FD_DATASYNC
          | PATH_CREATE_DIRECTORY
          | PATH_CREATE_FILE
          | PATH_LINK_SOURCE
          | PATH_LINK_TARGET
          | PATH_OPEN
          | FD_READDIR
          | PATH_READLINK
          | PATH_RENAME_SOURCE
          | PATH_RENAME_TARGET
          | PATH_FILESTAT_GET
          | PATH_FILESTAT_SET_SIZE
          | PATH_FILESTAT_SET_TIMES
          | FD_FILESTAT_GET
          | FD_FILESTAT_SET_TIMES
          | PATH_SYMLINK
          | PATH_REMOVE_DIRECTORY
          | PATH_UNLINK_FILE;

  /** What a directory hands down to the files and directories opened through it. */
  public static final long DIRECTORY_INHERITING = DIRECTORY_BASE | FILE_BASE;

  /**
   * Rights that change the file system: a read-only preopen and everything opened through it never
   * has them.
   */
  public static final long MUTATING =
      FD_WRITE
          | FD_ALLOCATE
          | FD_FILESTAT_SET_SIZE
          | FD_FILESTAT_SET_TIMES
          | PATH_CREATE_DIRECTORY
          | PATH_CREATE_FILE
          | PATH_LINK_SOURCE
          | PATH_LINK_TARGET
          | PATH_RENAME_SOURCE
          | PATH_RENAME_TARGET
          | PATH_FILESTAT_SET_SIZE
          | PATH_FILESTAT_SET_TIMES
          | PATH_SYMLINK
          | PATH_REMOVE_DIRECTORY
          | PATH_UNLINK_FILE;

  /** Rights that need the host file to be open for writing. */
  public static final long NEED_HOST_WRITE = FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE;

  /** stdin. */
  public static final long STDIN =
      FD_READ | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;

  /** stdout and stderr. */
  public static final long STDOUT =
      FD_WRITE | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE | FD_DATASYNC | FD_SYNC;

  /** A listening socket. */
  public static final long LISTENER =
      SOCK_ACCEPT | FD_FDSTAT_SET_FLAGS | FD_FILESTAT_GET | POLL_FD_READWRITE;

  /** A connected stream socket. */
  public static final long SOCKET =
      FD_READ
          | FD_WRITE
          | SOCK_SHUTDOWN
          | FD_FDSTAT_SET_FLAGS
          | FD_FILESTAT_GET
          | POLL_FD_READWRITE;

  private static final String[] NAMES = {
    "fd_datasync",
    "fd_read",
    "fd_seek",
    "fd_fdstat_set_flags",
    "fd_sync",
    "fd_tell",
    "fd_write",
    "fd_advise",
    "fd_allocate",
    "path_create_directory",
    "path_create_file",
    "path_link_source",
    "path_link_target",
    "path_open",
    "fd_readdir",
    "path_readlink",
    "path_rename_source",
    "path_rename_target",
    "path_filestat_get",
    "path_filestat_set_size",
    "path_filestat_set_times",
    "fd_filestat_get",
    "fd_filestat_set_size",
    "fd_filestat_set_times",
    "path_symlink",
    "path_remove_directory",
    "path_unlink_file",
    "poll_fd_readwrite",
    "sock_shutdown",
    "sock_accept"
  };

  private Rights() {}

  /** The witx names of the rights in {@code rights}, joined by {@code |}, for messages. */
  public static String describe(long rights) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < NAMES.length; i++) {
      if ((rights & (1L << i)) != 0) {
        sb.append(sb.isEmpty() ? "" : "|").append(NAMES[i]);
      }
    }
    return sb.isEmpty() ? "none" : sb.toString();
  }
}
