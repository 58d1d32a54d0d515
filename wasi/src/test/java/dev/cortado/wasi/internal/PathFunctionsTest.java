package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasi.WasiClock;
import dev.cortado.wasi.WasiConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The path functions doing their ordinary work, through both directory implementations. */
class PathFunctionsTest {
  @TempDir Path dir;

  private static final long FILE = Rights.FILE_BASE;
  private static final long DIR = Rights.DIRECTORY_INHERITING & ~Rights.FD_WRITE;

  private TestGuest guest(boolean pathDirs) throws IOException {
    return new TestGuest(WasiConfig.defaults().withPreopen(dir, "."), pathDirs);
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void openFlags(boolean pathDirs) throws IOException {
    Files.writeString(dir.resolve("f"), "content");
    Files.createDirectory(dir.resolve("d"));
    try (TestGuest g = guest(pathDirs)) {
      assertThat(g.open(3, "missing", 0, FILE, 0)).isEqualTo(-Errno.NOENT.code());
      assertThat(g.open(3, "f", PathFunctions.O_CREAT | PathFunctions.O_EXCL, FILE, 0))
          .isEqualTo(-Errno.EXIST.code());
      assertThat(g.open(3, "f", PathFunctions.O_DIRECTORY, FILE, 0))
          .isEqualTo(-Errno.NOTDIR.code());
      assertThat(g.open(3, "f/", 0, FILE, 0)).isEqualTo(-Errno.NOTDIR.code());
      assertThat(g.open(3, "f/x", 0, FILE, 0)).isEqualTo(-Errno.NOTDIR.code());
      assertThat(g.open(3, "d", 0, FILE, 0)).isEqualTo(-Errno.ISDIR.code());
      assertThat(g.open(3, "d", PathFunctions.O_TRUNC, Rights.FD_READ, 0))
          .isEqualTo(-Errno.ISDIR.code());
      assertThat(g.open(3, "new/", PathFunctions.O_CREAT, FILE, 0)).isEqualTo(-Errno.ISDIR.code());
      assertThat(g.open(3, "x", 0x10, FILE, 0)).isEqualTo(-Errno.INVAL.code());
      int fd = g.open(3, "f", PathFunctions.O_TRUNC, FILE, 0);
      assertThat(fd).isPositive();
      assertThat(Files.size(dir.resolve("f"))).isZero();
      int d = g.open(3, 0, "d/", 0, DIR, Rights.DIRECTORY_INHERITING, 0);
      assertThat(d).isPositive();
      int st = g.alloc(24);
      assertThat(g.call("fd_fdstat_get", d, st)).isZero();
      assertThat(g.memory.u8(st)).isEqualTo(FileType.DIRECTORY);
      assertThat(g.i64(st + 8) & ~Rights.DIRECTORY_BASE).isZero();
      // Opening through the new directory descriptor.
      int inner = g.open(d, "made", PathFunctions.O_CREAT, FILE, 0);
      assertThat(g.write(inner, "hi")).isEqualTo(2);
      assertThat(Files.readString(dir.resolve("d/made"))).isEqualTo("hi");
      // A file opened for reading only cannot be written, and is not writable on the host.
      int ro = g.open(3, "d/made", 0, Rights.FD_READ, 0);
      assertThat(g.write(ro, "x")).isEqualTo(-Errno.NOTCAPABLE.code());
      assertThat(g.call("fd_fdstat_get", ro, st)).isZero();
      assertThat(g.i64(st + 8)).isEqualTo(Rights.FD_READ);
    }
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void directoriesAreMadeAndRemoved(boolean pathDirs) throws IOException {
    try (TestGuest g = guest(pathDirs)) {
      assertThat(g.callPath("path_create_directory", 3, "a")).isZero();
      assertThat(g.callPath("path_create_directory", 3, "a/b/")).isZero();
      assertThat(Files.isDirectory(dir.resolve("a/b"))).isTrue();
      assertThat(g.callPath("path_create_directory", 3, "a")).isEqualTo(Errno.EXIST.code());
      assertThat(g.callPath("path_create_directory", 3, ".")).isEqualTo(Errno.EXIST.code());
      assertThat(g.callPath("path_create_directory", 3, "x/y")).isEqualTo(Errno.NOENT.code());
      assertThat(g.callPath("path_remove_directory", 3, "a")).isEqualTo(Errno.NOTEMPTY.code());
      assertThat(g.callPath("path_remove_directory", 3, "a/b")).isZero();
      assertThat(g.callPath("path_remove_directory", 3, "a/b")).isEqualTo(Errno.NOENT.code());
      Files.writeString(dir.resolve("a/file"), "");
      assertThat(g.callPath("path_remove_directory", 3, "a/file")).isEqualTo(Errno.NOTDIR.code());
      assertThat(g.callPath("path_unlink_file", 3, "a")).isEqualTo(Errno.ISDIR.code());
      assertThat(g.callPath("path_unlink_file", 3, "a/file/")).isEqualTo(Errno.NOTDIR.code());
      assertThat(g.callPath("path_unlink_file", 3, "a/file")).isZero();
      assertThat(g.callPath("path_unlink_file", 3, "a/file")).isEqualTo(Errno.NOENT.code());
      assertThat(g.callPath("path_remove_directory", 3, ".")).isEqualTo(Errno.INVAL.code());
      assertThat(g.callPath("path_remove_directory", 3, "a")).isZero();
    }
  }

  private int rename(TestGuest g, String from, String to) {
    int f = g.str(from);
    int t = g.str(to);
    return g.call("path_rename", 3, f, from.length(), 3, t, to.length());
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void renameFollowsPosixRules(boolean pathDirs) throws IOException {
    Files.writeString(dir.resolve("f"), "F");
    Files.writeString(dir.resolve("g"), "G");
    Files.createDirectories(dir.resolve("d/sub"));
    Files.createDirectory(dir.resolve("empty"));
    try (TestGuest g = guest(pathDirs)) {
      assertThat(rename(g, "f", "g")).isZero();
      assertThat(Files.readString(dir.resolve("g"))).isEqualTo("F");
      assertThat(Files.exists(dir.resolve("f"))).isFalse();
      assertThat(rename(g, "g", "d")).isEqualTo(Errno.ISDIR.code());
      assertThat(rename(g, "d", "g")).isEqualTo(Errno.NOTDIR.code());
      assertThat(rename(g, "d", "d/sub/inside")).isEqualTo(Errno.INVAL.code());
      assertThat(rename(g, "missing", "x")).isEqualTo(Errno.NOENT.code());
      assertThat(rename(g, "g", "g/")).isEqualTo(Errno.NOTDIR.code());
      assertThat(rename(g, "empty", "d")).isEqualTo(Errno.NOTEMPTY.code());
      assertThat(rename(g, "d", "empty")).isZero();
      assertThat(Files.isDirectory(dir.resolve("empty/sub"))).isTrue();
      assertThat(rename(g, "g", "empty/sub/g2")).isZero();
      assertThat(Files.readString(dir.resolve("empty/sub/g2"))).isEqualTo("F");
    }
  }

  private int symlink(TestGuest g, String target, String link) {
    int t = g.str(target);
    int l = g.str(link);
    return g.call("path_symlink", t, target.length(), 3, l, link.length());
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void linksAndSymlinks(boolean pathDirs) throws IOException {
    Files.writeString(dir.resolve("f"), "data");
    Files.createDirectory(dir.resolve("d"));
    try (TestGuest g = guest(pathDirs)) {
      int f = g.str("f");
      int h = g.str("d/hard");
      assertThat(g.call("path_link", 3, 0, f, 1, 3, h, 6)).isZero();
      assertThat(Files.readString(dir.resolve("d/hard"))).isEqualTo("data");
      assertThat(Files.getAttribute(dir.resolve("f"), "unix:nlink")).isEqualTo(2);
      assertThat(g.call("path_link", 3, 0, f, 1, 3, h, 6)).isEqualTo(Errno.EXIST.code());
      int d = g.str("d");
      int d2 = g.str("d2");
      assertThat(g.call("path_link", 3, 0, d, 1, 3, d2, 2)).isEqualTo(Errno.PERM.code());
      assertThat(symlink(g, "f", "s")).isZero();
      assertThat(Files.readSymbolicLink(dir.resolve("s"))).isEqualTo(Path.of("f"));
      int buf = g.alloc(16);
      int used = g.alloc(4);
      int s = g.str("s");
      assertThat(g.call("path_readlink", 3, s, 1, buf, 16, used)).isZero();
      assertThat(g.string(buf, g.i32(used))).isEqualTo("f");
      assertThat(symlink(g, "../../f", "d/s2")).isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(symlink(g, "../f", "d/s2")).isZero();
      int s2 = g.str("d/s2");
      assertThat(g.call("path_readlink", 3, s2, 4, buf, 2, used)).isZero();
      assertThat(g.string(buf, g.i32(used))).isEqualTo("..");
      assertThat(g.call("path_readlink", 3, f, 1, buf, 16, used)).isEqualTo(Errno.INVAL.code());
      // A hard link to a symlink (no follow) links the symlink; with follow, its target.
      int l1 = g.str("l1");
      int l2 = g.str("l2");
      assertThat(g.call("path_link", 3, 0, s, 1, 3, l1, 2)).isZero();
      assertThat(Files.isSymbolicLink(dir.resolve("l1"))).isTrue();
      assertThat(g.call("path_link", 3, PathFunctions.LOOKUP_SYMLINK_FOLLOW, s, 1, 3, l2, 2))
          .isZero();
      assertThat(Files.isSymbolicLink(dir.resolve("l2"))).isFalse();
      assertThat(Files.readString(dir.resolve("l2"))).isEqualTo("data");
    }
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void filestatAndTimesByPath(boolean pathDirs) throws IOException {
    Files.writeString(dir.resolve("f"), "12345");
    Files.createSymbolicLink(dir.resolve("s"), Path.of("f"));
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    WasiConfig c =
        WasiConfig.defaults()
            .withPreopen(dir, ".")
            .withClock(WasiClock.deterministic(start, Duration.ofSeconds(1)));
    try (TestGuest g = new TestGuest(c, pathDirs)) {
      int st = g.alloc(64);
      int s = g.str("s");
      assertThat(g.call("path_filestat_get", 3, 0, s, 1, st)).isZero();
      assertThat(g.memory.u8(st + 16)).isEqualTo(FileType.SYMBOLIC_LINK);
      assertThat(g.call("path_filestat_get", 3, PathFunctions.LOOKUP_SYMLINK_FOLLOW, s, 1, st))
          .isZero();
      assertThat(g.memory.u8(st + 16)).isEqualTo(FileType.REGULAR_FILE);
      assertThat(g.i64(st + 32)).isEqualTo(5);
      int dot = g.str(".");
      assertThat(g.call("path_filestat_get", 3, 0, dot, 1, st)).isZero();
      assertThat(g.memory.u8(st + 16)).isEqualTo(FileType.DIRECTORY);
      int fs = g.str("f/");
      assertThat(g.call("path_filestat_get", 3, 0, fs, 2, st)).isEqualTo(Errno.NOTDIR.code());
      int f = g.str("f");
      long t = 1_234_567_890_000_000_000L;
      assertThat(g.call("path_filestat_set_times", 3, 0, f, 1, t, 0L, Times.ATIM | Times.MTIM_NOW))
          .isZero();
      assertThat(Files.getLastModifiedTime(dir.resolve("f")).toInstant())
          .isEqualTo(start.plusSeconds(1));
      assertThat(Files.getAttribute(dir.resolve("f"), "lastAccessTime"))
          .isEqualTo(FileTime.from(Instant.ofEpochSecond(1_234_567_890)));
      // Following the link sets the target's times.
      assertThat(
              g.call(
                  "path_filestat_set_times",
                  3,
                  PathFunctions.LOOKUP_SYMLINK_FOLLOW,
                  s,
                  1,
                  0L,
                  t,
                  Times.MTIM))
          .isZero();
      assertThat(Files.getLastModifiedTime(dir.resolve("f")).toInstant())
          .isEqualTo(Instant.ofEpochSecond(1_234_567_890));
      int missing = g.str("nope");
      assertThat(g.call("path_filestat_set_times", 3, 0, missing, 4, t, t, Times.MTIM))
          .isEqualTo(Errno.NOENT.code());
      assertThat(g.call("path_filestat_get", 3, 0, missing, 4, st)).isEqualTo(Errno.NOENT.code());
      int up = g.str("../f");
      assertThat(g.call("path_filestat_get", 3, 0, up, 4, st)).isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(g.call("path_filestat_get", 3, 0, f, 1, TestGuest.MEMORY_SIZE - 8))
          .isEqualTo(Errno.FAULT.code());
      assertThat(g.call("path_filestat_get", 9, 0, f, 1, st)).isEqualTo(Errno.BADF.code());
    }
  }

  /** Reads the whole directory with a buffer of {@code size} bytes, as wasi-libc's readdir. */
  private static List<String> readdir(TestGuest g, int fd, int size) {
    List<String> names = new ArrayList<>();
    long cookie = 0;
    int buf = g.alloc(size);
    int used = g.alloc(4);
    while (true) {
      assertThat(g.call("fd_readdir", fd, buf, size, cookie, used)).isZero();
      int n = g.i32(used);
      int at = 0;
      while (at + 24 <= n) {
        long next = g.i64(buf + at);
        int len = g.i32(buf + at + 16);
        if (at + 24 + len > n) {
          break; // cut short: ask again from this entry
        }
        names.add(g.string(buf + at + 24, len) + ":" + g.memory.u8(buf + at + 20));
        cookie = next;
        at += 24 + len;
      }
      if (n < size) {
        return names;
      }
      if (at == 0) {
        throw new AssertionError("buffer too small for one entry");
      }
    }
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void readdirPagesWithCookies(boolean pathDirs) throws IOException {
    for (int i = 0; i < 20; i++) {
      Files.writeString(dir.resolve("file-" + (char) ('a' + i)), "");
    }
    Files.createDirectory(dir.resolve("zdir"));
    Files.createSymbolicLink(dir.resolve("zlink"), Path.of("zdir"));
    try (TestGuest g = guest(pathDirs)) {
      List<String> big = readdir(g, 3, 4096);
      assertThat(big).hasSize(24);
      assertThat(big.subList(0, 2)).containsExactly(".:3", "..:3");
      assertThat(big).contains("file-a:4", "zdir:3", "zlink:7");
      // Tiny buffers force cut-short entries and many calls; the result is the same.
      assertThat(readdir(g, 3, 40)).isEqualTo(big);
      assertThat(readdir(g, 3, 31)).isEqualTo(big);
      int buf = g.alloc(100);
      int used = g.alloc(4);
      assertThat(g.call("fd_readdir", 3, buf, 100, 1000L, used)).isZero();
      assertThat(g.i32(used)).isZero();
      assertThat(g.call("fd_readdir", 1, buf, 100, 0L, used)).isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(g.call("fd_readdir", 3, TestGuest.MEMORY_SIZE - 10, 100, 0L, used))
          .isEqualTo(Errno.FAULT.code());
    }
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void unicodeNames(boolean pathDirs) throws IOException {
    try (TestGuest g = guest(pathDirs)) {
      int fd = g.open(3, "café-☕.txt", PathFunctions.O_CREAT, FILE, 0);
      assertThat(g.write(fd, "ok")).isEqualTo(2);
      assertThat(Files.readString(dir.resolve("café-☕.txt"), StandardCharsets.UTF_8))
          .isEqualTo("ok");
    }
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void fileStaysTheSameAfterItsDirectoryIsRenamed(boolean pathDirs) throws IOException {
    Files.createDirectory(dir.resolve("d"));
    Files.writeString(dir.resolve("d/f"), "x");
    try (TestGuest g = guest(pathDirs)) {
      int fd = g.open(3, "d/f", 0, FILE, 0);
      Files.move(dir.resolve("d"), dir.resolve("e"));
      assertThat(g.write(fd, "y")).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("e/f"))).isEqualTo("y");
      int st = g.alloc(64);
      assertThat(g.call("fd_filestat_get", fd, st)).isZero();
      assertThat(g.i64(st + 32)).isEqualTo(1);
    }
    assertThat(Files.exists(dir.resolve("d"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }
}
