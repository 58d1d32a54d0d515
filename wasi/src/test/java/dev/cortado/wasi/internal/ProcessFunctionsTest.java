package dev.cortado.wasi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.runtime.ExitException;
import dev.cortado.wasi.WasiClock;
import dev.cortado.wasi.WasiConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProcessFunctionsTest {
  private static final Instant START = Instant.parse("2024-01-02T03:04:05Z");

  private static TestGuest guest(WasiConfig c) throws IOException {
    return new TestGuest(c);
  }

  @Test
  void argsAreLaidOutAsCArgv() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults().withArgs("prog", "héllo", ""))) {
      int argc = g.alloc(4);
      int size = g.alloc(4);
      assertThat(g.call("args_sizes_get", argc, size)).isZero();
      assertThat(g.i32(argc)).isEqualTo(3);
      assertThat(g.i32(size)).isEqualTo(5 + 7 + 1);
      int argv = g.alloc(12);
      int buf = g.alloc(13);
      assertThat(g.call("args_get", argv, buf)).isZero();
      assertThat(g.i32(argv)).isEqualTo(buf);
      assertThat(g.i32(argv + 4)).isEqualTo(buf + 5);
      assertThat(g.i32(argv + 8)).isEqualTo(buf + 12);
      assertThat(g.string(buf, 13)).isEqualTo("prog\0héllo\0\0");
    }
  }

  @Test
  void environmentIsOnlyWhatWasGiven() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults().withEnv("A", "1").withEnv("B", "x=y"))) {
      int count = g.alloc(4);
      int size = g.alloc(4);
      assertThat(g.call("environ_sizes_get", count, size)).isZero();
      assertThat(g.i32(count)).isEqualTo(2);
      assertThat(g.i32(size)).isEqualTo(4 + 6);
      int env = g.alloc(8);
      int buf = g.alloc(10);
      assertThat(g.call("environ_get", env, buf)).isZero();
      assertThat(g.string(buf, 10)).isEqualTo("A=1\0B=x=y\0");
    }
    try (TestGuest g = guest(WasiConfig.defaults())) {
      int count = g.alloc(4);
      int size = g.alloc(4);
      assertThat(g.call("environ_sizes_get", count, size)).isZero();
      assertThat(g.i32(count)).isZero();
      assertThat(g.i32(size)).isZero();
    }
  }

  @Test
  void argsOutOfBoundsFault() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults().withArgs("a", "b"))) {
      int buf = g.alloc(8);
      assertThat(g.call("args_get", TestGuest.MEMORY_SIZE - 4, buf)).isEqualTo(Errno.FAULT.code());
      assertThat(g.call("args_get", buf, TestGuest.MEMORY_SIZE - 3)).isEqualTo(Errno.FAULT.code());
      assertThat(g.call("args_sizes_get", -1, buf)).isEqualTo(Errno.FAULT.code());
    }
  }

  @Test
  void environmentOutOfBoundsFault() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults().withEnv("A", "1").withEnv("B", "22"))) {
      int buf = g.alloc(16);
      assertThat(g.call("environ_get", TestGuest.MEMORY_SIZE - 4, buf))
          .isEqualTo(Errno.FAULT.code());
      // "A=1\0B=22\0" is 9 bytes: 8 left before the end is one too few.
      assertThat(g.call("environ_get", buf, TestGuest.MEMORY_SIZE - 8))
          .isEqualTo(Errno.FAULT.code());
      assertThat(g.call("environ_get", buf, TestGuest.MEMORY_SIZE - 9)).isZero();
      assertThat(g.call("environ_sizes_get", buf, -1)).isEqualTo(Errno.FAULT.code());
      assertThat(g.call("environ_sizes_get", TestGuest.MEMORY_SIZE, buf))
          .isEqualTo(Errno.FAULT.code());
    }
  }

  @Test
  void deterministicClockAndResolution() throws IOException {
    WasiConfig c =
        WasiConfig.defaults().withClock(WasiClock.deterministic(START, Duration.ofMillis(1)));
    try (TestGuest g = guest(c)) {
      int t = g.alloc(8);
      assertThat(g.call("clock_time_get", 0, 0L, t)).isZero();
      assertThat(g.i64(t)).isEqualTo(START.getEpochSecond() * 1_000_000_000L + 1_000_000L);
      assertThat(g.call("clock_time_get", 1, 0L, t)).isZero();
      assertThat(g.i64(t)).isEqualTo(2_000_000L);
      assertThat(g.call("clock_time_get", 2, 0L, t)).isZero();
      assertThat(g.call("clock_time_get", 3, 0L, t)).isZero();
      assertThat(g.call("clock_res_get", 1, t)).isZero();
      assertThat(g.i64(t)).isEqualTo(1_000_000L);
      assertThat(g.call("clock_time_get", 4, 0L, t)).isEqualTo(Errno.INVAL.code());
      assertThat(g.call("clock_res_get", -1, t)).isEqualTo(Errno.INVAL.code());
      assertThat(g.call("clock_time_get", 0, 0L, -8)).isEqualTo(Errno.FAULT.code());
    }
  }

  @Test
  void systemClocksMoveForward() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults())) {
      int t = g.alloc(8);
      for (int id = 0; id < 4; id++) {
        assertThat(g.call("clock_time_get", id, 1L, t)).isZero();
        long first = g.i64(t);
        busyWork();
        assertThat(g.call("clock_time_get", id, 1L, t)).isZero();
        assertThat(g.i64(t)).as("clock %d", id).isGreaterThanOrEqualTo(first);
        assertThat(g.call("clock_res_get", id, t)).isZero();
        assertThat(g.i64(t)).isPositive();
      }
      assertThat(g.call("clock_time_get", 0, 1L, t)).isZero();
      long realtime = g.i64(t);
      assertThat(Math.abs(realtime / 1_000_000L - System.currentTimeMillis())).isLessThan(5_000);
    }
  }

  private static long busyWork() {
    long x = 0;
    for (int i = 0; i < 1_000_000; i++) {
      x += i * 31L ^ x;
    }
    return x;
  }

  @Test
  void randomIsFromTheInjectedSource() throws IOException {
    byte[] expected = new byte[100];
    new SplittableRandom(7).nextBytes(expected);
    try (TestGuest g = guest(WasiConfig.defaults().withRandom(new SplittableRandom(7)))) {
      int buf = g.alloc(100);
      assertThat(g.call("random_get", buf, 100)).isZero();
      assertThat(g.memory.bytes(buf, 100)).isEqualTo(expected);
      assertThat(g.call("random_get", buf, 0)).isZero();
      assertThat(g.call("random_get", TestGuest.MEMORY_SIZE - 10, 11))
          .isEqualTo(Errno.FAULT.code());
      assertThat(g.call("random_get", 0, -1)).isEqualTo(Errno.FAULT.code());
    }
  }

  @Test
  void randomFillsLargeBuffersInChunks() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults())) {
      int size = 300_000;
      int buf = g.alloc(size);
      assertThat(g.call("random_get", buf, size)).isZero();
      int zeros = 0;
      for (byte b : g.memory.bytes(buf, size)) {
        zeros += b == 0 ? 1 : 0;
      }
      assertThat(zeros).isLessThan(size / 100);
    }
  }

  @Test
  void procExitUnwindsWithTheCode() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults())) {
      assertThatThrownBy(() -> g.call("proc_exit", 42))
          .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.exitCode()).isEqualTo(42));
      assertThat(g.ctx.function("proc_exit").type().results()).isEmpty();
    }
  }

  @Test
  void procRaiseAppliesDefaultActionsToTheGuestOnly() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults())) {
      assertThat(g.call("proc_raise", 0)).isZero();
      assertThat(g.call("proc_raise", 16)).isZero(); // chld: ignored
      assertThat(g.call("proc_raise", 19)).isEqualTo(Errno.NOTSUP.code()); // tstp
      assertThat(g.call("proc_raise", 31)).isEqualTo(Errno.INVAL.code());
      assertThatThrownBy(() -> g.call("proc_raise", 15)) // term
          .isInstanceOfSatisfying(
              ExitException.class, e -> assertThat(e.exitCode()).isEqualTo(128 + 15));
    }
  }

  @Test
  void schedYieldSucceeds() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults())) {
      assertThat(g.call("sched_yield")).isZero();
    }
  }

  @Test
  void allFortySixFunctionsWithWitxSignatures() throws IOException {
    try (TestGuest g = guest(WasiConfig.defaults())) {
      assertThat(g.ctx.functions()).hasSize(46);
      assertThat(g.ctx.functions().stream().map(WasiFunction::name).distinct()).hasSize(46);
      assertThat(g.ctx.function("fd_write").type().toString())
          .isEqualTo("[i32 i32 i32 i32] -> [i32]");
      assertThat(g.ctx.function("path_open").type().toString())
          .isEqualTo("[i32 i32 i32 i32 i32 i64 i64 i32 i32] -> [i32]");
      assertThat(g.ctx.function("clock_time_get").type().toString())
          .isEqualTo("[i32 i64 i32] -> [i32]");
      assertThat(g.ctx.function("fd_seek").type().toString())
          .isEqualTo("[i32 i64 i32 i32] -> [i32]");
      assertThat(g.ctx.function("path_filestat_set_times").type().toString())
          .isEqualTo("[i32 i32 i32 i32 i64 i64 i32] -> [i32]");
      assertThat(g.ctx.function("proc_exit").type().toString()).isEqualTo("[i32] -> []");
      assertThat(g.ctx.function("sched_yield").type().toString()).isEqualTo("[] -> [i32]");
    }
  }
}
