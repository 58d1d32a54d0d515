package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasi.WasiConfig;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A preopen on a non-default {@link FileSystem}: the JDK's zip file system. */
class ZipFileSystemTest {
  @TempDir Path dir;

  private static final long FILE = Rights.FILE_BASE;

  private FileSystem zip(Path file) throws IOException {
    return FileSystems.newFileSystem(file, Map.of("create", "true"));
  }

  @Test
  void guestWorksInsideAZip() throws IOException {
    Path zipFile = dir.resolve("box.zip");
    try (FileSystem fs = zip(zipFile)) {
      Files.createDirectories(fs.getPath("/data/sub"));
      Files.writeString(fs.getPath("/data/hello.txt"), "hello from zip");
      Path data = fs.getPath("/data");
      try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(data, "/data"))) {
        assertThat(g.ctx.fds().get(3))
            .isInstanceOfSatisfying(
                OpenDirectory.class, d -> assertThat(d.dir()).isInstanceOf(PathDir.class));
        // Read-only: the zip provider replaces an entry opened for writing (see docs/wasi.md).
        int fd = g.open(3, "hello.txt", 0, Rights.FD_READ, 0);
        assertThat(g.read(fd, 100)).isEqualTo("hello from zip");
        int out = g.open(3, "sub/new.txt", PathFunctions.O_CREAT, FILE, 0);
        assertThat(g.write(out, "written")).isEqualTo(7);
        assertThat(g.call("fd_close", out)).isZero();
        assertThat(g.callPath("path_create_directory", 3, "made")).isZero();
        int a = g.str("hello.txt");
        int b = g.str("made/moved.txt");
        assertThat(g.call("path_rename", 3, a, 9, 3, b, 14)).isZero();
        int st = g.alloc(64);
        int p = g.str("made/moved.txt");
        assertThat(g.call("path_filestat_get", 3, 0, p, 14, st)).isZero();
        assertThat(g.memory.u8(st + 16)).isEqualTo(FileType.REGULAR_FILE);
        assertThat(g.i64(st + 32)).isEqualTo(14);
        // Escapes fail here as anywhere.
        assertThat(g.open(3, "../outside.txt", PathFunctions.O_CREAT, FILE, 0))
            .isEqualTo(-Errno.NOTCAPABLE.code());
        assertThat(g.open(3, "/etc/passwd", 0, FILE, 0)).isEqualTo(-Errno.NOTCAPABLE.code());
        // The zip file system has no links.
        int t = g.str("made");
        int l = g.str("l");
        assertThat(g.call("path_symlink", t, 4, 3, l, 1)).isEqualTo(Errno.NOTSUP.code());
        // Listing.
        int buf = g.alloc(512);
        int used = g.alloc(4);
        assertThat(g.call("fd_readdir", 3, buf, 512, 0L, used)).isZero();
        String listing =
            new String(
                g.memory.bytes(buf, g.i32(used)), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(listing).contains("made", "sub").doesNotContain("hello.txt");
      }
    }
    try (FileSystem fs = zip(zipFile)) {
      assertThat(Files.readString(fs.getPath("/data/sub/new.txt"))).isEqualTo("written");
      assertThat(Files.readString(fs.getPath("/data/made/moved.txt"))).isEqualTo("hello from zip");
      try (Stream<Path> s = Files.walk(fs.getPath("/"))) {
        List<String> all = s.map(Path::toString).toList();
        assertThat(all).noneMatch(x -> x.contains("outside"));
      }
    }
  }

  @Test
  void readOnlyZipPreopen() throws IOException {
    Path zipFile = dir.resolve("ro.zip");
    try (FileSystem fs = zip(zipFile)) {
      Files.writeString(fs.getPath("/f"), "x");
      try (TestGuest g =
          new TestGuest(WasiConfig.defaults().withReadOnlyPreopen(fs.getPath("/"), "/"))) {
        assertThat(g.open(3, "f", 0, Rights.FD_READ | Rights.FD_WRITE, 0))
            .isEqualTo(-Errno.NOTCAPABLE.code());
        int fd = g.open(3, "f", 0, Rights.FD_READ, 0);
        assertThat(g.read(fd, 10)).isEqualTo("x");
      }
    }
  }
}
