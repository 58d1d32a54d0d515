package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.runtime.Modes.Mode;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Store.interrupt from other threads, call timeouts, and host functions that wait. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterruptTest {
  private static final WasmModule SPIN =
      WasmModule.parseText(
          """
          (module
            (func (export "spin") (loop $l (br $l)))
            (func (export "answer") (result i32) (i32.const 42))
            ;; 2^n calls and no loop: only function entries can notice an interruption
            (func $tree (export "tree") (param i32)
              (if (local.get 0)
                (then
                  (call $tree (i32.sub (local.get 0) (i32.const 1)))
                  (call $tree (i32.sub (local.get 0) (i32.const 1)))))))
          """);

  static List<Mode> modes() {
    return Modes.all();
  }

  /** Calls {@code name} on another thread; the future completes with its trap. */
  private static CompletableFuture<Trap> callInBackground(Instance inst, String name, Value... a) {
    return CompletableFuture.supplyAsync(
        () -> catchThrowableOfType(Trap.class, () -> inst.function(name).call(a)));
  }

  /** A loop over memory that runs {@code n} iterations, or for ever if {@code n} is negative. */
  private static final WasmModule SUM =
      WasmModule.parseText(
          """
          (module
            (memory 1)
            (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
              (loop $l
                (local.set $s (i32.add (local.get $s)
                  (i32.load (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xfffc)))))
                (i32.store (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xfffc))
                  (local.get $i))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $l (i32.or (i32.lt_s (local.get $n) (i32.const 0))
                                  (i32.lt_u (local.get $i) (local.get $n)))))
              (local.get $s)))
          """);

  /**
   * Compiled code polls for interruption through a call site that HotSpot compiles to nothing
   * (LimitOps): an interruption must deoptimize a loop that C2 has already compiled, and leave
   * another store's code running correctly.
   */
  @ParameterizedTest
  @MethodSource("modes")
  void interruptStopsALoopTheJitHasCompiled(Mode mode) throws Exception {
    Store store = new Store(mode.config());
    Instance inst = new Linker().instantiate(store, SUM);
    Instance bystander = new Linker().instantiate(new Store(mode.config()), SUM);
    // The loop stores what depends on i alone: from the second call on, memory and sum repeat.
    inst.function("sum").call(Value.i32(100_000));
    bystander.function("sum").call(Value.i32(100_000));
    int expected = inst.function("sum").call(Value.i32(100_000))[0].asInt();
    for (int i = 0; i < 300; i++) {
      // Enough for C2 (and for tier-up in the tiered mode).
      assertThat(inst.function("sum").call(Value.i32(100_000))[0].asInt()).isEqualTo(expected);
    }
    CompletableFuture<Trap> trap = callInBackground(inst, "sum", Value.i32(-1));
    CompletableFuture<Value[]> other =
        CompletableFuture.supplyAsync(
            () -> {
              Value[] last = null;
              for (int i = 0; i < 200; i++) {
                last = bystander.function("sum").call(Value.i32(100_000));
              }
              return last;
            });
    Thread.sleep(300);
    assertThat(trap).isNotDone();
    store.interrupt();
    Trap t = trap.get(30, TimeUnit.SECONDS);
    assertThat(t.kind()).isEqualTo(TrapKind.INTERRUPTED);
    assertThat(other.get(60, TimeUnit.SECONDS)[0].asInt()).isEqualTo(expected);
    // Still interrupted: the next call traps at once; cleared, the store runs normally again.
    assertThat(catchThrowableOfType(Trap.class, () -> inst.function("sum").call(Value.i32(1))))
        .extracting(Trap::kind)
        .isEqualTo(TrapKind.INTERRUPTED);
    store.clearInterrupt();
    assertThat(inst.function("sum").call(Value.i32(100_000))[0].asInt()).isNotZero();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void interruptStopsALoopOnAnotherThread(Mode mode) throws Exception {
    Store store = new Store(mode.config());
    Instance inst = new Linker().instantiate(store, SPIN);
    CompletableFuture<Trap> trap = callInBackground(inst, "spin");
    Thread.sleep(100);
    assertThat(trap).isNotDone();
    store.interrupt();
    Trap t = trap.get(30, TimeUnit.SECONDS);
    assertThat(t.kind()).isEqualTo(TrapKind.INTERRUPTED);
    assertThat(t.reason()).isEqualTo("interrupted");
    assertThat(t.backtrace().getFirst().functionName()).isEqualTo("spin");
    // Sticky until cleared: even code without loops stops at its entry.
    assertThat(store.isInterrupted()).isTrue();
    assertThat(catchThrowableOfType(Trap.class, () -> inst.function("answer").call()).kind())
        .isEqualTo(TrapKind.INTERRUPTED);
    store.clearInterrupt();
    assertThat(inst.function("answer").call()[0].asInt()).isEqualTo(42);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void interruptStopsRecursionWithoutLoops(Mode mode) throws Exception {
    Store store = new Store(mode.config());
    Instance inst = new Linker().instantiate(store, SPIN);
    CompletableFuture<Trap> trap = callInBackground(inst, "tree", Value.i32(62));
    Thread.sleep(100);
    store.interrupt();
    Trap t = trap.get(30, TimeUnit.SECONDS);
    assertThat(t.kind()).isEqualTo(TrapKind.INTERRUPTED);
    assertThat(t.backtrace()).hasSizeBetween(1, 63);
    assertThat(t.backtrace()).allMatch(f -> "tree".equals(f.functionName()));
  }

  @ParameterizedTest
  @MethodSource("modes")
  void eachCallHasItsOwnTimeout(Mode mode) {
    Store store = new Store(mode.config(c -> c.withTimeout(Duration.ofMillis(100))));
    Instance inst = new Linker().instantiate(store, SPIN);
    long start = System.nanoTime();
    Trap t = catchThrowableOfType(Trap.class, () -> inst.function("spin").call());
    assertThat(t.kind()).isEqualTo(TrapKind.INTERRUPTED);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    // The timeout ended with the call: the next one runs.
    assertThat(store.isInterrupted()).isFalse();
    assertThat(inst.function("answer").call()[0].asInt()).isEqualTo(42);
    assertThat(catchThrowableOfType(Trap.class, () -> inst.function("tree").call(Value.i32(62))))
        .extracting(Trap::kind)
        .isEqualTo(TrapKind.INTERRUPTED);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aHostFunctionWaitingForAnInterruptionWakesUp(Mode mode) throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicBoolean sawInterrupted = new AtomicBoolean();
    Linker linker = new Linker();
    linker.define(
        "env",
        "sleep",
        FuncType.of(List.of(), List.of(ValType.I32)),
        (caller, args) -> {
          waiting.countDown();
          try {
            boolean woke = caller.store().awaitInterrupt(Duration.ofMinutes(10));
            sawInterrupted.set(caller.interrupted());
            return new Value[] {Value.i32(woke ? 1 : 0)};
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    Store store = new Store(mode.config());
    Instance inst = linker.instantiate(store, sleeper());
    CompletableFuture<Trap> trap = callInBackground(inst, "run");
    assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
    store.interrupt();
    Trap t = trap.get(30, TimeUnit.SECONDS);
    assertThat(sawInterrupted).isTrue();
    // The host function returned, and the guest stopped right after it.
    assertThat(t.kind()).isEqualTo(TrapKind.INTERRUPTED);
    assertThat(t.backtrace().getFirst().functionName()).isEqualTo("run");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aBlockedHostFunctionIsWokenByItsWaker(Mode mode) throws Exception {
    LinkedBlockingQueue<Integer> never = new LinkedBlockingQueue<>();
    Linker linker = new Linker();
    linker.define(
        "env",
        "sleep",
        FuncType.of(List.of(), List.of(ValType.I32)),
        (caller, args) -> {
          Thread me = Thread.currentThread();
          Store.Registration waker = caller.store().onInterrupt(me::interrupt);
          try {
            return new Value[] {Value.i32(never.take())};
          } catch (InterruptedException e) {
            throw new Trap(TrapKind.INTERRUPTED, List.of());
          } finally {
            waker.close();
          }
        });
    // With a timeout: the same wakers run when it passes.
    Store store = new Store(mode.config(c -> c.withTimeout(Duration.ofMillis(100))));
    Instance inst = linker.instantiate(store, sleeper());
    Trap t = catchThrowableOfType(Trap.class, () -> inst.function("run").call());
    assertThat(t.kind()).isEqualTo(TrapKind.INTERRUPTED);
    assertThat(t.backtrace()).extracting(Trap.FrameInfo::functionName).containsExactly("run");
    Thread.interrupted();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void anInterruptBeforeTheCallStopsItAtOnce(Mode mode) {
    Store store = new Store(mode.config());
    Instance inst = new Linker().instantiate(store, SPIN);
    store.interrupt();
    assertThat(catchThrowableOfType(Trap.class, () -> inst.function("spin").call()).kind())
        .isEqualTo(TrapKind.INTERRUPTED);
    // Other stores are not affected.
    Instance other = new Linker().instantiate(new Store(mode.config()), SPIN);
    assertThat(other.function("answer").call()[0].asInt()).isEqualTo(42);
  }

  private static WasmModule sleeper() {
    return WasmModule.parseText(
        """
        (module (import "env" "sleep" (func $sleep (result i32)))
          (func (export "run") (drop (call $sleep)) (loop $l (br $l))))
        """);
  }
}
