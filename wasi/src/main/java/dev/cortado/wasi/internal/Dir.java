package dev.cortado.wasi.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

/**
 * An open host directory, and the only way the sandbox touches the file system: every operation
 * names one entry of this directory ({@code name} is a single path component, never containing a
 * separator; {@code "."} means the directory itself) and never follows a symbolic link at that
 * entry. {@link PathResolver} walks guest paths through these handles component by component.
 *
 * <p>Two implementations: {@link SecureDir} holds an open directory descriptor ({@link
 * java.nio.file.SecureDirectoryStream}, the JDK's {@code openat} family) so that renaming or
 * swapping the directory's path cannot redirect it; {@link PathDir} works on any {@link FileSystem}
 * through paths.
 */
public sealed interface Dir extends Closeable permits SecureDir, PathDir {
  /** Opens {@code directory} as a handle: a {@link SecureDir} where the file system allows one. */
  static Dir open(Path directory, boolean readOnly) throws IOException {
    return SecureDir.supported(directory)
        ? SecureDir.open(directory, readOnly)
        : new PathDir(directory, readOnly);
  }

  /** The host path this handle was opened at (for messages and the JDK calls that need one). */
  Path path();

  FileSystem fileSystem();

  /**
   * True if this directory came from a read-only preopen: every change through it fails with {@code
   * rofs}, whatever the rights say (a second line of defence).
   */
  boolean readOnly();

  /** The attributes of {@code name} without following a link, or null if it does not exist. */
  BasicFileAttributes attributesOrNull(String name) throws IOException;

  /** The WASI stat of {@code name} without following a link. */
  FileStat stat(String name) throws IOException;

  /** Opens subdirectory {@code name} (not through a link). */
  Dir openDirectory(String name) throws IOException;

  /** Opens regular file {@code name} (not through a link); adds {@code NOFOLLOW_LINKS}. */
  SeekableByteChannel openFile(String name, Set<OpenOption> options) throws IOException;

  /** The names of the entries, without {@code "."} and {@code ".."}. */
  List<String> list() throws IOException;

  void deleteFile(String name) throws IOException;

  void deleteDirectory(String name) throws IOException;

  /** POSIX {@code rename}: moves {@code name} to {@code targetName} in {@code target}. */
  void rename(String name, Dir target, String targetName) throws IOException;

  String readLink(String name) throws IOException;

  void createDirectory(String name) throws IOException;

  void createSymlink(String name, String target) throws IOException;

  /** Creates hard link {@code name} to {@code sourceName} in {@code source}. */
  void createLink(String name, Dir source, String sourceName) throws IOException;

  /** Sets the times of {@code name} (not through a link); a null time stays unchanged. */
  void setTimes(String name, FileTime access, FileTime modified) throws IOException;

  /** A second, independent handle on this directory. */
  Dir duplicate() throws IOException;

  /** Flushes the directory to storage where the host can ({@code fsync} on the directory). */
  void sync() throws IOException;

  /** Fails with {@code rofs} if this handle is read-only. */
  default void checkWritable() {
    if (readOnly()) {
      throw new ErrnoException(Errno.ROFS, "read-only preopen");
    }
  }
}
