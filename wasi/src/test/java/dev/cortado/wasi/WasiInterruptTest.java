package dev.cortado.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.wasm.WasmModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WASI calls that wait (fd_read on a pipe, poll_oneoff sleeps) end when the guest is stopped. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WasiInterruptTest {
  /** Reads stdin into memory at 64 and returns what fd_read returned (errno) and read (bytes). */
  private static final WasmModule READER =
      WasmModule.parseText(
          """
          (module
            (import "wasi_snapshot_preview1" "fd_read"
              (func $read (param i32 i32 i32 i32) (result i32)))
            (import "wasi_snapshot_preview1" "poll_oneoff"
              (func $poll (param i32 i32 i32 i32) (result i32)))
            (memory (export "memory") 1)
            (func (export "read") (result i32)
              ;; iovec at 0: buffer 64, length 100; nread at 16
              (i32.store (i32.const 0) (i32.const 64))
              (i32.store (i32.const 4) (i32.const 100))
              (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 16)))
              (i32.load (i32.const 16)))
            (func (export "sleep") (result i32)
              ;; one relative clock subscription at 256: monotonic, one hour
              (i64.store (i32.const 256) (i64.const 7))
              (i32.store8 (i32.const 264) (i32.const 0))
              (i32.store (i32.const 272) (i32.const 1))
              (i64.store (i32.const 280) (i64.const 3600000000000))
              (call $poll (i32.const 256) (i32.const 512) (i32.const 1) (i32.const 600))))
          """);

  private static Instance instantiate(Linker linker, Duration timeout) {
    return linker.instantiate(new Store(StoreConfig.defaults().withTimeout(timeout)), READER);
  }

  @Test
  void fdReadOnAPipeThatStaysEmptyEndsAtTheTimeout() throws IOException {
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(writer);
    Linker linker = new Linker();
    try (Wasi wasi = Wasi.define(linker, WasiConfig.defaults().withStdin(stdin))) {
      assertThat(wasi.functionNames()).contains("fd_read", "poll_oneoff");
      Instance inst = instantiate(linker, Duration.ofMillis(200));
      long start = System.nanoTime();
      Trap trap = catchThrowableOfType(Trap.class, () -> inst.function("read").call());
      assertThat(trap.kind()).isEqualTo(TrapKind.INTERRUPTED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      // The calling thread is not left interrupted.
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      // Input that arrives later is still read, in order, by the next call.
      writer.write("late".getBytes(StandardCharsets.UTF_8));
      writer.flush();
      assertThat(inst.function("read").call()[0].asInt()).isEqualTo(4);
      assertThat(inst.memory("memory").readString(64, 4)).isEqualTo("late");
      writer.close();
      assertThat(inst.function("read").call()[0].asInt()).isZero();
    }
  }

  @Test
  void fdReadFromAReadyStreamIsUnchanged() throws IOException {
    Linker linker = new Linker();
    ByteArrayInputStream stdin = new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8));
    try (Wasi wasi = Wasi.define(linker, WasiConfig.defaults().withStdin(stdin))) {
      assertThat(wasi.functionNames()).contains("fd_read", "poll_oneoff");
      Instance inst = instantiate(linker, Duration.ofSeconds(30));
      assertThat(inst.function("read").call()[0].asInt()).isEqualTo(5);
      assertThat(inst.function("read").call()[0].asInt()).isZero();
    }
  }

  @Test
  void aLongPollOneoffSleepIsWokenByInterrupt() throws Exception {
    Linker linker = new Linker();
    try (Wasi wasi = Wasi.define(linker, WasiConfig.defaults())) {
      assertThat(wasi.functionNames()).contains("fd_read", "poll_oneoff");
      Store store = new Store();
      Instance inst = linker.instantiate(store, READER);
      CompletableFuture<Trap> trap =
          CompletableFuture.supplyAsync(
              () -> catchThrowableOfType(Trap.class, () -> inst.function("sleep").call()));
      Thread.sleep(200);
      assertThat(trap).isNotDone();
      store.interrupt();
      assertThat(trap.get(20, TimeUnit.SECONDS).kind()).isEqualTo(TrapKind.INTERRUPTED);
    }
  }
}
