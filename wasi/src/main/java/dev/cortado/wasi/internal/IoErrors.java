package dev.cortado.wasi.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetConnectedException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JDK's I/O exceptions into WASI errnos. The JDK reports most POSIX errors as a {@link
 * FileSystemException} whose reason is the C library's {@code strerror} text, so those are matched
 * by text.
 */
public final class IoErrors {
  private static final Map<String, Errno> BY_STRERROR =
      Map.ofEntries(
          Map.entry("operation not permitted", Errno.PERM),
          Map.entry("no such file or directory", Errno.NOENT),
          Map.entry("permission denied", Errno.ACCES),
          Map.entry("file exists", Errno.EXIST),
          Map.entry("not a directory", Errno.NOTDIR),
          Map.entry("is a directory", Errno.ISDIR),
          Map.entry("invalid argument", Errno.INVAL),
          Map.entry("too many open files", Errno.MFILE),
          Map.entry("too many open files in system", Errno.NFILE),
          Map.entry("file too large", Errno.FBIG),
          Map.entry("no space left on device", Errno.NOSPC),
          Map.entry("illegal seek", Errno.SPIPE),
          Map.entry("read-only file system", Errno.ROFS),
          Map.entry("too many links", Errno.MLINK),
          Map.entry("broken pipe", Errno.PIPE),
          Map.entry("file name too long", Errno.NAMETOOLONG),
          Map.entry("directory not empty", Errno.NOTEMPTY),
          Map.entry("too many levels of symbolic links", Errno.LOOP),
          Map.entry("invalid cross-device link", Errno.XDEV),
          Map.entry("device or resource busy", Errno.BUSY),
          Map.entry("text file busy", Errno.TXTBSY),
          Map.entry("disk quota exceeded", Errno.DQUOT),
          Map.entry("input/output error", Errno.IO),
          Map.entry("resource temporarily unavailable", Errno.AGAIN),
          Map.entry("connection reset by peer", Errno.CONNRESET),
          Map.entry("connection refused", Errno.CONNREFUSED),
          Map.entry("connection aborted", Errno.CONNABORTED),
          Map.entry("transport endpoint is not connected", Errno.NOTCONN),
          Map.entry("no such device or address", Errno.NXIO),
          Map.entry("no such device", Errno.NODEV),
          Map.entry("stale file handle", Errno.STALE),
          Map.entry("operation not supported", Errno.NOTSUP),
          Map.entry("cannot allocate memory", Errno.NOMEM),
          Map.entry("value too large for defined data type", Errno.OVERFLOW),
          Map.entry("bad file descriptor", Errno.BADF));

  private IoErrors() {}

  /** The errno for an exception thrown by a JDK file, channel or socket operation. */
  public static Errno errnoOf(Throwable e) {
    return switch (e) {
      case ErrnoException x -> x.errno();
      case NoSuchFileException x -> Errno.NOENT;
      case FileAlreadyExistsException x -> Errno.EXIST;
      case DirectoryNotEmptyException x -> Errno.NOTEMPTY;
      case NotDirectoryException x -> Errno.NOTDIR;
      case NotLinkException x -> Errno.INVAL;
      case FileSystemLoopException x -> Errno.LOOP;
      case AccessDeniedException x -> byReason(x.getReason(), Errno.ACCES);
      case FileSystemException x -> byReason(x.getReason(), Errno.IO);
      case ReadOnlyFileSystemException x -> Errno.ROFS;
      case AsynchronousCloseException x -> Errno.BADF;
      case ClosedChannelException x -> Errno.BADF;
      case NonReadableChannelException x -> Errno.BADF;
      case NonWritableChannelException x -> Errno.BADF;
      case NotYetConnectedException x -> Errno.NOTCONN;
      case AlreadyConnectedException x -> Errno.ISCONN;
      case InvalidPathException x -> Errno.INVAL;
      case UnsupportedOperationException x -> Errno.NOTSUP;
      case SocketTimeoutException x -> Errno.TIMEDOUT;
      case InterruptedIOException x -> Errno.INTR;
      case BindException x -> Errno.ADDRINUSE;
      case ConnectException x -> Errno.CONNREFUSED;
      case SocketException x -> byReason(x.getMessage(), Errno.IO);
      case IOException x -> byReason(x.getMessage(), Errno.IO);
      default -> Errno.IO;
    };
  }

  private static Errno byReason(String reason, Errno fallback) {
    if (reason == null) {
      return fallback;
    }
    String r = reason.toLowerCase(Locale.ROOT).strip();
    Errno e = BY_STRERROR.get(r);
    if (e != null) {
      return e;
    }
    // The JDK sometimes appends its own words ("Too many levels of symbolic links (NOFOLLOW_LINKS
    // specified)"): take the longest strerror text the reason starts with.
    String best = null;
    for (String known : BY_STRERROR.keySet()) {
      if (r.startsWith(known) && (best == null || known.length() > best.length())) {
        best = known;
      }
    }
    return best != null ? BY_STRERROR.get(best) : fallback;
  }
}
