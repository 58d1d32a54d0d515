package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Global;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated code reaches globals 0 to 3 through fields of their own and the others through the
 * array ({@code TableOps.global}): each {@code global.get} and {@code global.set} reaches the
 * global its index names, imported ones first, of every type, and the host sees what code wrote.
 */
class GlobalAccessTest {
  private static final String WAT =
      """
      (module
        (import "env" "g0" (global $g0 (mut i32)))
        (global $g1 (mut i64) (i64.const 11))
        (global $g2 (mut i32) (i32.const 22))
        (global $g3 (mut f64) (f64.const 33.5))
        (global $g4 (mut i32) (i32.const 44))
        (global $g5 (mut f32) (f32.const 55.25))
        ;; Each global's value, weighted by its index, then each one changed.
        (func (export "step") (result f64)
          (local $sum f64)
          (local.set $sum
            (f64.add
              (f64.add (f64.convert_i32_s (global.get $g0))
                       (f64.mul (f64.convert_i64_s (global.get $g1)) (f64.const 10)))
              (f64.add (f64.mul (f64.convert_i32_s (global.get $g2)) (f64.const 100))
                       (f64.mul (global.get $g3) (f64.const 1000)))))
          (local.set $sum
            (f64.add (local.get $sum)
              (f64.add (f64.mul (f64.convert_i32_s (global.get $g4)) (f64.const 10000))
                       (f64.mul (f64.promote_f32 (global.get $g5)) (f64.const 100000)))))
          (global.set $g0 (i32.add (global.get $g0) (i32.const 1)))
          (global.set $g1 (i64.add (global.get $g1) (i64.const 2)))
          (global.set $g2 (i32.add (global.get $g2) (i32.const 3)))
          (global.set $g3 (f64.add (global.get $g3) (f64.const 4)))
          (global.set $g4 (i32.add (global.get $g4) (i32.const 5)))
          (global.set $g5 (f32.add (global.get $g5) (f32.const 6)))
          (local.get $sum))
        (export "g4" (global $g4)))
      """;

  @ParameterizedTest
  @EnumSource(CompiledTrapTest.Mode.class)
  void eachIndexReachesItsGlobal(CompiledTrapTest.Mode mode) {
    Global g0 = Global.of(new GlobalType(ValType.I32, true), Value.i32(7));
    Linker linker = new Linker();
    linker.define("env", "g0", g0);
    Instance inst = linker.instantiate(new Store(mode.config), WasmModule.parseText(WAT));
    for (int k = 0; k < 3; k++) {
      double expected =
          (7 + k)
              + (11 + 2 * k) * 10.0
              + (22 + 3 * k) * 100.0
              + (33.5 + 4 * k) * 1000
              + (44 + 5 * k) * 10000.0
              + (55.25 + 6 * k) * 100000;
      assertThat(inst.function("step").call()).containsExactly(Value.f64(expected));
    }
    assertThat(g0.get()).isEqualTo(Value.i32(10));
    assertThat(inst.global("g4").get()).isEqualTo(Value.i32(59));
  }
}
