package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * v128 values through everything that moves values: arguments and results, host functions, globals,
 * locals, select, blocks and branches, calls; and SIMD memory accesses that trap. The lane
 * arithmetic itself is covered by the testsuite's SIMD scripts and {@code SimdLanesTest}.
 */
class SimdInstructionsTest {
  private static final Value V1 = Value.v128(0x0706_0504_0302_0100L, 0x0F0E_0D0C_0B0A_0908L);
  private static final Value V2 = Value.v128(-1L, 0x8000_0000_0000_0001L);

  private static Instance instantiate(Linker linker, String wat) {
    return linker.instantiate(new Store(), WasmModule.parseText(wat));
  }

  private static Instance instantiate(String wat) {
    return instantiate(new Linker(), wat);
  }

  @Test
  void valueHoldsSixteenBytesLittleEndian() {
    byte[] bytes = new byte[16];
    for (int i = 0; i < 16; i++) {
      bytes[i] = (byte) i;
    }
    assertThat(Value.v128(bytes)).isEqualTo(V1);
    assertThat(V1.v128Bytes()).isEqualTo(bytes);
    assertThat(V1.type()).isEqualTo(ValType.V128);
    assertThat(V1).isNotEqualTo(Value.v128(V1.v128Low(), 0));
    assertThat(Value.defaultOf(ValType.V128)).isEqualTo(Value.v128(0, 0));
  }

  @Test
  void argumentsAndResultsMixedWithOtherTypes() {
    Instance inst =
        instantiate(
            "(func (export \"swap\") (param i32 v128 i64 v128) (result v128 i64 v128 i32)"
                + " local.get 3 local.get 2 local.get 1 local.get 0)"
                + "(func (export \"add\") (param v128 v128) (result v128)"
                + " (i32x4.add (local.get 0) (local.get 1)))");
    Value[] r = inst.function("swap").call(Value.i32(7), V1, Value.i64(-2), V2);
    assertThat(r).containsExactly(V2, Value.i64(-2), V1, Value.i32(7));
    assertThat(inst.function("add").call(V1, V2)[0])
        .isEqualTo(Value.v128(0x0706_0503_0302_00FFL, 0x8F0E_0D0C_0B0A_0909L));
  }

  @Test
  void hostFunctionsTakeAndReturnVectors() {
    List<Value> seen = new ArrayList<>();
    Linker linker = new Linker();
    linker.define(
        "env",
        "host",
        FuncType.of(
            List.of(ValType.I32, ValType.V128, ValType.F64), List.of(ValType.V128, ValType.I32)),
        (caller, args) -> {
          seen.addAll(List.of(args));
          return new Value[] {V2, Value.i32(args[0].asInt() + 1)};
        });
    Instance inst =
        instantiate(
            linker,
            "(import \"env\" \"host\" (func $h (param i32 v128 f64) (result v128 i32)))"
                + "(func (export \"run\") (param v128) (result i32 v128)"
                + "  (local $v v128) (local $i i32)"
                + "  (call $h (i32.const 41) (local.get 0) (f64.const 2.5))"
                + "  (local.set $i) (local.set $v) (local.get $i) (local.get $v))");
    Value[] r = inst.function("run").call(V1);
    assertThat(seen).containsExactly(Value.i32(41), V1, Value.f64(2.5));
    assertThat(r).containsExactly(Value.i32(42), V2);
  }

  @Test
  void globalsHoldVectors() {
    Linker linker = new Linker();
    Global imported = Global.of(new GlobalType(ValType.V128, true), V1);
    linker.define("env", "g", imported);
    linker.define("env", "c", Global.of(new GlobalType(ValType.V128, false), V2));
    Instance inst =
        instantiate(
            linker,
            "(global $in (import \"env\" \"g\") (mut v128))"
                + "(global $c (import \"env\" \"c\") v128)"
                + "(global $own (export \"own\") (mut v128) (v128.const i64x2 5 6))"
                + "(global $copy (export \"copy\") v128 (global.get $c))"
                + "(func (export \"rotate\")"
                + "  (global.get $own) (global.get $in) (global.set $own) (global.set $in))");
    assertThat(inst.global("copy").get()).isEqualTo(V2);
    inst.function("rotate").call();
    assertThat(imported.get()).isEqualTo(Value.v128(5, 6));
    assertThat(inst.global("own").get()).isEqualTo(V1);
    inst.global("own").set(V2);
    inst.function("rotate").call();
    assertThat(imported.get()).isEqualTo(V2);
  }

