package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.runtime.Modes.Mode;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fuel: what code costs, where it stops, reading and refilling it. */
class FuelTest {
  /**
   * Counts down from its argument, counting iterations in a global. Its stretches (see FuelCosts):
   * 2 at entry, 10 at the loop's start (each iteration), 1 after the loop.
   */
  private static final WasmModule COUNTDOWN =
      WasmModule.parseText(
          """
          (module
            (global $count (export "count") (mut i32) (i32.const 0))
            (func (export "countdown") (param $n i32) (result i32)
              ;; stretch at entry: local.get, global.set (2); loop costs nothing
              (global.set $count (local.get $n))
              (loop $l
                ;; stretch at the loop: 10 instructions up to br_if, then the end marker
                (global.set $count (i32.add (global.get $count) (i32.const 1)))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br_if $l (local.get $n)))
              ;; stretch after the loop's end: global.get (1)
              (global.get $count)))
          """);

  static List<Mode> modes() {
    return Modes.all();
  }

  private static Store metered(Mode mode, long fuel) {
    return new Store(mode.config(c -> c.withFuel(fuel)));
  }

  @ParameterizedTest
  @MethodSource("modes")
  void straightLineCodeCostsOneUnitPerInstruction(Mode mode) {
    WasmModule m =
        WasmModule.parseText(
            "(module (func (export \"f\") (result i32)"
                + " nop (block (result i32) (i32.const 1) (i32.const 2) (i32.add))))");
    Store store = metered(mode, 3);
    Instance inst = new Linker().instantiate(store, m);
    assertThat(inst.function("f").call()[0].asInt()).isEqualTo(3);
    assertThat(store.fuel()).isZero();
    Trap trap = catchThrowableOfType(Trap.class, () -> inst.function("f").call());
    assertThat(trap.kind()).isEqualTo(TrapKind.OUT_OF_FUEL);
    assertThat(trap.reason()).isEqualTo("out of fuel");
    assertThat(trap.backtrace().getFirst().functionName()).isEqualTo("f");
    store.setFuel(2);
    assertThatThrownBy(() -> inst.function("f").call()).isInstanceOf(Trap.class);
    // A stretch that cannot be paid is not entered and costs nothing.
    assertThat(store.fuel()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aLoopStopsAtTheSameIterationForTheSameFuel(Mode mode) {
    Store enough = metered(mode, 2 + 10 * 10 + 1);
    Instance all = new Linker().instantiate(enough, COUNTDOWN);
    assertThat(all.function("countdown").call(Value.i32(10))[0].asInt()).isEqualTo(20);
    assertThat(enough.fuel()).isZero();
    for (long fuel : new long[] {2 + 10 * 10, 2 + 10 * 7 + 5, 2 + 9, 1}) {
      Store store = metered(mode, fuel);
      Instance inst = new Linker().instantiate(store, COUNTDOWN);
      Trap trap =
          catchThrowableOfType(Trap.class, () -> inst.function("countdown").call(Value.i32(10)));
      assertThat(trap.kind()).isEqualTo(TrapKind.OUT_OF_FUEL);
      long iterations = fuel < 2 ? 0 : Math.min(10, (fuel - 2) / 10);
      long count = fuel < 2 ? 0 : 10 + iterations;
      assertThat(inst.global("count").get().asInt()).as("fuel " + fuel).isEqualTo(count);
      assertThat(store.fuel()).isEqualTo(fuel < 2 ? fuel : fuel - 2 - 10 * iterations);
    }
  }

  @ParameterizedTest
  @MethodSource("modes")
  void fuelIsRefilledAndReadFromTheHost(Mode mode) {
    List<Long> seen = new ArrayList<>();
    Linker linker = new Linker();
    linker.define(
        "env",
        "fuel",
        FuncType.of(List.of(), List.of()),
        (caller, args) -> {
          seen.add(caller.store().fuel());
          return new Value[0];
        });
    Store store = metered(mode, 10);
    Instance inst =
        linker.instantiate(
            store,
            WasmModule.parseText(
                """
                (module (import "env" "fuel" (func $fuel))
                  (func (export "f") (call $fuel) (call $fuel)))
                """));
    inst.function("f").call();
    // The entry stretch (two calls, 2 units) is paid before the first call.
    assertThat(seen).containsExactly(8L, 8L);
    assertThat(store.fuel()).isEqualTo(8);
    store.setFuel(1);
    assertThatThrownBy(() -> inst.function("f").call())
        .isInstanceOfSatisfying(
            Trap.class, t -> assertThat(t.kind()).isEqualTo(TrapKind.OUT_OF_FUEL));
    store.addFuel(Long.MAX_VALUE);
    assertThat(store.fuel()).isEqualTo(Long.MAX_VALUE);
    inst.function("f").call();
  }

  @Test
  void anUnmeteredStoreHasNoFuel() {
    Store store = new Store();
    assertThat(store.fuel()).isEqualTo(StoreConfig.UNMETERED);
    assertThatThrownBy(() -> store.setFuel(5)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.addFuel(5)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new Store(StoreConfig.defaults().withFuel(0)).setFuel(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(StoreConfig.defaults().withFuel(7).withoutFuel().metered()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void instantiationsStartFunctionIsMetered(Mode mode) {
    WasmModule m = WasmModule.parseText("(module (func $s (loop $l (br $l))) (start $s))");
    InstantiationFailedException e =
        catchThrowableOfType(
            InstantiationFailedException.class,
            () -> new Linker().instantiate(metered(mode, 1000), m));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.OUT_OF_FUEL);
  }

  @Test
  void valueTypesAreIrrelevantToCost() {
    Store store = new Store(StoreConfig.defaults().withFuel(100));
    Instance inst =
        new Linker()
            .instantiate(
                store,
                WasmModule.parseText(
                    "(module (func (export \"f\") (param f64) (result f64)"
                        + " (f64.mul (local.get 0) (f64.const 2))))"));
    assertThat(inst.function("f").call(Value.f64(1.5))[0].asDouble()).isEqualTo(3.0);
    assertThat(store.fuel()).isEqualTo(97);
    assertThat(inst.function("f").type().params()).containsExactly(ValType.F64);
  }
}
