package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.runtime.Modes.Mode;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guests written to hurt their host. Each is stopped by the limit meant for it, with the right
 * trap, and afterwards the host runs another instance normally (see docs/limits.md for the list).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileGuestTest {
  /** Loops that never end, each in a different way. */
  private static final WasmModule SPINNERS =
      WasmModule.parseText(
          """
          (module
            (type $v (func))
            (type $i (func (param i32)))
            (table 2 funcref)
            (elem (i32.const 0) $nothing $tree)
            (func $nothing)
            (func (export "loop") (loop $l (br $l)))
            (func (export "loopIndirect")
              (loop $l (call_indirect (type $v) (i32.const 0)) (br $l)))
            ;; 2^n calls through call_indirect and no loop at all
            (func $tree (export "tree") (param i32)
              (if (local.get 0)
                (then
                  (call_indirect (type $i) (i32.sub (local.get 0) (i32.const 1)) (i32.const 1))
                  (call_indirect (type $i) (i32.sub (local.get 0) (i32.const 1)) (i32.const 1))))))
          """);

  private static final WasmModule RECURSION =
      WasmModule.parseText(
          """
          (module
            (type $v (func))
            (table 1 funcref)
            (elem (i32.const 0) $indirect)
            (func $self (export "self") (call $self))
            (func $ping (export "mutual") (call $pong))
            (func $pong (call $ping))
            (func $indirect (export "indirect") (call_indirect (type $v) (i32.const 0)))
            (func $wide (export "wide") (param i64 i64 i64 i64 i64 i64 i64 i64)
              (local f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64)
              (call $wide (local.get 0) (local.get 1) (local.get 2) (local.get 3)
                          (local.get 4) (local.get 5) (local.get 6) (local.get 7))))
          """);

  private static final WasmModule BOMBS =
      WasmModule.parseText(
          """
          (module
            (memory (export "memory") 1)
            (table 1 funcref)
            (func (export "memoryBomb") (result i32)
              (loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
              (memory.fill (i32.const 0) (i32.const 0xAB) (i32.mul (memory.size) (i32.const 65536)))
              (memory.size))
            (func (export "bigGrow") (result i32) (memory.grow (i32.const 65535)))
            (func (export "tableBomb") (result i32)
              (loop $l
                (br_if $l (i32.ne (table.grow (ref.null func) (i32.const 1000)) (i32.const -1))))
              (table.size))
            (func (export "bigTableGrow") (result i32)
              (table.grow (ref.null func) (i32.const -2))))
          """);

  private static final WasmModule FIB =
      WasmModule.parseText(
          """
          (module
            (func $fib (export "fib") (param $n i32) (result i32)
              (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
                (then (local.get $n))
                (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                               (call $fib (i32.sub (local.get $n) (i32.const 2))))))))
          """);

  static List<Mode> modes() {
    return Modes.all();
  }

  private static Instance instantiate(Store store, WasmModule module) {
    return new Linker().instantiate(store, module);
  }

  private static Trap trapOf(Instance inst, String name, Value... args) {
    Trap t = catchThrowableOfType(Trap.class, () -> inst.function(name).call(args));
    assertThat(t).as(name + " traps").isNotNull();
    return t;
  }

  /** The host carries on: a fresh instance (and, if given, one in the same store) runs fib. */
  private static void hostRunsNormally(Mode mode, Store sameStore) {
    Instance fresh = instantiate(new Store(mode.config()), FIB);
    assertThat(fresh.function("fib").call(Value.i32(20))[0].asInt()).isEqualTo(6765);
    if (sameStore != null) {
      Instance again = instantiate(sameStore, FIB);
      assertThat(again.function("fib").call(Value.i32(15))[0].asInt()).isEqualTo(610);
    }
  }

  private static Store store(Mode mode, UnaryOperator<StoreConfig> settings) {
    return new Store(mode.config(settings));
  }

  // ---- infinite loops: fuel, timeout ----

  @ParameterizedTest
  @MethodSource("modes")
  void infiniteLoopsRunOutOfFuel(Mode mode) {
    for (String name : List.of("loop", "loopIndirect", "tree")) {
      Store store = store(mode, c -> c.withFuel(100_000));
      Instance inst = instantiate(store, SPINNERS);
      Value[] args = name.equals("tree") ? new Value[] {Value.i32(60)} : new Value[0];
      assertThat(trapOf(inst, name, args).kind()).as(name).isEqualTo(TrapKind.OUT_OF_FUEL);
      assertThat(store.fuel()).isLessThan(100);
      store.setFuel(1_000_000);
      hostRunsNormally(mode, store);
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void infiniteLoopsTimeOut(Mode mode) {
    for (String name : List.of("loop", "loopIndirect", "tree")) {
      Store store = store(mode, c -> c.withTimeout(Duration.ofMillis(50)));
      Instance inst = instantiate(store, SPINNERS);
      Value[] args = name.equals("tree") ? new Value[] {Value.i32(60)} : new Value[0];
      Trap trap = trapOf(inst, name, args);
      assertThat(trap.kind()).as(name).isEqualTo(TrapKind.INTERRUPTED);
      hostRunsNormally(mode, store);
    }
  }

  // ---- recursion: call depth ----

  @ParameterizedTest
  @MethodSource("modes")
  void deepAndMutualRecursionExhaustTheCallStack(Mode mode) {
    Store store = store(mode, c -> c.withMaxCallDepth(5_000));
    Instance inst = instantiate(store, RECURSION);
    for (String name : List.of("self", "mutual", "indirect")) {
      Trap trap = trapOf(inst, name);
      assertThat(trap.kind()).as(name).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
      assertThat(trap.backtrace()).as(name).hasSize(5_000);
    }
    Value[] eight = new Value[8];
    java.util.Arrays.fill(eight, Value.i64(1));
    assertThat(trapOf(inst, "wide", eight).kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
    hostRunsNormally(mode, store);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void recursionWithAHugeDepthLimitStillEndsInATrap(Mode mode) {
    // The runtime's own stack bound (not the JVM's StackOverflowError) stops it.
    Store store = store(mode, c -> c.withMaxCallDepth(Integer.MAX_VALUE));
    Instance inst = instantiate(store, RECURSION);
    Value[] eight = new Value[8];
    java.util.Arrays.fill(eight, Value.i64(1));
    assertThat(trapOf(inst, "wide", eight).kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
    hostRunsNormally(mode, store);
  }

  // ---- memory and table bombs: limits ----

  @ParameterizedTest
  @MethodSource("modes")
  void aMemoryBombStopsAtTheMemoryLimit(Mode mode) {
    Store store =
        store(mode, c -> c.withLimits(StoreLimits.unlimited().withMaxMemoryBytes(16 << 20)));
    Instance inst = instantiate(store, BOMBS);
    assertThat(inst.function("memoryBomb").call()[0].asInt()).isEqualTo(256);
    assertThat(inst.memory("memory").readByte((16 << 20) - 1)).isEqualTo((byte) 0xAB);
    assertThat(inst.function("bigGrow").call()[0].asInt()).isEqualTo(-1);
    Store trapping =
        store(
            mode,
            c ->
                c.withLimits(
                    StoreLimits.unlimited()
                        .withMaxMemoryBytes(4 << 20)
                        .withTrapOnGrowFailure(true)));
    Trap trap = trapOf(instantiate(trapping, BOMBS), "memoryBomb");
    assertThat(trap.kind()).isEqualTo(TrapKind.LIMIT_EXCEEDED);
    hostRunsNormally(mode, store);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aTableBombStopsAtTheTableLimit(Mode mode) {
    Store store =
        store(mode, c -> c.withLimits(StoreLimits.unlimited().withMaxTableElements(100_000)));
    Instance inst = instantiate(store, BOMBS);
    assertThat(inst.function("tableBomb").call()[0].asInt()).isEqualTo(99_001);
    assertThat(inst.function("bigTableGrow").call()[0].asInt()).isEqualTo(-1);
    hostRunsNormally(mode, store);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void withoutLimitsATableBombIsStillRefusedBeforeTheHeapRunsOut(Mode mode) {
    // 2^32 - 2 elements: more than a Java array holds, so -1 and no OutOfMemoryError anywhere.
    Instance inst = instantiate(new Store(mode.config()), BOMBS);
    assertThat(inst.function("bigTableGrow").call()[0].asInt()).isEqualTo(-1);
    InstantiationFailedException e =
        catchThrowableOfType(
            InstantiationFailedException.class,
            () ->
                instantiate(
                    new Store(mode.config()),
                    WasmModule.parseText("(module (table 2000000000 funcref))")));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.RESOURCE_EXHAUSTED);
    hostRunsNormally(mode, null);
  }

  // ---- huge data segments ----

  @ParameterizedTest
  @MethodSource("modes")
  void hugeDataSegmentsAreRefusedBeforeAnythingIsAllocated(Mode mode) {
    byte[] bytes = new byte[32 << 20];
    bytes[bytes.length - 1] = 1;
    WasmModule fits =
        Asm.module().memory(512, 512).data(SegmentMode.ACTIVE, "i32.const 0", bytes).build();
    Store limited =
        store(mode, c -> c.withLimits(StoreLimits.unlimited().withMaxMemoryBytes(16 << 20)));
    InstantiationFailedException e =
        catchThrowableOfType(InstantiationFailedException.class, () -> instantiate(limited, fits));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.LIMIT_EXCEEDED);
    // Without the limit it is just a big module.
    instantiate(new Store(mode.config()), fits);
    WasmModule outside =
        Asm.module().memory(1, 1).data(SegmentMode.ACTIVE, "i32.const 0", bytes).build();
    e =
        catchThrowableOfType(
            InstantiationFailedException.class,
            () -> instantiate(new Store(mode.config()), outside));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    hostRunsNormally(mode, limited);
  }

  // ---- host calls ----

  private static final WasmModule STORM =
      WasmModule.parseText(
          """
          (module
            (import "env" "tick" (func $tick))
            (func (export "storm") (param $n i32)
              (loop $l
                (call $tick)
                (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
            (func (export "forever") (loop $l (call $tick) (br $l))))
          """);

  private static Linker counting(AtomicLong ticks) {
    Linker linker = new Linker();
    linker.define(
        "env",
        "tick",
        FuncType.of(List.of(), List.of()),
        (caller, args) -> {
          ticks.incrementAndGet();
          return new Value[0];
        });
    return linker;
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aMillionHostCallsRunAndEndlessOnesAreStopped(Mode mode) {
    AtomicLong ticks = new AtomicLong();
    Instance inst = counting(ticks).instantiate(new Store(mode.config()), STORM);
    inst.function("storm").call(Value.i32(1_000_000));
    assertThat(ticks).hasValue(1_000_000);

    Store fueled = store(mode, c -> c.withFuel(50_000));
    Instance metered = counting(ticks).instantiate(fueled, STORM);
    ticks.set(0);
    assertThat(trapOf(metered, "forever").kind()).isEqualTo(TrapKind.OUT_OF_FUEL);
    // Each iteration costs 2 (call, br): the loop's stretch.
    assertThat(ticks.get()).isEqualTo(25_000);

    Store timed = store(mode, c -> c.withTimeout(Duration.ofMillis(50)));
    Instance endless = counting(ticks).instantiate(timed, STORM);
    assertThat(trapOf(endless, "forever").kind()).isEqualTo(TrapKind.INTERRUPTED);
    hostRunsNormally(mode, timed);
  }

  private static final WasmModule REENTRANT =
      WasmModule.parseText(
          """
          (module
            (import "env" "reenter" (func $reenter (result i32)))
            (func (export "boom") (result i32) (unreachable))
            (func (export "outer") (result i32) (i32.add (call $reenter) (i32.const 1))))
          """);

  @ParameterizedTest
  @MethodSource("modes")
  void aTrapInWasmCalledBackFromAHostCallUnwindsCleanly(Mode mode) {
    Instance[] self = new Instance[1];
    boolean[] catchIt = {false};
    Linker linker = new Linker();
    linker.define(
        "env",
        "reenter",
        FuncType.of(List.of(), List.of(ValType.I32)),
        (caller, args) -> {
          try {
            return caller.instance().function("boom").call();
          } catch (Trap t) {
            if (!catchIt[0]) {
              throw t;
            }
            return new Value[] {Value.i32(41)};
          }
        });
    Store store = new Store(mode.config());
    self[0] = linker.instantiate(store, REENTRANT);
    Trap trap = trapOf(self[0], "outer");
    assertThat(trap.kind()).isEqualTo(TrapKind.UNREACHABLE);
    assertThat(trap.backtrace())
        .extracting(Trap.FrameInfo::functionName)
        .containsExactly("boom", "outer");
    // The same instance, and the machinery under it, are fine afterwards.
    catchIt[0] = true;
    assertThat(self[0].function("outer").call()[0].asInt()).isEqualTo(42);
    hostRunsNormally(mode, store);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void anInterruptionInsideANestedCallStopsBothLevels(Mode mode) {
    Linker linker = new Linker();
    linker.define(
        "env",
        "reenter",
        FuncType.of(List.of(), List.of(ValType.I32)),
        (caller, args) -> caller.instance().function("boom").call());
    Store store = store(mode, c -> c.withTimeout(Duration.ofMillis(50)));
    Instance inst =
        linker.instantiate(
            store,
            WasmModule.parseText(
                """
                (module
                  (import "env" "reenter" (func $reenter (result i32)))
                  (func (export "boom") (result i32) (loop $l (br $l)) (i32.const 0))
                  (func (export "outer") (result i32) (call $reenter)))
                """));
    Trap trap = trapOf(inst, "outer");
    assertThat(trap.kind()).isEqualTo(TrapKind.INTERRUPTED);
    assertThat(trap.backtrace())
        .extracting(Trap.FrameInfo::functionName)
        .containsExactly("boom", "outer");
    hostRunsNormally(mode, store);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aTrappingStartFunctionLeavesTheStoreUsable(Mode mode) {
    Store store = store(mode, c -> c.withFuel(10_000));
    InstantiationFailedException e =
        catchThrowableOfType(
            InstantiationFailedException.class,
            () ->
                instantiate(
                    store,
                    WasmModule.parseText("(module (func $s (loop $l (br $l))) (start $s))")));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.OUT_OF_FUEL);
    store.setFuel(1_000_000);
    hostRunsNormally(mode, store);
  }
}
