package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasi.WasiConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile calls straight at the host functions, through both directory implementations: each must
 * fail with the right errno, and nothing outside the preopens may change.
 *
 * <p>Layout: {@code root/outside/canary.txt} (the prize), {@code root/sandbox} (fd 3, read-write)
 * with host-made links pointing out, {@code root/ro} (fd 4, read-only).
 */
class SandboxTest {
  @TempDir Path root;

  private Path sandbox;
  private Path ro;
  private Canary canary;
  private TestGuest g;

  private static final long ALL = Rights.DIRECTORY_INHERITING & ~Rights.FD_WRITE;

  private TestGuest setUp(boolean pathDirs) throws IOException {
    Path outside = Files.createDirectory(root.resolve("outside"));
    Files.writeString(outside.resolve("canary.txt"), "secret");
    Files.createDirectory(outside.resolve("dir"));
    sandbox = Files.createDirectory(root.resolve("sandbox"));
    Files.createDirectory(sandbox.resolve("sub"));
    Files.writeString(sandbox.resolve("sub/inner.txt"), "inner");
    Files.createSymbolicLink(sandbox.resolve("to-outside"), Path.of("../outside"));
    Files.createSymbolicLink(sandbox.resolve("abs"), outside);
    Files.createSymbolicLink(sandbox.resolve("sub/up2"), Path.of("../../outside/canary.txt"));
    Files.createSymbolicLink(sandbox.resolve("loop-a"), Path.of("loop-b"));
    Files.createSymbolicLink(sandbox.resolve("loop-b"), Path.of("loop-a"));
    Files.createSymbolicLink(sandbox.resolve("self"), Path.of("self"));
    Files.createSymbolicLink(sandbox.resolve("ok-link"), Path.of("sub/inner.txt"));
    Files.createSymbolicLink(sandbox.resolve("sub/back"), Path.of(".."));
    Files.createSymbolicLink(sandbox.resolve("dangle"), Path.of("../outside/new.txt"));
    ro = Files.createDirectory(root.resolve("ro"));
    Files.writeString(ro.resolve("file.txt"), "read only");
    canary = new Canary(root, sandbox, ro);
    g =
        new TestGuest(
            WasiConfig.defaults().withPreopen(sandbox, "/sandbox").withReadOnlyPreopen(ro, "/ro"),
            pathDirs);
    return g;
  }

  @AfterEach
  void nothingOutsideChanged() throws IOException {
    if (g != null) {
      g.close();
      canary.assertUnchanged();
      assertThat(Files.readString(ro.resolve("file.txt"))).isEqualTo("read only");
    }
  }

  private int open(String path, int oflags) {
    return g.open(3, path, oflags, ALL, 0);
  }

  private int openFollow(String path, int oflags) {
    return g.open(3, PathFunctions.LOOKUP_SYMLINK_FOLLOW, path, oflags, ALL, 0);
  }

