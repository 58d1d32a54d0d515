package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasi.WasiConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FdFunctionsTest {
  @TempDir Path dir;

  private static final long FILE_RIGHTS = Rights.FILE_BASE;

  @Test
  void writeGathersIovecsToStdoutAndStderr() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withStdout(out).withStderr(err))) {
      int a = g.str("hello, ");
      int b = g.str("world\n");
      int iov = g.iovecs(a, 7, 0, 0, b, 6);
      int n = g.alloc(4);
      assertThat(g.call("fd_write", 1, iov, 3, n)).isZero();
      assertThat(g.i32(n)).isEqualTo(13);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello, world\n");
      assertThat(g.write(2, "oops")).isEqualTo(4);
      assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops");
    }
  }

  @Test
  void readScattersStdinAndReportsEnd() throws IOException {
    byte[] input = "abcdefgh".getBytes(StandardCharsets.UTF_8);
    try (TestGuest g =
        new TestGuest(WasiConfig.defaults().withStdin(new ByteArrayInputStream(input)))) {
      int a = g.alloc(3);
      int b = g.alloc(10);
      int iov = g.iovecs(a, 3, b, 10);
      int n = g.alloc(4);
      assertThat(g.call("fd_read", 0, iov, 2, n)).isZero();
      assertThat(g.i32(n)).isEqualTo(8);
      assertThat(g.string(a, 3) + g.string(b, 5)).isEqualTo("abcdefgh");
      assertThat(g.call("fd_read", 0, iov, 2, n)).isZero();
      assertThat(g.i32(n)).isZero();
    }
  }

  @Test
  void badDescriptorsAndMissingRights() throws IOException {
    try (TestGuest g = new TestGuest(WasiConfig.defaults())) {
      assertThat(g.write(7, "x")).isEqualTo(-Errno.BADF.code());
      assertThat(g.write(-1, "x")).isEqualTo(-Errno.BADF.code());
      assertThat(g.write(0, "x")).isEqualTo(-Errno.NOTCAPABLE.code());
      assertThat(g.read(1, 4)).isNull();
      int n = g.alloc(8);
      assertThat(g.call("fd_seek", 1, 0L, 0, n)).isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(g.call("fd_close", 99)).isEqualTo(Errno.BADF.code());
    }
  }

  @Test
  void badIovecsFaultBeforeAnyIo() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withStdout(out))) {
      int ok = g.str("visible");
      int n = g.alloc(4);
      // Second buffer runs past the end of memory: nothing at all is written.
      int iov = g.iovecs(ok, 7, TestGuest.MEMORY_SIZE - 2, 3);
      assertThat(g.call("fd_write", 1, iov, 2, n)).isEqualTo(Errno.FAULT.code());
      // A huge length, an iovec array past the end, a huge count, a bad result pointer.
      assertThat(g.call("fd_write", 1, g.iovecs(ok, -1), 1, n)).isEqualTo(Errno.FAULT.code());
      assertThat(g.call("fd_write", 1, TestGuest.MEMORY_SIZE - 4, 1, n))
          .isEqualTo(Errno.FAULT.code());
      assertThat(g.call("fd_write", 1, g.iovecs(ok, 7), 0x7fffffff, n))
          .isEqualTo(Errno.FAULT.code());
      assertThat(g.call("fd_write", 1, g.iovecs(ok, 7), 1, -2)).isEqualTo(Errno.FAULT.code());
      assertThat(out.size()).isZero();
    }
  }

  @Test
  void fileReadWriteSeekTellPreadPwrite() throws IOException {
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(dir, "/sandbox"))) {
      int fd = g.open(3, "f.txt", PathFunctions.O_CREAT, FILE_RIGHTS, 0);
      assertThat(fd).isEqualTo(4);
      assertThat(g.write(fd, "0123456789")).isEqualTo(10);
      int off = g.alloc(8);
      assertThat(g.call("fd_tell", fd, off)).isZero();
      assertThat(g.i64(off)).isEqualTo(10);
      assertThat(g.call("fd_seek", fd, -4L, 2, off)).isZero();
      assertThat(g.i64(off)).isEqualTo(6);
      assertThat(g.read(fd, 100)).isEqualTo("6789");
      assertThat(g.call("fd_seek", fd, -100L, 1, off)).isEqualTo(Errno.INVAL.code());
      assertThat(g.call("fd_seek", fd, 0L, 3, off)).isEqualTo(Errno.INVAL.code());
      // pread/pwrite leave the position alone.
      assertThat(g.call("fd_seek", fd, 2L, 0, off)).isZero();
      int buf = g.alloc(3);
      int n = g.alloc(4);
      assertThat(g.call("fd_pread", fd, g.iovecs(buf, 3), 1, 5L, n)).isZero();
      assertThat(g.string(buf, g.i32(n))).isEqualTo("567");
      int data = g.str("AB");
      assertThat(g.call("fd_pwrite", fd, g.iovecs(data, 2), 1, 12L, n)).isZero();
      assertThat(g.call("fd_tell", fd, off)).isZero();
      assertThat(g.i64(off)).isEqualTo(2);
      assertThat(Files.readAllBytes(dir.resolve("f.txt")))
          .isEqualTo("0123456789\0\0AB".getBytes(StandardCharsets.UTF_8));
      assertThat(g.call("fd_close", fd)).isZero();
      assertThat(g.call("fd_close", fd)).isEqualTo(Errno.BADF.code());
    }
  }

  @Test
  void readPositionSyncAndStatNeedTheirRights() throws IOException {
    Files.writeString(dir.resolve("f"), "data");
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(dir, "."))) {
      int buf = g.alloc(64);
      int n = g.alloc(8);
      int iov = g.iovecs(buf, 8);
      // Opened with fd_read alone: every other right is missing.
      int ro = g.open(3, "f", 0, Rights.FD_READ, 0);
      assertThat(ro).isPositive();
      assertThat(g.call("fd_read", ro, iov, 1, n)).isZero();
      assertThat(g.string(buf, g.i32(n))).isEqualTo("data");
      assertThat(g.call("fd_pread", ro, iov, 1, 0L, n)).isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(g.call("fd_pwrite", ro, iov, 1, 0L, n)).isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(g.call("fd_tell", ro, n)).isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(g.call("fd_sync", ro)).isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(g.call("fd_datasync", ro)).isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(g.call("fd_filestat_get", ro, buf)).isEqualTo(Errno.NOTCAPABLE.code());
      // Unknown descriptors.
      assertThat(g.call("fd_read", 99, iov, 1, n)).isEqualTo(Errno.BADF.code());
      assertThat(g.call("fd_pread", 99, iov, 1, 0L, n)).isEqualTo(Errno.BADF.code());
      assertThat(g.call("fd_pwrite", 99, iov, 1, 0L, n)).isEqualTo(Errno.BADF.code());
      assertThat(g.call("fd_tell", 99, n)).isEqualTo(Errno.BADF.code());
      assertThat(g.call("fd_sync", 99)).isEqualTo(Errno.BADF.code());
      assertThat(g.call("fd_datasync", 99)).isEqualTo(Errno.BADF.code());
      assertThat(g.call("fd_filestat_get", 99, buf)).isEqualTo(Errno.BADF.code());
      assertThat(g.call("fd_prestat_dir_name", 99, buf, 8)).isEqualTo(Errno.BADF.code());
      // stdout cannot be read; reads into memory that is not there fault before any I/O.
      assertThat(g.call("fd_read", 1, iov, 1, n)).isEqualTo(Errno.NOTCAPABLE.code());
      int rw = g.open(3, "f", 0, FILE_RIGHTS, 0);
      assertThat(g.call("fd_read", rw, g.iovecs(TestGuest.MEMORY_SIZE - 2, 8), 1, n))
          .isEqualTo(Errno.FAULT.code());
      assertThat(g.call("fd_pread", rw, g.iovecs(TestGuest.MEMORY_SIZE - 2, 8), 1, 0L, n))
          .isEqualTo(Errno.FAULT.code());
      assertThat(g.call("fd_tell", rw, -4)).isEqualTo(Errno.FAULT.code());
      assertThat(g.call("fd_filestat_get", rw, TestGuest.MEMORY_SIZE - 8))
          .isEqualTo(Errno.FAULT.code());
      // Nothing was read or moved by the failed calls.
      assertThat(g.call("fd_tell", rw, n)).isZero();
      assertThat(g.i64(n)).isZero();
    }
  }

  @Test
  void appendWritesAtTheEnd() throws IOException {
    Files.writeString(dir.resolve("log"), "one\n");
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(dir, "."))) {
      int fd = g.open(3, "log", 0, FILE_RIGHTS, Descriptor.APPEND);
      int off = g.alloc(8);
      assertThat(g.call("fd_seek", fd, 0L, 0, off)).isZero();
      assertThat(g.write(fd, "two\n")).isEqualTo(4);
      assertThat(Files.readString(dir.resolve("log"))).isEqualTo("one\ntwo\n");
      int stat = g.alloc(24);
      assertThat(g.call("fd_fdstat_get", fd, stat)).isZero();
      assertThat(g.memory.u16(stat + 2)).isEqualTo(Descriptor.APPEND);
      assertThat(g.call("fd_fdstat_set_flags", fd, 0)).isZero();
      assertThat(g.call("fd_seek", fd, 0L, 0, off)).isZero();
      assertThat(g.write(fd, "ONE")).isEqualTo(3);
      assertThat(Files.readString(dir.resolve("log"))).isEqualTo("ONE\ntwo\n");
      assertThat(g.call("fd_fdstat_set_flags", fd, Descriptor.SYNC)).isEqualTo(Errno.NOTSUP.code());
    }
  }

  @Test
  void allocateAdviseSync() throws IOException {
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(dir, "."))) {
      int fd = g.open(3, "big", PathFunctions.O_CREAT, FILE_RIGHTS, 0);
      assertThat(g.call("fd_allocate", fd, 100L, 50L)).isZero();
      assertThat(Files.size(dir.resolve("big"))).isEqualTo(150);
      assertThat(g.call("fd_allocate", fd, 0L, 10L)).isZero();
      assertThat(Files.size(dir.resolve("big"))).isEqualTo(150);
      assertThat(g.call("fd_allocate", fd, 0L, 0L)).isEqualTo(Errno.INVAL.code());
      assertThat(g.call("fd_allocate", fd, Long.MAX_VALUE, 2L)).isEqualTo(Errno.FBIG.code());
      assertThat(g.call("fd_advise", fd, 0L, 10L, 2)).isZero();
      assertThat(g.call("fd_advise", fd, 0L, 10L, 6)).isEqualTo(Errno.INVAL.code());
      assertThat(g.call("fd_datasync", fd)).isZero();
      assertThat(g.call("fd_sync", fd)).isZero();
      assertThat(g.call("fd_sync", 3)).isZero();
      assertThat(g.call("fd_sync", 1)).isZero();
      assertThat(g.call("fd_advise", 3, 0L, 0L, 0)).isEqualTo(Errno.NOTCAPABLE.code());
    }
  }

  @Test
  void renumberMovesAndClosesTheTarget() throws IOException {
    Files.writeString(dir.resolve("a"), "A");
    Files.writeString(dir.resolve("b"), "B");
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(dir, "."))) {
      int a = g.open(3, "a", 0, FILE_RIGHTS, 0);
      int b = g.open(3, "b", 0, FILE_RIGHTS, 0);
      assertThat(g.call("fd_renumber", a, b)).isZero();
      assertThat(g.read(b, 10)).isEqualTo("A");
      assertThat(g.read(a, 10)).isNull();
      assertThat(g.call("fd_renumber", b, 77)).isEqualTo(Errno.BADF.code());
      assertThat(g.call("fd_renumber", 77, b)).isEqualTo(Errno.BADF.code());
      // Lowest free number is reused.
      assertThat(g.open(3, "a", 0, FILE_RIGHTS, 0)).isEqualTo(a);
    }
  }

  @Test
  void fdstatReportsTypesAndRights() throws IOException {
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(dir, "."))) {
      int st = g.alloc(24);
      assertThat(g.call("fd_fdstat_get", 1, st)).isZero();
      assertThat(g.memory.u8(st)).isEqualTo(FileType.UNKNOWN);
      assertThat(g.i64(st + 8)).isEqualTo(Rights.STDOUT);
      assertThat(g.call("fd_fdstat_get", 3, st)).isZero();
      assertThat(g.memory.u8(st)).isEqualTo(FileType.DIRECTORY);
      assertThat(g.i64(st + 8)).isEqualTo(Rights.DIRECTORY_BASE);
      assertThat(g.i64(st + 16)).isEqualTo(Rights.DIRECTORY_INHERITING);
      // Rights only shrink.
      assertThat(g.call("fd_fdstat_set_rights", 1, Rights.FD_WRITE, 0L)).isZero();
      assertThat(g.call("fd_fdstat_set_rights", 1, Rights.STDOUT, 0L))
          .isEqualTo(Errno.NOTCAPABLE.code());
      assertThat(g.call("fd_fdstat_get", 1, st)).isZero();
      assertThat(g.i64(st + 8)).isEqualTo(Rights.FD_WRITE);
      assertThat(g.call("fd_fdstat_get", 1, -3)).isEqualTo(Errno.FAULT.code());
    }
  }

  @Test
  void stdioIsACharacterDeviceOnlyWhenATerminal() throws IOException {
    // isatty in wasi-libc: a character device without seek/tell rights. Streams are not terminals
    // unless the config says so (wasmtime reports a redirected stdio as filetype unknown too).
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withTerminals(true, false, true))) {
      int st = g.alloc(24);
      int[] expected = {FileType.CHARACTER_DEVICE, FileType.UNKNOWN, FileType.CHARACTER_DEVICE};
      for (int fd = 0; fd < 3; fd++) {
        assertThat(g.call("fd_fdstat_get", fd, st)).isZero();
        assertThat(g.memory.u8(st)).as("fd %d", fd).isEqualTo(expected[fd]);
        assertThat(g.i64(st + 8) & (Rights.FD_SEEK | Rights.FD_TELL)).isZero();
      }
    }
    assertThat(WasiConfig.defaults().isTerminal(0)).isFalse();
    assertThat(WasiConfig.defaults().withTerminals(false, true, false).withArgs("x").isTerminal(1))
        .isTrue();
  }

  @Test
  void prestatNamesPreopensOnly() throws IOException {
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(dir, "/data"))) {
      int p = g.alloc(8);
      assertThat(g.call("fd_prestat_get", 3, p)).isZero();
      assertThat(g.memory.u8(p)).isZero();
      assertThat(g.i32(p + 4)).isEqualTo(5);
      int name = g.alloc(5);
      assertThat(g.call("fd_prestat_dir_name", 3, name, 5)).isZero();
      assertThat(g.string(name, 5)).isEqualTo("/data");
      assertThat(g.call("fd_prestat_dir_name", 3, name, 4)).isEqualTo(Errno.NAMETOOLONG.code());
      assertThat(g.call("fd_prestat_get", 4, p)).isEqualTo(Errno.BADF.code());
      assertThat(g.call("fd_prestat_get", 1, p)).isEqualTo(Errno.BADF.code());
      int sub = g.open(3, ".", PathFunctions.O_DIRECTORY, Rights.DIRECTORY_BASE, 0);
      assertThat(g.call("fd_prestat_get", sub, p)).isEqualTo(Errno.BADF.code());
    }
  }

  @Test
  void filestatAndSizeAndTimesThroughTheDescriptor() throws IOException {
    Files.writeString(dir.resolve("f"), "12345");
    try (TestGuest g = new TestGuest(WasiConfig.defaults().withPreopen(dir, "."))) {
      int fd = g.open(3, "f", 0, FILE_RIGHTS, 0);
      int st = g.alloc(64);
      assertThat(g.call("fd_filestat_get", fd, st)).isZero();
      assertThat(g.memory.u8(st + 16)).isEqualTo(FileType.REGULAR_FILE);
      assertThat(g.i64(st + 32)).isEqualTo(5);
      assertThat(g.i64(st + 24)).isEqualTo(1);
      assertThat(g.i64(st + 8)).isEqualTo(Files.getAttribute(dir.resolve("f"), "unix:ino"));
      assertThat(g.call("fd_filestat_set_size", fd, 2L)).isZero();
      assertThat(Files.readString(dir.resolve("f"))).isEqualTo("12");
      assertThat(g.call("fd_filestat_set_size", fd, 4L)).isZero();
      assertThat(Files.readAllBytes(dir.resolve("f"))).containsExactly('1', '2', 0, 0);
      long t = 1_600_000_000_123_456_789L;
      assertThat(g.call("fd_filestat_set_times", fd, t, t, Times.ATIM | Times.MTIM)).isZero();
      assertThat(g.call("fd_filestat_get", fd, st)).isZero();
      assertThat(g.i64(st + 48) / 1000).isEqualTo(t / 1000);
      assertThat(g.call("fd_filestat_set_times", fd, t, t, Times.ATIM | Times.ATIM_NOW))
          .isEqualTo(Errno.INVAL.code());
      assertThat(g.call("fd_filestat_set_times", fd, t, t, 16)).isEqualTo(Errno.INVAL.code());
      assertThat(g.call("fd_filestat_get", 1, st)).isZero();
      assertThat(g.memory.u8(st + 16)).isEqualTo(FileType.UNKNOWN);
      assertThat(g.call("fd_filestat_get", 3, st)).isZero();
      assertThat(g.memory.u8(st + 16)).isEqualTo(FileType.DIRECTORY);
      // A file deleted while open still answers fd_filestat_get.
      Files.delete(dir.resolve("f"));
      assertThat(g.call("fd_filestat_get", fd, st)).isZero();
      assertThat(g.i64(st + 32)).isEqualTo(4);
      assertThat(g.call("fd_filestat_set_times", fd, t, t, Times.MTIM))
          .isEqualTo(Errno.NOTSUP.code());
    }
  }
}
