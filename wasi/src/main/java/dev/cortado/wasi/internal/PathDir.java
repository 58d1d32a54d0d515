package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directory named by its path, for file systems without secure directory streams (a zip file
 * system, an in-memory one, Windows). Every operation acts on {@code path/name} without following a
 * link at {@code name}; the directories on the way were checked one by one by {@link PathResolver}.
 * Unlike {@link SecureDir}, a concurrent process that replaces one of those directories with a link
 * between the check and the call is not detected (see SECURITY.md).
 */
public final class PathDir implements Dir {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final Path path;
  private final boolean readOnly;

  public PathDir(Path path, boolean readOnly) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    if (!a.isDirectory()) {
      throw new NotDirectoryException(path.toString());
    }
    this.path = path;
    this.readOnly = readOnly;
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public FileSystem fileSystem() {
    return path.getFileSystem();
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  private Path entry(String name) {
    return name.equals(".") ? path : path.resolve(name);
  }

  @Override
  public BasicFileAttributes attributesOrNull(String name) throws IOException {
    try {
      return Files.readAttributes(entry(name), BasicFileAttributes.class, NOFOLLOW);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public FileStat stat(String name) throws IOException {
    Path p = entry(name);
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
    Map<String, Object> unix = null;
    if (fileSystem().supportedFileAttributeViews().contains("unix")) {
      try {
        unix = Files.readAttributes(p, "unix:fileKey,dev,ino,nlink,ctime,mode", NOFOLLOW);
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        // keep the basic attributes
      }
    }
    // File systems without file keys (zip) get an inode derived from the path: stable for the
    // run, distinct for distinct paths in practice.
    long synthetic = p.toAbsolutePath().normalize().toString().hashCode() & 0xFFFFFFFFL;
    return FileStat.of(a, unix, synthetic);
  }

  @Override
  public Dir openDirectory(String name) throws IOException {
    Path p = entry(name);
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
    if (a.isSymbolicLink()) {
      throw new ErrnoException(Errno.LOOP, "is a symbolic link");
    }
    if (!a.isDirectory()) {
      throw new ErrnoException(Errno.NOTDIR, "not a directory");
    }
    return new PathDir(p, readOnly);
  }

  @Override
  public SeekableByteChannel openFile(String name, Set<OpenOption> options) throws IOException {
    Set<OpenOption> opts = new HashSet<>(options);
    if (readOnly
        && (opts.contains(StandardOpenOption.WRITE)
            || opts.contains(StandardOpenOption.APPEND)
            || opts.contains(StandardOpenOption.CREATE)
            || opts.contains(StandardOpenOption.CREATE_NEW))) {
      checkWritable();
    }
    Path p = entry(name);
    BasicFileAttributes a = attributesOrNull(name);
    if (a != null && a.isSymbolicLink()) {
      // Not every provider honours NOFOLLOW_LINKS when opening (checked here as well).
      throw new ErrnoException(Errno.LOOP, "is a symbolic link");
    }
    Set<OpenOption> noFollow = new HashSet<>(opts);
    noFollow.add(LinkOption.NOFOLLOW_LINKS);
    try {
      return Files.newByteChannel(p, noFollow);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // Providers without links (the zip file system) reject the option itself.
      return Files.newByteChannel(p, opts);
    }
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(path)) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
    }
    return names;
  }

  @Override
  public void deleteFile(String name) throws IOException {
    checkWritable();
    BasicFileAttributes a = Files.readAttributes(entry(name), BasicFileAttributes.class, NOFOLLOW);
    if (a.isDirectory()) {
      throw new ErrnoException(Errno.ISDIR, "is a directory");
    }
    Files.delete(entry(name));
  }

  @Override
  public void deleteDirectory(String name) throws IOException {
    checkWritable();
    BasicFileAttributes a = Files.readAttributes(entry(name), BasicFileAttributes.class, NOFOLLOW);
    if (!a.isDirectory()) {
      throw new ErrnoException(Errno.NOTDIR, "not a directory");
    }
    Files.delete(entry(name));
  }

  @Override
  public void rename(String name, Dir target, String targetName) throws IOException {
    checkWritable();
    target.checkWritable();
    if (!(target instanceof PathDir t) || t.fileSystem() != fileSystem()) {
      throw new ErrnoException(Errno.XDEV, "rename across file systems");
    }
    Path from = entry(name);
    Path to = t.entry(targetName);
    BasicFileAttributes src = Files.readAttributes(from, BasicFileAttributes.class, NOFOLLOW);
    BasicFileAttributes dst = t.attributesOrNull(targetName);
    // POSIX rename(2) rules, which Files.move does not all enforce.
    if (src.isDirectory() && to.toAbsolutePath().startsWith(from.toAbsolutePath())) {
      throw new ErrnoException(Errno.INVAL, "cannot move a directory into itself");
    }
    if (dst != null) {
      if (Files.isSameFile(from, to)) {
        return;
      }
      if (src.isDirectory() && !dst.isDirectory()) {
        throw new ErrnoException(Errno.NOTDIR, "not a directory");
      }
      if (!src.isDirectory() && dst.isDirectory()) {
        throw new ErrnoException(Errno.ISDIR, "is a directory");
      }
    }
    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public String readLink(String name) throws IOException {
    BasicFileAttributes a = Files.readAttributes(entry(name), BasicFileAttributes.class, NOFOLLOW);
    if (!a.isSymbolicLink()) {
      throw new ErrnoException(Errno.INVAL, "not a symbolic link");
    }
    return Files.readSymbolicLink(entry(name)).toString();
  }

  @Override
  public void createDirectory(String name) throws IOException {
    checkWritable();
    Files.createDirectory(entry(name));
  }

  @Override
  public void createSymlink(String name, String target) throws IOException {
    checkWritable();
    Files.createSymbolicLink(entry(name), fileSystem().getPath(target));
  }

  @Override
  public void createLink(String name, Dir source, String sourceName) throws IOException {
    checkWritable();
    if (!(source instanceof PathDir s) || s.fileSystem() != fileSystem()) {
      throw new ErrnoException(Errno.XDEV, "link across file systems");
    }
    Files.createLink(entry(name), s.entry(sourceName));
  }

  @Override
  public void setTimes(String name, FileTime access, FileTime modified) throws IOException {
    checkWritable();
    Files.getFileAttributeView(entry(name), BasicFileAttributeView.class, NOFOLLOW)
        .setTimes(modified, access, null);
  }

  @Override
  public Dir duplicate() throws IOException {
    return new PathDir(path, readOnly);
  }

  @Override
  public void sync() throws IOException {
    if (path.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
      return; // nothing to flush below a non-default file system's own storage
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return path.toString();
  }
}
