package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Modes.Mode;
import dev.cortado.wasm.WasmModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many instances of one module on many threads: the module and its translated code are shared,
 * instance state never is. The hammer mixes normal calls, traps, fuel exhaustion, timeouts and
 * interruptions from other threads; each thread checks every outcome it sees.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConcurrencyTest {
  private static final int THREADS = 8;

  /** Shared by every thread: one module, so one translation of its code. */
  private static final WasmModule MODULE =
      WasmModule.parseText(
          """
          (module
            (memory (export "memory") 1)
            (global $counter (export "counter") (mut i32) (i32.const 0))
            (func $fib (export "fib") (param $n i32) (result i32)
              (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
                (then (local.get $n))
                (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                               (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
            ;; adds its argument to the counter and to every word of the first 1 KiB
            (func (export "bump") (param $v i32) (result i32)
              (local $i i32)
              (global.set $counter (i32.add (global.get $counter) (local.get $v)))
              (loop $l
                (i32.store (local.get $i) (i32.add (i32.load (local.get $i)) (local.get $v)))
                (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4)))
                                    (i32.const 1024))))
              (global.get $counter))
            (func (export "divide") (param i32 i32) (result i32)
              (i32.div_s (local.get 0) (local.get 1)))
            (func (export "spin") (loop $l (br $l))))
          """);

  static List<Mode> modes() {
    return Modes.all();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void manyInstancesOfOneModuleKeepTheirOwnState(Mode mode) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int me = t + 1;
        results.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  for (int round = 0; round < 20; round++) {
                    Instance inst = new Linker().instantiate(new Store(mode.config()), MODULE);
                    int expected = 0;
                    for (int k = 0; k < 50; k++) {
                      expected += me;
                      assertThat(inst.function("bump").call(Value.i32(me))[0].asInt())
                          .isEqualTo(expected);
                    }
                    assertThat(inst.memory("memory").readInt(1020)).isEqualTo(expected);
                    assertThat(inst.function("fib").call(Value.i32(15 + me % 3))[0].asInt())
                        .isEqualTo(new int[] {610, 987, 1597}[me % 3]);
                    checked++;
                  }
                  return checked;
                }));
      }
      for (Future<Integer> r : results) {
        assertThat(r.get(120, TimeUnit.SECONDS)).isEqualTo(20);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aHammerOfCallsTrapsAndInterruptionsKeepsEveryOutcomeRight(Mode mode) throws Exception {
    ConcurrentLinkedQueue<Store> running = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger outcomes = new AtomicInteger();
    Thread interrupter =
        new Thread(
            () -> {
              SplittableRandom random = new SplittableRandom(1);
              while (!done.get()) {
                Store s = running.poll();
                if (s != null) {
                  s.interrupt();
                }
                try {
                  Thread.sleep(random.nextInt(3));
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    interrupter.start();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch started = new CountDownLatch(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = t;
        workers.add(
            pool.submit(
                () -> {
                  started.countDown();
                  hammer(mode, new SplittableRandom(seed), running, outcomes);
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get(150, TimeUnit.SECONDS);
      }
    } finally {
      done.set(true);
      interrupter.interrupt();
      pool.shutdownNow();
    }
    assertThat(outcomes.get()).isEqualTo(THREADS * 300);
  }

  /** 300 random operations, each with the outcome it must have. */
  private static void hammer(
      Mode mode,
      SplittableRandom random,
      ConcurrentLinkedQueue<Store> running,
      AtomicInteger outcomes) {
    for (int i = 0; i < 300; i++) {
      int op = random.nextInt(5);
      switch (op) {
        case 0 -> {
          Instance inst = new Linker().instantiate(new Store(mode.config()), MODULE);
          assertThat(inst.function("fib").call(Value.i32(12))[0].asInt()).isEqualTo(144);
        }
        case 1 -> {
          Instance inst = new Linker().instantiate(new Store(mode.config()), MODULE);
          Trap t = expectTrap(inst, "divide", Value.i32(1), Value.i32(0));
          assertThat(t.kind()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
          assertThat(inst.function("divide").call(Value.i32(9), Value.i32(3))[0].asInt())
              .isEqualTo(3);
        }
        case 2 -> {
          Store store = new Store(mode.config(c -> c.withFuel(1_000 + random.nextInt(5_000))));
          Instance inst = new Linker().instantiate(store, MODULE);
          assertThat(expectTrap(inst, "spin").kind()).isEqualTo(TrapKind.OUT_OF_FUEL);
          store.setFuel(1_000_000);
          assertThat(inst.function("fib").call(Value.i32(10))[0].asInt()).isEqualTo(55);
        }
        case 3 -> {
          // Long enough for the short call after it even on a loaded machine.
          Duration timeout = Duration.ofMillis(50 + random.nextInt(50));
          Store store = new Store(mode.config(c -> c.withTimeout(timeout)));
          Instance inst = new Linker().instantiate(store, MODULE);
          assertThat(expectTrap(inst, "spin").kind()).isEqualTo(TrapKind.INTERRUPTED);
          assertThat(store.isInterrupted()).isFalse();
          assertThat(inst.function("divide").call(Value.i32(9), Value.i32(3))[0].asInt())
              .isEqualTo(3);
        }
        default -> {
          // Interrupted by the other thread at a random moment: either it finished or it trapped.
          Store store = new Store(mode.config());
          Instance inst = new Linker().instantiate(store, MODULE);
          running.add(store);
          boolean spin = random.nextBoolean();
          try {
            if (spin) {
              inst.function("spin").call();
              throw new AssertionError("spin returned");
            }
            assertThat(inst.function("fib").call(Value.i32(18))[0].asInt()).isEqualTo(2584);
          } catch (Trap t) {
            assertThat(t.kind()).isEqualTo(TrapKind.INTERRUPTED);
          }
          if (!running.remove(store)) {
            // The other thread took it: wait for its interrupt, which may not have landed yet.
            while (!store.isInterrupted()) {
              Thread.onSpinWait();
            }
          }
          store.clearInterrupt();
          assertThat(inst.function("fib").call(Value.i32(10))[0].asInt()).isEqualTo(55);
        }
      }
      outcomes.incrementAndGet();
    }
  }

  private static Trap expectTrap(Instance inst, String name, Value... args) {
    try {
      inst.function(name).call(args);
    } catch (Trap t) {
      return t;
    }
    throw new AssertionError(name + " did not trap");
  }
}
