package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A directory held open as a {@link SecureDirectoryStream}: on Linux and macOS an open directory
 * descriptor whose operations are the {@code *at} system calls ({@code openat} with {@code
 * O_NOFOLLOW}, {@code fstatat}, {@code unlinkat}, {@code renameat}). Replacing a directory on the
 * way with a symbolic link, or renaming it, after this handle was opened cannot redirect them.
 *
 * <p>The JDK has no {@code mkdirat}, {@code symlinkat}, {@code linkat} or {@code readlinkat}; those
 * four go through the directory's path, after checking that the path still leads to this very
 * directory (same real path, same file key). A concurrent host process that swaps a directory
 * between that check and the call is a residual risk, documented in SECURITY.md.
 */
public final class SecureDir implements Dir {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final SecureDirectoryStream<Path> stream;
  private final Path path;
  private final boolean readOnly;
  private final Object fileKey;

  /** Where the directory really is (no links on the way), as far as this handle knows. */
  private final Path realPath;

  private SecureDir(SecureDirectoryStream<Path> stream, Path path, Path realPath, boolean readOnly)
      throws IOException {
    this.stream = stream;
    this.path = path;
    this.realPath = realPath;
    this.readOnly = readOnly;
    this.fileKey =
        stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
  }

  /** True if the JDK gives {@code directory}'s file system secure directory streams. */
  static boolean supported(Path directory) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(directory)) {
      return s instanceof SecureDirectoryStream;
    }
  }

  static SecureDir open(Path directory, boolean readOnly) throws IOException {
    DirectoryStream<Path> s = Files.newDirectoryStream(directory);
    if (!(s instanceof SecureDirectoryStream<Path> secure)) {
      s.close();
      throw new IOException("no secure directory stream for " + directory);
    }
    try {
      return new SecureDir(secure, directory, directory.toRealPath(), readOnly);
    } catch (IOException | RuntimeException e) {
      secure.close();
      throw e;
    }
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

  private Path name(String name) {
    return path.getFileSystem().getPath(name);
  }

  private BasicFileAttributeView view(String name) {
    return name.equals(".")
        ? stream.getFileAttributeView(BasicFileAttributeView.class)
        : stream.getFileAttributeView(name(name), BasicFileAttributeView.class, NOFOLLOW);
  }

  @Override
  public BasicFileAttributes attributesOrNull(String name) throws IOException {
    try {
      return view(name).readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public FileStat stat(String name) throws IOException {
    BasicFileAttributes a = view(name).readAttributes();
    // Link count, change time and inode come from the path-based "unix" view, used only when it
    // names the same file (same file key) as the descriptor-relative attributes.
    Map<String, Object> unix = null;
    try {
      Path p = name.equals(".") ? realPath : realPath.resolve(name);
      unix = Files.readAttributes(p, "unix:fileKey,dev,ino,nlink,ctime,mode", NOFOLLOW);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // keep the basic attributes
    }
    return FileStat.of(a, unix, 0);
  }

  @Override
  public Dir openDirectory(String name) throws IOException {
    if (name.equals(".")) {
      return duplicate();
    }
    SecureDirectoryStream<Path> child = stream.newDirectoryStream(name(name), NOFOLLOW);
    try {
      // Opened by name relative to this descriptor without following links: it sits at our real
      // path plus its name (until someone moves it).
      return new SecureDir(child, path.resolve(name), realPath.resolve(name), readOnly);
    } catch (IOException | RuntimeException e) {
      child.close();
      throw e;
    }
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
    opts.add(LinkOption.NOFOLLOW_LINKS);
    return stream.newByteChannel(name(name), opts);
  }

  @Override
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    try (SecureDirectoryStream<Path> s = stream.newDirectoryStream(name("."), NOFOLLOW)) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
    }
    return names;
  }

  @Override
  public void deleteFile(String name) throws IOException {
    checkWritable();
    stream.deleteFile(name(name));
  }

  @Override
  public void deleteDirectory(String name) throws IOException {
    checkWritable();
    stream.deleteDirectory(name(name));
  }

  @Override
  public void rename(String name, Dir target, String targetName) throws IOException {
    checkWritable();
    target.checkWritable();
    if (!(target instanceof SecureDir t) || t.fileSystem() != fileSystem()) {
      throw new ErrnoException(Errno.XDEV, "rename across file systems");
    }
    stream.move(name(name), t.stream, t.name(targetName));
  }

  /**
   * The path of {@code name}, after checking that this directory's path still leads to this very
   * directory. Used by the operations the JDK offers only on paths.
   */
  private Path checkedPath(String name) throws IOException {
    Path nowReal = path.toRealPath();
    Object nowKey = Files.readAttributes(nowReal, BasicFileAttributes.class, NOFOLLOW).fileKey();
    if (!nowReal.equals(realPath) || !Objects.equals(nowKey, fileKey)) {
      throw new ErrnoException(Errno.NOENT, "directory moved since it was opened");
    }
    return name.equals(".") ? realPath : realPath.resolve(name);
  }

  @Override
  public String readLink(String name) throws IOException {
    // Checked through the descriptor first, so a non-link gives EINVAL without touching the path.
    BasicFileAttributes a = view(name).readAttributes();
    if (!a.isSymbolicLink()) {
      throw new ErrnoException(Errno.INVAL, "not a symbolic link");
    }
    return Files.readSymbolicLink(checkedPath(name)).toString();
  }

  @Override
  public void createDirectory(String name) throws IOException {
    checkWritable();
    Files.createDirectory(checkedPath(name));
  }

  @Override
  public void createSymlink(String name, String target) throws IOException {
    checkWritable();
    Files.createSymbolicLink(checkedPath(name), path.getFileSystem().getPath(target));
  }

  @Override
  public void createLink(String name, Dir source, String sourceName) throws IOException {
    checkWritable();
    if (!(source instanceof SecureDir s) || s.fileSystem() != fileSystem()) {
      throw new ErrnoException(Errno.XDEV, "link across file systems");
    }
    BasicFileAttributes before = s.view(sourceName).readAttributes();
    Path link = checkedPath(name);
    Files.createLink(link, s.checkedPath(sourceName));
    // The new link must name the file the descriptor saw; if a concurrent swap made the path
    // lead elsewhere, undo it rather than hand the guest a file from outside.
    BasicFileAttributes after = attributesOrNull(name);
    if (after == null || !Objects.equals(after.fileKey(), before.fileKey())) {
      if (after != null) {
        stream.deleteFile(name(name));
      }
      throw new ErrnoException(Errno.NOENT, "link source changed during path_link");
    }
  }

  @Override
  public void setTimes(String name, FileTime access, FileTime modified) throws IOException {
    checkWritable();
    view(name).setTimes(modified, access, null);
  }

  @Override
  public Dir duplicate() throws IOException {
    SecureDirectoryStream<Path> again = stream.newDirectoryStream(name("."), NOFOLLOW);
    try {
      return new SecureDir(again, path, realPath, readOnly);
    } catch (IOException | RuntimeException e) {
      again.close();
      throw e;
    }
  }

  @Override
  public void sync() throws IOException {
    Path p = checkedPath(".");
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