  private static int err(Errno e) {
    return -e.code();
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void dotDotTraversalIsRefused(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    assertThat(open("../outside/canary.txt", 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(open("sub/../../outside/canary.txt", 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(open("..", PathFunctions.O_DIRECTORY)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(open("sub/../..", 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(open("./sub/./../../sandbox/sub/inner.txt", 0)).isEqualTo(err(Errno.NOTCAPABLE));
    // Going down and back up inside is fine.
    assertThat(open("sub/../sub/inner.txt", 0)).isPositive();
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void absolutePathsAreRefused(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    assertThat(open("/etc/passwd", 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(open(root.resolve("outside/canary.txt").toString(), 0))
        .isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(open(sandbox.resolve("sub/inner.txt").toString(), 0))
        .isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(g.callPath("path_create_directory", 3, "/tmp/escaped"))
        .isEqualTo(Errno.NOTCAPABLE.code());
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void hostLinksPointingOutAreNotFollowed(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    assertThat(open("to-outside/canary.txt", 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(open("abs/canary.txt", 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(openFollow("sub/up2", 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(openFollow("to-outside", PathFunctions.O_DIRECTORY))
        .isEqualTo(err(Errno.NOTCAPABLE));
    // Without symlink_follow the final link is not opened at all (O_NOFOLLOW).
    assertThat(open("sub/up2", 0)).isEqualTo(err(Errno.LOOP));
    // The link itself may be looked at: it lies inside.
    int st = g.alloc(64);
    assertThat(statNoFollow("to-outside", st)).isZero();
    assertThat(g.memory.u8(st + 16)).isEqualTo(FileType.SYMBOLIC_LINK);
    assertThat(statFollow("to-outside", st)).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(statFollow("abs", st)).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(statFollow("sub/back/to-outside", st)).isEqualTo(Errno.NOTCAPABLE.code());
    // Links that stay inside work.
    assertThat(openFollow("ok-link", 0)).isPositive();
    assertThat(open("sub/back/sub/inner.txt", 0)).isPositive();
    assertThat(open("sub/back/../outside/canary.txt", 0)).isEqualTo(err(Errno.NOTCAPABLE));
  }

  private int statNoFollow(String path, int buf) {
    int p = g.str(path);
    return g.call("path_filestat_get", 3, 0, p, path.length(), buf);
  }

  private int statFollow(String path, int buf) {
    int p = g.str(path);
    return g.call(
        "path_filestat_get", 3, PathFunctions.LOOKUP_SYMLINK_FOLLOW, p, path.length(), buf);
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void symlinkLoopsEndInLoop(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    assertThat(openFollow("loop-a", 0)).isEqualTo(err(Errno.LOOP));
    assertThat(open("self/x", 0)).isEqualTo(err(Errno.LOOP));
    assertThat(open("loop-a/", 0)).isEqualTo(err(Errno.LOOP));
    int st = g.alloc(64);
    assertThat(statFollow("loop-b", st)).isEqualTo(Errno.LOOP.code());
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void creatingThroughLinksOutIsRefused(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    assertThat(g.callPath("path_create_directory", 3, "../escape"))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(g.callPath("path_create_directory", 3, "to-outside/newdir"))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(open("to-outside/new.txt", PathFunctions.O_CREAT)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(openFollow("dangle", PathFunctions.O_CREAT)).isEqualTo(err(Errno.NOTCAPABLE));
    // Without follow, O_CREAT on a dangling link does not create its target either.
    assertThat(open("dangle", PathFunctions.O_CREAT)).isEqualTo(err(Errno.LOOP));
    assertThat(open("dangle", PathFunctions.O_CREAT | PathFunctions.O_EXCL))
        .isEqualTo(err(Errno.EXIST));
  }

  private int symlink(String target, String link) {
    int t = g.str(target);
    int l = g.str(link);
    return g.call(
        "path_symlink",
        t,
        target.getBytes(StandardCharsets.UTF_8).length,
        3,
        l,
        link.getBytes(StandardCharsets.UTF_8).length);
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void guestCannotCreateLinksPointingOut(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    assertThat(symlink("../outside", "evil")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(symlink("/etc", "evil")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(symlink(root.toString(), "evil")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(symlink("../../outside", "sub/evil")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(symlink("sub/../../outside", "evil")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(symlink("x", "../evil")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(Files.exists(sandbox.resolve("evil"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .isFalse();
    // Links that stay inside are fine, and usable.
    assertThat(symlink("../sub/inner.txt", "sub/good")).isZero();
    assertThat(openFollow("sub/good", 0)).isPositive();
    assertThat(symlink("sub", "good-dir")).isZero();
    assertThat(open("good-dir/inner.txt", 0)).isPositive();
    assertThat(symlink("sub", "good-dir")).isEqualTo(Errno.EXIST.code());
  }

  private int rename(int fromFd, String from, int toFd, String to) {
    int f = g.str(from);
    int t = g.str(to);
    return g.call("path_rename", fromFd, f, from.length(), toFd, t, to.length());
  }

  private int link(int flags, String from, String to) {
    int f = g.str(from);
    int t = g.str(to);
    return g.call("path_link", 3, flags, f, from.length(), 3, t, to.length());
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void renamesAndLinksOutOfThePreopenAreRefused(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    assertThat(rename(3, "sub/inner.txt", 3, "../outside/stolen"))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(rename(3, "../outside/canary.txt", 3, "stolen")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(rename(3, "to-outside/canary.txt", 3, "stolen")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(rename(3, "sub/inner.txt", 3, "to-outside/stolen"))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(link(0, "sub/inner.txt", "../outside/hard")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(link(PathFunctions.LOOKUP_SYMLINK_FOLLOW, "to-outside/canary.txt", "hard"))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(link(PathFunctions.LOOKUP_SYMLINK_FOLLOW, "sub/up2", "hard"))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(link(0, "abs/canary.txt", "hard")).isEqualTo(Errno.NOTCAPABLE.code());
    // Renaming the link itself moves the link, not what it points at.
    assertThat(rename(3, "to-outside", 3, "moved-link")).isZero();
    assertThat(Files.readSymbolicLink(sandbox.resolve("moved-link")))
        .isEqualTo(Path.of("../outside"));
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void deletingThroughLinksOutIsRefused(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    assertThat(g.callPath("path_unlink_file", 3, "to-outside/canary.txt"))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(g.callPath("path_unlink_file", 3, "../outside/canary.txt"))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(g.callPath("path_remove_directory", 3, "abs/dir"))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(g.callPath("path_remove_directory", 3, "to-outside")).isEqualTo(Errno.NOTDIR.code());
    // Unlinking a link removes the link only.
    assertThat(g.callPath("path_unlink_file", 3, "abs")).isZero();
    assertThat(Files.exists(sandbox.resolve("abs"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .isFalse();
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void timesOfFilesOutsideCannotBeSet(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    long t = 1_000_000_000_000_000_000L;
    int flags = Times.ATIM | Times.MTIM;
    int p = g.str("to-outside/canary.txt");
    assertThat(g.call("path_filestat_set_times", 3, 0, p, 21, t, t, flags))
        .isEqualTo(Errno.NOTCAPABLE.code());
    int q = g.str("abs");
    assertThat(
            g.call(
                "path_filestat_set_times",
                3,
                PathFunctions.LOOKUP_SYMLINK_FOLLOW,
                q,
                3,
                t,
                t,
                flags))
        .isEqualTo(Errno.NOTCAPABLE.code());
    // Without follow only the link itself could change (or the host refuses): never its target.
    int r = g.call("path_filestat_set_times", 3, 0, q, 3, t, t, flags);
    assertThat(Errno.ofCode(r)).isIn(Errno.SUCCESS, Errno.LOOP);
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void readOnlyPreopenRefusesEveryChange(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    long read = Rights.FD_READ | Rights.FD_SEEK | Rights.FD_FILESTAT_GET;
    assertThat(g.open(4, "file.txt", 0, read | Rights.FD_WRITE, 0))
        .isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(g.open(4, "new.txt", PathFunctions.O_CREAT, read, 0))
        .isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(g.open(4, "file.txt", PathFunctions.O_TRUNC, read, 0))
        .isEqualTo(err(Errno.NOTCAPABLE));
    int fd = g.open(4, "file.txt", 0, read, 0);
    assertThat(fd).isPositive();
    assertThat(g.read(fd, 100)).isEqualTo("read only");
    assertThat(g.write(fd, "pwned")).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(g.call("fd_filestat_set_size", fd, 0L)).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(g.call("fd_allocate", fd, 0L, 100L)).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(g.call("fd_filestat_set_times", fd, 0L, 0L, Times.MTIM_NOW))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(g.call("fd_fdstat_set_rights", fd, read | Rights.FD_WRITE, 0L))
        .isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(g.callPath("path_create_directory", 4, "d")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(g.callPath("path_unlink_file", 4, "file.txt")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(rename(4, "file.txt", 3, "taken")).isEqualTo(Errno.NOTCAPABLE.code());
    assertThat(rename(3, "sub/inner.txt", 4, "dropped")).isEqualTo(Errno.NOTCAPABLE.code());
    int t = g.str("x");
    int l = g.str("l");
    assertThat(g.call("path_symlink", t, 1, 4, l, 1)).isEqualTo(Errno.NOTCAPABLE.code());
    int p = g.str("file.txt");
    assertThat(g.call("path_filestat_set_times", 4, 0, p, 8, 0L, 0L, Times.MTIM_NOW))
        .isEqualTo(Errno.NOTCAPABLE.code());
    // A directory opened below a read-only preopen is read-only too.
    Files.createDirectory(ro.resolve("d"));
    // Asking for everything gets what a read-only directory can give, nothing more.
    int d = g.open(4, "d", PathFunctions.O_DIRECTORY, ALL, 0);
    assertThat(d).isPositive();
    int st = g.alloc(24);
    assertThat(g.call("fd_fdstat_get", d, st)).isZero();
    assertThat(g.i64(st + 8) & Rights.MUTATING).isZero();
    assertThat(g.i64(st + 16) & Rights.MUTATING).isZero();
    assertThat(g.open(d, "n", PathFunctions.O_CREAT, 0, 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(g.callPath("path_create_directory", d, "x")).isEqualTo(Errno.NOTCAPABLE.code());
    // Rust's std asks for nearly every right when it opens a file to read: it gets to read.
    int f = g.open(4, "file.txt", 0, Rights.FILE_BASE & ~Rights.FD_WRITE, 0);
    assertThat(g.read(f, 100)).isEqualTo("read only");
    assertThat(g.call("fd_fdstat_get", f, st)).isZero();
    assertThat(g.i64(st + 8) & Rights.MUTATING).isZero();
    assertThat(Files.list(ro.resolve("d"))).isEmpty();
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void forgedAndMisusedDescriptors(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    assertThat(g.open(99, "sub/inner.txt", 0, ALL, 0)).isEqualTo(err(Errno.BADF));
    assertThat(g.open(-1, "sub/inner.txt", 0, ALL, 0)).isEqualTo(err(Errno.BADF));
    assertThat(g.open(1, "sub/inner.txt", 0, ALL, 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(g.read(3, 10)).isNull();
    int fd = g.open(3, "sub/inner.txt", 0, Rights.FD_READ, 0);
    assertThat(g.open(fd, "x", 0, 0, 0)).isEqualTo(err(Errno.NOTCAPABLE));
    // A subdirectory descriptor is a capability for that subdirectory only.
    int sub = g.open(3, "sub", PathFunctions.O_DIRECTORY, ALL, 0);
    assertThat(g.open(sub, "../to-outside/canary.txt", 0, ALL, 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(g.open(sub, "..", PathFunctions.O_DIRECTORY, ALL, 0))
        .isEqualTo(err(Errno.NOTCAPABLE));
    // Dropped rights stay dropped for what is opened later.
    assertThat(g.call("fd_fdstat_set_rights", sub, Rights.PATH_OPEN, Rights.FD_READ)).isZero();
    assertThat(g.open(sub, "inner.txt", 0, Rights.FD_WRITE, 0)).isEqualTo(err(Errno.NOTCAPABLE));
    assertThat(g.open(sub, "inner.txt", 0, Rights.FD_READ, 0)).isPositive();
    assertThat(g.callPath("path_unlink_file", sub, "inner.txt")).isEqualTo(Errno.NOTCAPABLE.code());
    // Closing a preopen takes the capability away.
    assertThat(g.call("fd_close", 3)).isZero();
    assertThat(g.open(3, "sub/inner.txt", 0, ALL, 0)).isIn(err(Errno.BADF), err(Errno.NOTCAPABLE));
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void badPathArguments(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    int out = g.alloc(4);
    assertThat(g.call("path_open", 3, 0, TestGuest.MEMORY_SIZE - 2, 5, 0, ALL, ALL, 0, out))
        .isEqualTo(Errno.FAULT.code());
    assertThat(g.call("path_open", 3, 0, 0, -1, 0, ALL, ALL, 0, out)).isEqualTo(Errno.FAULT.code());
    assertThat(g.call("path_open", 3, 0, 0, 5000, 0, ALL, ALL, 0, out))
        .isEqualTo(Errno.NAMETOOLONG.code());
    int bad = g.bytes(new byte[] {'a', (byte) 0xff, 'b'});
    assertThat(g.call("path_open", 3, 0, bad, 3, 0, ALL, ALL, 0, out))
        .isEqualTo(Errno.ILSEQ.code());
    int nul = g.bytes(new byte[] {'s', 'u', 'b', 0, 'x'});
    assertThat(g.call("path_open", 3, 0, nul, 5, 0, ALL, ALL, 0, out))
        .isEqualTo(Errno.INVAL.code());
    assertThat(open("", 0)).isEqualTo(err(Errno.NOENT));
    int p = g.str("sub/inner.txt");
    assertThat(g.call("path_open", 3, 0, p, 13, 0, ALL, ALL, 0, TestGuest.MEMORY_SIZE))
        .isEqualTo(Errno.FAULT.code());
    // The failed open left no descriptor behind.
    assertThat(g.ctx.fds().snapshot()).hasSize(5);
  }

  @ParameterizedTest(name = "pathDirs={0}")
  @ValueSource(booleans = {false, true})
  void wordCounterCannotReadAFileOutsideItsGrant(boolean pathDirs) throws IOException {
    setUp(pathDirs);
    // What wasi-libc does for fopen("/sandbox/../outside/canary.txt"): strip the preopen prefix.
    assertThat(open("../outside/canary.txt", 0)).isEqualTo(err(Errno.NOTCAPABLE));
    int fd = open("sub/inner.txt", 0);
    assertThat(g.read(fd, 100)).isEqualTo("inner");
  }
}
