package dev.cortado.runtime.internal.compiler;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * The on-disk cache of compiled modules: one {@code .cwasm} file per module and compiler settings,
 * named by the module's SHA-256. An entry is only used if everything in it checks out (format,
 * checksum, runtime version, settings, module hash); anything else is a miss, and the entry is
 * rebuilt. The directory and its files are created readable by their owner only, and entries are
 * written to a temporary file first and moved into place, so readers never see half a file.
 */
public final class CodeCache {
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path dir;

  public CodeCache(Path dir) {
    this.dir = dir;
  }

  public Path directory() {
    return dir;
  }

  /**
   * The default cache directory: {@code $CORTADO_CACHE_DIR}, else {@code $XDG_CACHE_HOME/cortado},
   * else {@code ~/.cache/cortado}.
   */
  public static Path defaultDirectory(Map<String, String> env, String userHome) {
    String explicit = env.get("CORTADO_CACHE_DIR");
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty()) {
      return Path.of(xdg, "cortado");
    }
    return Path.of(userHome, ".cache", "cortado");
  }

  Path entry(String moduleHash, String settings) {
    String tag = CwasmFile.sha256(settings.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return dir.resolve(moduleHash + "-" + tag.substring(0, 8) + ".cwasm");
  }

  /** The cached contents for a module, or null if there is no usable entry. */
  CwasmFile.Contents load(String moduleHash, String settings) {
    Path file = entry(moduleHash, settings);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      CwasmFile.Contents c = CwasmFile.read(Files.readAllBytes(file));
      if (!CompilerVersion.VALUE.equals(c.runtimeVersion())
          || !settings.equals(c.settings())
          || !moduleHash.equals(c.moduleHash())
          || !moduleHash.equals(CwasmFile.sha256(c.module()))) {
        return null;
      }
      return c;
    } catch (IOException | CwasmFile.Rejected e) {
      return null;
    }
  }

  /** Stores an entry; returns false (and leaves no partial file) if that fails. */
  boolean store(CwasmFile.Contents contents) {
    Path file = entry(contents.moduleHash(), contents.settings());
    Path tmp = null;
    try {
      createDirectory();
      tmp = Files.createTempFile(dir, ".entry", ".tmp", fileAttributes(OWNER_FILE));
      Files.write(tmp, CwasmFile.write(contents, false));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
      return false;
    }
  }

  private void createDirectory() throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, fileAttributes(OWNER_DIR));
    }
  }

  private static FileAttribute<?>[] fileAttributes(Set<PosixFilePermission> permissions) {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }
    return new FileAttribute<?>[0];
  }
}