  @Test
  void localsSelectBlocksAndBranchesMoveBothHalves() {
    Instance inst =
        instantiate(
            "(type $vv (func (param v128) (result v128)))"
                + "(table 1 funcref) (elem (i32.const 0) $id)"
                + "(func $id (type $vv) (local.get 0))"
                + "(func (export \"zero\") (result v128) (local v128 i32 v128) (local.get 2))"
                + "(func (export \"tee\") (param v128) (result v128 v128) (local v128)"
                + "  (local.tee 1 (local.get 0)) (local.get 1))"
                + "(func (export \"select\") (param v128 v128 i32) (result v128 v128)"
                + "  (select (local.get 0) (local.get 1) (local.get 2))"
                + "  (select (result v128) (local.get 1) (local.get 0) (local.get 2)))"
                + "(func (export \"branch\") (param v128 i32) (result v128)"
                + "  (block $out (result v128)"
                + "    (i64.const 99) (v128.const i32x4 9 9 9 9) (local.get 0)"
                + "    (br_if $out (local.get 1))"
                + "    (drop) (drop) (drop) (v128.const i32x4 0 0 0 0)))"
                + "(func (export \"loop\") (param v128) (result v128) (local i32)"
                + "  (local.get 0)"
                + "  (loop $l (param v128) (result v128)"
                + "    (i8x16.add (v128.const i8x16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1))"
                + "    (local.tee 1 (i32.add (local.get 1) (i32.const 1)))"
                + "    (br_if $l (i32.lt_u (i32.const 3)))))"
                + "(func (export \"indirect\") (param v128) (result v128)"
                + "  (call_indirect (type $vv) (local.get 0) (i32.const 0)))");
    assertThat(inst.function("zero").call()[0]).isEqualTo(Value.v128(0, 0));
    assertThat(inst.function("tee").call(V1)).containsExactly(V1, V1);
    assertThat(inst.function("select").call(V1, V2, Value.i32(1))).containsExactly(V1, V2);
    assertThat(inst.function("select").call(V1, V2, Value.i32(0))).containsExactly(V2, V1);
    assertThat(inst.function("branch").call(V1, Value.i32(1))[0]).isEqualTo(V1);
    assertThat(inst.function("branch").call(V1, Value.i32(0))[0]).isEqualTo(Value.v128(0, 0));
    assertThat(inst.function("loop").call(V1)[0])
        .isEqualTo(Value.v128(0x0A09_0807_0605_0403L, 0x1211_100F_0E0D_0C0BL));
    assertThat(inst.function("indirect").call(V2)[0]).isEqualTo(V2);
  }

  @Test
  void outOfBoundsVectorStoresWriteNothing() {
    Instance inst =
        instantiate(
            "(memory (export \"mem\") 1 1)"
                + "(func (export \"store\") (param i32 v128) (v128.store (local.get 0) (local.get 1)))"
                + "(func (export \"lane\") (param i32 v128) (result v128)"
                + "  (v128.load32_lane offset=4 2 (local.get 0) (local.get 1)))");
    Trap trap =
        catchThrowableOfType(
            Trap.class, () -> inst.function("store").call(Value.i32(65536 - 8), V2));
    assertThat(trap.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(trap.backtrace()).hasSize(1);
    assertThat(trap.backtrace().getFirst().offset()).isPositive();
    Memory mem = inst.memory("mem");
    assertThat(mem.readLong(65536 - 8)).isZero();
    inst.function("store").call(Value.i32(65536 - 16), V1);
    assertThat(mem.readLong(65536 - 8)).isEqualTo(V1.v128High());
    assertThat(inst.function("lane").call(Value.i32(65536 - 16), Value.v128(0, 0))[0])
        .isEqualTo(Value.v128(0, 0x0000_0000_0706_0504L));
    Trap lane =
        catchThrowableOfType(
            Trap.class, () -> inst.function("lane").call(Value.i32(65536 - 7), V1));
    assertThat(lane.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }
}
