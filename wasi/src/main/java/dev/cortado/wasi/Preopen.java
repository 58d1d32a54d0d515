package dev.cortado.wasi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory granted to the guest: the guest sees it under {@code guestPath} and can reach
 * nothing above it.
 *
 * <pre>{@code
 * Preopen data = new Preopen(Path.of("/srv/data"), "/data", true); // read-only
 * }</pre>
 *
 * @param hostPath the directory, on any {@link java.nio.file.FileSystem} (the default one, a zip
 *     file system, an in-memory one)
 * @param guestPath the name the guest's C library matches paths against, e.g. {@code "/data"} or
 *     {@code "."}
 * @param readOnly if true, nothing below the directory can be created, written, renamed, linked,
 *     deleted or have its times changed through it
 */
public record Preopen(Path hostPath, String guestPath, boolean readOnly) {
  public Preopen {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(guestPath, "guestPath");
    if (guestPath.isEmpty() || guestPath.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("guest path must be non-empty, without NUL: " + guestPath);
    }
  }
}
