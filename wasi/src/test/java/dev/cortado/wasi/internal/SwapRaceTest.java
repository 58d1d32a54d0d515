package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasi.RequiredTool;
import dev.cortado.wasi.WasiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory swapped for a symbolic link to the outside between check and use (by a host process
 * racing the guest, simulated here between two calls). With secure directory streams the guest's
 * descriptor keeps meaning the directory it opened, so nothing outside is reached.
 */
class SwapRaceTest {
  @TempDir Path root;

  private Path sandbox;
  private Canary canary;
  private TestGuest g;

  private void setUp() throws IOException {
    Path outside = Files.createDirectory(root.resolve("outside"));
    Files.writeString(outside.resolve("file"), "outside");
    sandbox = Files.createDirectory(root.resolve("sandbox"));
    Files.createDirectory(sandbox.resolve("sub"));
    Files.writeString(sandbox.resolve("sub/file"), "inside");
    RequiredTool.require(SecureDir.supported(sandbox), "no secure directory streams here");
    g = new TestGuest(WasiConfig.defaults().withPreopen(sandbox, "/sandbox"));
  }

  /** Moves {@code dir} aside and puts a link to the outside in its place. */
  private void swap(Path dir) throws IOException {
    Files.move(dir, dir.resolveSibling(dir.getFileName() + ".old"));
    Files.createSymbolicLink(dir, root.resolve("outside"));
    canary = new Canary(root, sandbox, root.resolve("sandbox.old"));
  }

  @AfterEach
  void outsideUntouched() throws IOException {
    if (g != null) {
      g.close();
      if (canary != null) {
        canary.assertUnchanged();
      }
    }
  }

  @Test
  void heldDirectoryDescriptorIgnoresTheSwap() throws IOException {
    setUp();
    int sub =
        g.open(
            3,
            0,
            "sub",
            PathFunctions.O_DIRECTORY,
            Rights.DIRECTORY_BASE,
            Rights.DIRECTORY_INHERITING,
            0);
    assertThat(sub).isPositive();
    swap(sandbox.resolve("sub"));
    int fd = g.open(sub, "file", 0, Rights.FD_READ, 0);
    assertThat(g.read(fd, 100)).isEqualTo("inside");
    assertThat(g.open(sub, "new", PathFunctions.O_CREAT, Rights.FD_WRITE, 0)).isPositive();
    assertThat(Files.exists(sandbox.resolve("sub.old/new"))).isTrue();
    // Operations the JDK offers only by path refuse once the path no longer leads here.
    assertThat(g.callPath("path_create_directory", sub, "d")).isEqualTo(Errno.NOENT.code());
    int t = g.str("x");
    int l = g.str("l");
    assertThat(g.call("path_symlink", t, 1, sub, l, 1)).isEqualTo(Errno.NOENT.code());
    // Unlink goes through the descriptor: it removes the inside file.
    assertThat(g.callPath("path_unlink_file", sub, "file")).isZero();
    assertThat(Files.exists(sandbox.resolve("sub.old/file"))).isFalse();
  }

  @Test
  void swappedPreopenKeepsPointingAtTheGrantedDirectory() throws IOException {
    setUp();
    Path moved = root.resolve("sandbox.old");
    Files.move(sandbox, moved);
    Files.createSymbolicLink(sandbox, root.resolve("outside"));
    canary = new Canary(root, moved);
    int fd = g.open(3, "sub/file", 0, Rights.FD_READ, 0);
    assertThat(g.read(fd, 100)).isEqualTo("inside");
    assertThat(g.open(3, "file", 0, Rights.FD_READ, 0)).isEqualTo(-Errno.NOENT.code());
    assertThat(g.callPath("path_create_directory", 3, "d")).isEqualTo(Errno.NOENT.code());
    assertThat(g.callPath("path_unlink_file", 3, "file")).isEqualTo(Errno.NOENT.code());
  }

  @Test
  void aLinkAppearingAtAResolvedComponentIsNotEntered() throws IOException {
    setUp();
    SecureDir base = SecureDir.open(sandbox, false);
    try (base) {
      assertThat(base.attributesOrNull("sub").isDirectory()).isTrue();
      swap(sandbox.resolve("sub"));
      // The resolver checked "sub" was a directory; now it opens it without following links.
      ErrnoException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ErrnoException.class,
              () -> {
                try {
                  base.openDirectory("sub");
                } catch (IOException io) {
                  throw new ErrnoException(IoErrors.errnoOf(io));
                }
              });
      assertThat(e.errno()).isEqualTo(Errno.LOOP);
    }
  }
}
