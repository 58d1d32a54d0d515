package dev.cortado.wasi.internal;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path relative to a directory descriptor without ever leaving it: the heart of
 * the sandbox.
 *
 * <p>The path is walked one component at a time from the base directory, keeping the chain of
 * directories opened so far (each one opened by name from the previous one, never through a link).
 * {@code ".."} steps back along that chain and fails with {@code notcapable} at the base, so it can
 * never climb above the directory the guest was given. A symbolic link is never followed by the
 * host: its text is read and spliced into the remaining components, so it is resolved by the same
 * rules (an absolute target fails with {@code notcapable}, a {@code ".."} too many fails likewise);
 * more than {@link #MAX_SYMLINKS} expansions fail with {@code loop}. Absolute guest paths fail with
 * {@code notcapable}.
 *
 * <p>The result names the final component inside its directory; the operation is then done relative
 * to that directory without following a link at that name, so a link created or swapped in after
 * resolution is not followed either.
 */
public final class PathResolver {
  /** How many symbolic links one resolution may expand (Linux's limit). */
  public static final int MAX_SYMLINKS = 40;

  /** Longest guest path accepted, in bytes (Linux's {@code PATH_MAX}). */
  public static final int MAX_PATH_BYTES = 4096;

  private PathResolver() {}

  /**
   * A resolved path: the directory holding the final component, and that component's name ({@code
   * "."} when the path names a directory reached by {@code "."} or {@code ".."}). Closing it
   * releases the directory if resolution opened it.
   *
   * @param dir the directory holding the final component
   * @param name the final component: a plain name, or {@code "."}
   * @param mustBeDirectory the path ended with {@code "/"}, so the target must be a directory
   * @param depth how many directories below the base {@code dir} is
   */
  public record Resolution(Dir dir, String name, boolean mustBeDirectory, int depth, boolean owned)
      implements AutoCloseable {
    /** True if the path named the directory itself ({@code "."}, {@code "a/.."}). */
    public boolean isDirectoryItself() {
      return name.equals(".");
    }

    /** The host path, for messages only. */
    public Path hostPath() {
      return isDirectoryItself() ? dir.path() : dir.path().resolve(name);
    }

    @Override
    public void close() {
      if (owned) {
        closeQuietly(dir);
      }
    }
  }

  /**
   * Resolves {@code path} below {@code base}.
   *
   * @param followFinal follow a symbolic link at the final component ({@code
   *     lookupflags.symlink_follow})
   */
  public static Resolution resolve(Dir base, String path, boolean followFinal) throws IOException {
    if (path.isEmpty()) {
      throw new ErrnoException(Errno.NOENT, "empty path");
    }
    if (path.indexOf('\0') >= 0) {
      throw new ErrnoException(Errno.INVAL, "path contains NUL");
    }
    if (path.startsWith("/")) {
      throw new ErrnoException(Errno.NOTCAPABLE, "absolute path: " + path);
    }
    Deque<String> pending = new ArrayDeque<>(components(path));
    boolean mustBeDirectory = path.endsWith("/");
    List<Dir> chain = new ArrayList<>();
    chain.add(base);
    int links = 0;
    boolean done = false;
    try {
      while (true) {
        String c = pending.pollFirst();
        Dir top = chain.getLast();
        if (c == null) {
          done = true;
          return result(chain, ".", true);
        }
        boolean last = pending.isEmpty();
        if (c.equals(".")) {
          if (last) {
            done = true;
            return result(chain, ".", true);
          }
          continue;
        }
        if (c.equals("..")) {
          if (chain.size() == 1) {
            throw new ErrnoException(Errno.NOTCAPABLE, "path leaves its directory: " + path);
          }
          closeQuietly(chain.removeLast());
          if (last) {
            done = true;
            return result(chain, ".", true);
          }
          continue;
        }
        checkName(top.fileSystem(), c);
        if (last && !followFinal && !mustBeDirectory) {
          done = true;
          return result(chain, c, false);
        }
        BasicFileAttributes a = top.attributesOrNull(c);
        if (a == null) {
          if (last) {
            done = true;
            return result(chain, c, mustBeDirectory);
          }
          throw new ErrnoException(Errno.NOENT, "no such directory: " + c);
        }
        if (a.isSymbolicLink()) {
          if (++links > MAX_SYMLINKS) {
            throw new ErrnoException(Errno.LOOP, "too many symbolic links: " + path);
          }
          String target = top.readLink(c);
          if (target.isEmpty()) {
            throw new ErrnoException(Errno.NOENT, "empty symbolic link");
          }
          if (target.startsWith("/") || isHostAbsolute(top.fileSystem(), target)) {
            throw new ErrnoException(Errno.NOTCAPABLE, "symbolic link to an absolute path");
          }
          if (last && target.endsWith("/")) {
            mustBeDirectory = true;
          }
          List<String> expanded = components(target);
          for (int i = expanded.size() - 1; i >= 0; i--) {
            pending.addFirst(expanded.get(i));
          }
          if (expanded.isEmpty()) {
            pending.addFirst(".");
          }
          continue;
        }
        if (last) {
          done = true;
          return result(chain, c, mustBeDirectory);
        }
        if (!a.isDirectory()) {
          throw new ErrnoException(Errno.NOTDIR, "not a directory: " + c);
        }
        chain.add(top.openDirectory(c));
      }
    } finally {
      if (!done) {
        for (int i = 1; i < chain.size(); i++) {
          closeQuietly(chain.get(i));
        }
      }
    }
  }

  /** The resolution at the top of {@code chain}; closes the directories below the top. */
  private static Resolution result(List<Dir> chain, String name, boolean mustBeDirectory) {
    for (int i = 1; i < chain.size() - 1; i++) {
      closeQuietly(chain.get(i));
    }
    boolean owned = chain.size() > 1;
    return new Resolution(chain.getLast(), name, mustBeDirectory, chain.size() - 1, owned);
  }

  /** The non-empty components of a slash-separated path (empty ones come from "//"). */
  static List<String> components(String path) {
    List<String> out = new ArrayList<>();
    for (String c : path.split("/")) {
      if (!c.isEmpty()) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * Fails unless {@code name} is one plain component on the host file system too. On Unix any name
   * without '/' and NUL is; elsewhere a name with the host's separator ('\' on Windows) or a name
   * the host would rewrite is refused, since the host would not read it as one component.
   */
  static void checkName(FileSystem fs, String name) {
    String sep = fs.getSeparator();
    if (!sep.equals("/") && name.contains(sep)) {
      throw new ErrnoException(Errno.INVAL, "name contains the host separator: " + name);
    }
    try {
      Path p = fs.getPath(name);
      if (p.isAbsolute() || p.getNameCount() != 1 || !p.toString().equals(name)) {
        throw new ErrnoException(Errno.INVAL, "not a plain file name on the host: " + name);
      }
    } catch (InvalidPathException e) {
      throw new ErrnoException(Errno.INVAL, "not a valid file name on the host: " + name);
    }
  }

  /** True if the host would read {@code target} as absolute (e.g. {@code C:\x} on Windows). */
  private static boolean isHostAbsolute(FileSystem fs, String target) {
    try {
      Path p = fs.getPath(target);
      return p.isAbsolute() || p.getRoot() != null;
    } catch (InvalidPathException e) {
      return true;
    }
  }

  /**
   * Fails with {@code notcapable} unless symbolic link text {@code target}, placed {@code depth}
   * directories below the base, stays below the base when read component by component: links the
   * guest creates never point outside its directory, for the host's tools as much as for the guest.
   */
  public static void checkLinkTarget(FileSystem fs, String target, int depth) {
    if (target.isEmpty()) {
      throw new ErrnoException(Errno.NOENT, "empty symbolic link target");
    }
    if (target.indexOf('\0') >= 0) {
      throw new ErrnoException(Errno.INVAL, "link target contains NUL");
    }
    if (target.startsWith("/") || isHostAbsolute(fs, target)) {
      throw new ErrnoException(Errno.NOTCAPABLE, "symbolic link to an absolute path");
    }
    int d = depth;
    for (String c : components(target)) {
      if (c.equals("..")) {
        if (--d < 0) {
          throw new ErrnoException(Errno.NOTCAPABLE, "symbolic link leaves its directory");
        }
      } else if (!c.equals(".")) {
        checkName(fs, c);
        d++;
      }
    }
  }

  static void closeQuietly(Dir d) {
    try {
      d.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
