package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.runtime.CompiledCode;
import dev.cortado.runtime.CompiledCodeStatistics;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * v128 in compiled code: parameters, results (several, mixed with scalars), locals, globals, blocks
 * and branches, select, calls between compiled functions, through tables and to the host, on-stack
 * replacement in a loop with v128 locals, split functions, and memory traps, each giving exactly
 * the interpreter's results.
 */
class SimdCompiledTest {
  enum Mode {
    INTERPRETER(StoreConfig.defaults().withTier(Tier.INTERPRETER)),
    COMPILED(StoreConfig.defaults().withTier(Tier.COMPILED)),
    SPLIT(StoreConfig.defaults().withTier(Tier.COMPILED).withCompiledMethodLimit(200)),
    TIERED(
        StoreConfig.defaults()
            .withTier(Tier.TIERED)
            .withTierUpThreshold(2)
            .withBackgroundCompilation(false));

    final StoreConfig config;

    Mode(StoreConfig config) {
      this.config = config;
    }
  }

  private static final String WAT =
      """
      (module
        (import "host" "mix" (func $mix (param v128 i32) (result v128)))
        (import "host" "probe" (func $probe (result i32)))
        (memory (export "mem") 1)
        (global $g (mut v128) (v128.const i32x4 1 2 3 4))
        (type $vv (func (param v128 v128) (result v128 v128)))
        (table 2 funcref)
        (elem (i32.const 0) $swap $addsub)
        (func $swap (type $vv) (local.get 1) (local.get 0))
        (func $addsub (type $vv)
          (i32x4.add (local.get 0) (local.get 1))
          (i32x4.sub (local.get 0) (local.get 1)))
        (func $multi (export "multi") (param $a v128) (param $x i32) (result v128 i32 v128)
          (local.get $a) (local.get $x) (i8x16.splat (local.get $x)))
        (func (export "callMulti") (param v128 i32) (result i32 v128)
          (local v128 i32 v128)
          (call $multi (local.get 0) (local.get 1))
          (local.set 4) (local.set 3) (local.set 2)
          (local.get 3)
          (i8x16.sub (local.get 4) (local.get 2)))
        (func (export "indirect") (param i32 v128 v128) (result v128)
          (call_indirect (type $vv) (local.get 1) (local.get 2) (local.get 0))
          (i64x2.sub))
        (func (export "host") (param v128) (result v128)
          (call $mix (local.get 0) (i32.const 7)))
        (func (export "global") (param v128) (result v128)
          (global.get $g)
          (global.set $g (i32x4.add (global.get $g) (local.get 0))))
        (func (export "sum") (param $n i32) (result v128)
          (local $acc v128) (local $i i32) (local $m v128)
          (local.set $m (v128.const i16x8 1 1 1 1 1 1 1 1))
          (block $done
            (loop $l
              (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
              (local.set $acc
                (i16x8.add (local.get $acc)
                  (i16x8.mul (local.get $m)
                    (v128.load (i32.and (i32.mul (local.get $i) (i32.const 16))
                                        (i32.const 0xFFF0))))))
              (local.set $m (i16x8.add (local.get $m) (v128.const i16x8 1 2 3 4 5 6 7 8)))
              (drop (call $probe))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $l)))
          (local.get $acc))
        (func (export "select") (param v128 v128 i32) (result v128)
          (select (local.get 0) (local.get 1) (local.get 2)))
        (func (export "blocks") (param v128 i32) (result v128)
          (block (result v128)
            (local.get 0) (local.get 1) (br_if 0)
            (drop) (v128.const i64x2 -1 -2)))
        (func (export "fill") (param $n i32) (local $i i32)
          (loop $l
            (i32.store8 (local.get $i) (i32.mul (local.get $i) (i32.const 37)))
            (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                                (local.get $n)))))
        (func (export "store") (param $addr i32) (param $v v128)
          (v128.store (local.get $addr) (local.get $v)))
        (func (export "lanes") (param $addr i32) (param $v v128) (result v128)
          (v128.store16_lane 3 (local.get $addr) (local.get $v))
          (v128.load32_lane offset=1 2 (local.get $addr) (local.get $v)))
        (func (export "shapes") (param $v v128) (result v128)
          (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31
            (f32x4.nearest (local.get $v))
            (i16x8.narrow_i32x4_s (local.get $v)
              (i32x4.extend_high_i16x8_u (i8x16.swizzle (local.get $v) (local.get $v))))))
        (func (export "interleave") (param v128 v128) (result v128)
          (i8x16.shuffle 0 1 16 17 2 3 18 19 15 9 10 11 28 29 30 31
            (local.get 0)
            (i8x16.shuffle 4 5 6 7 0 0 0 0 24 25 26 27 28 29 30 31 (local.get 0) (local.get 1))))
        (func (export "extract") (param $v v128) (result i32 i64 f32 f64 i32)
          (i8x16.extract_lane_s 15 (local.get $v))
          (i64x2.extract_lane 1 (local.get $v))
          (f32x4.extract_lane 2 (local.get $v))
          (f64x2.extract_lane 0 (local.get $v))
          (i8x16.bitmask (local.get $v)))
        (func (export "replace") (param $v v128) (param f32) (param f64) (result v128)
          (f64x2.replace_lane 1 (f32x4.replace_lane 1 (local.get $v) (local.get 1)) (local.get 2)))
      )
      """;

  private static final FuncType MIX =
      FuncType.of(List.of(ValType.V128, ValType.I32), List.of(ValType.V128));

  private static Instance instantiate(StoreConfig config, List<Boolean> compiledProbes) {
    Linker linker = new Linker();
    linker.define(
        "host",
        "mix",
        MIX,
        (caller, args) ->
            new Value[] {
              Value.v128(args[0].v128Low() ^ args[1].asInt(), args[0].v128High() + args[1].asInt())
            });
    linker.define(
        "host",
        "probe",
        FuncType.of(List.of(), List.of(ValType.I32)),
        (caller, args) -> {
          compiledProbes.add(CompiledCaller.calledFromCompiledCode());
          return new Value[] {Value.i32(0)};
        });
    return linker.instantiate(new Store(config), WasmModule.parseText(WAT));
  }

  private static final Value A = Value.v128(0x0102_0304_0506_0708L, 0xF0E0_D0C0_B0A0_9080L);
  private static final Value B = Value.v128(0x7FFF_FFFF_8000_0000L, 0x0000_0001_FFFF_FFFFL);

  /** Every export called with fixed arguments, as text, in a fixed order. */
  private static List<String> runAll(Instance inst) {
    List<String> out = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      out.add(call(inst, "multi", A, Value.i32(-3)));
      out.add(call(inst, "callMulti", B, Value.i32(round)));
      out.add(call(inst, "indirect", Value.i32(0), A, B));
      out.add(call(inst, "indirect", Value.i32(1), A, B));
      out.add(call(inst, "host", A));
      out.add(call(inst, "global", B));
      out.add(call(inst, "select", A, B, Value.i32(round & 1)));
      out.add(call(inst, "blocks", A, Value.i32(round & 1)));
      out.add(call(inst, "shapes", B));
      out.add(call(inst, "extract", A));
      out.add(call(inst, "interleave", A, B));
      out.add(call(inst, "replace", A, Value.f32(1.5f), Value.f64(-2.25)));
      out.add(call(inst, "lanes", Value.i32(100 + round), B));
    }
    inst.function("fill").call(Value.i32(4096));
    out.add(call(inst, "sum", Value.i32(300)));
    return out;
  }

  private static String call(Instance inst, String name, Value... args) {
    return name + Arrays.toString(args) + " = " + Arrays.toString(inst.function(name).call(args));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyModeGivesTheInterpretersResults(Mode mode) {
    List<String> expected = runAll(instantiate(Mode.INTERPRETER.config, new ArrayList<>()));
    assertThat(runAll(instantiate(mode.config, new ArrayList<>()))).isEqualTo(expected);
  }

  @Test
  void resultsAreTheSpecsNotJustConsistent() {
    Instance inst = instantiate(Mode.COMPILED.config, new ArrayList<>());
    assertThat(inst.function("multi").call(A, Value.i32(-3)))
        .containsExactly(
            A, Value.i32(-3), Value.v128(0xFDFD_FDFD_FDFD_FDFDL, 0xFDFD_FDFD_FDFD_FDFDL));
    // swap, then lo - hi per i64 lane: B - A.
    assertThat(inst.function("indirect").call(Value.i32(0), A, B))
        .containsExactly(Value.v128(B.v128Low() - A.v128Low(), B.v128High() - A.v128High()));
    assertThat(inst.function("host").call(A))
        .containsExactly(Value.v128(A.v128Low() ^ 7, A.v128High() + 7));
    assertThat(inst.function("global").call(B))
        .containsExactly(Value.v128(0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L));
    assertThat(inst.function("global").call(B))
        .containsExactly(Value.v128(0x8000_0001_8000_0001L, 0x0000_0005_0000_0002L));
    assertThat(inst.function("extract").call(A))
        .containsExactly(
            Value.i32((byte) 0xF0),
            Value.i64(A.v128High()),
            Value.f32Bits(0xB0A0_9080),
            Value.f64Bits(A.v128Low()),
            Value.i32(0xFF00));
  }

  @Test
  void aLoopWithV128LocalsSwitchesToCompiledCodeInTheMiddle() {
    List<Boolean> probes = new ArrayList<>();
    StoreConfig config =
        StoreConfig.defaults()
            .withTier(Tier.TIERED)
            .withTierUpThreshold(50)
            .withBackgroundCompilation(false);
    Instance tiered = instantiate(config, probes);
    tiered.function("fill").call(Value.i32(4096));
    Value[] result = tiered.function("sum").call(Value.i32(300));
    assertThat(probes).contains(false, true);
    assertThat(probes.getFirst()).isFalse();
    assertThat(probes.getLast()).isTrue();
    Instance interpreted = instantiate(Mode.INTERPRETER.config, new ArrayList<>());
    interpreted.function("fill").call(Value.i32(4096));
    assertThat(result).isEqualTo(interpreted.function("sum").call(Value.i32(300)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aStoreOutOfBoundsTrapsAndWritesNothing(Mode mode) {
    Instance inst = instantiate(mode.config, new ArrayList<>());
    Value ones = Value.v128(-1, -1);
    for (int addr : new int[] {65536 - 15, 65536 - 8, 65535, -1}) {
      Trap trap =
          catchThrowableOfType(
              Trap.class, () -> inst.function("store").call(Value.i32(addr), ones));
      assertThat(trap).isNotNull();
      assertThat(trap.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
      assertThat(trap.backtrace().getFirst().functionName()).isEqualTo("store");
    }
    assertThat(inst.memory("mem").readLong(65536 - 16)).isZero();
    assertThat(inst.memory("mem").readLong(65536 - 8)).isZero();
    inst.function("store").call(Value.i32(65536 - 16), ones);
    assertThat(inst.memory("mem").readLong(65536 - 16)).isEqualTo(-1);
    assertThat(inst.memory("mem").readLong(65536 - 8)).isEqualTo(-1);
    Trap lane =
        catchThrowableOfType(Trap.class, () -> inst.function("lanes").call(Value.i32(65535), ones));
    assertThat(lane.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
  }

  /** Fuel is charged at the same points in SIMD code in every tier (FuelCosts, docs/limits.md). */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void fuelRunsOutAtTheSamePointInSimdCode(Mode mode) {
    List<String> outcomes = new ArrayList<>();
    for (StoreConfig base : List.of(Mode.INTERPRETER.config, mode.config)) {
      for (long fuel : new long[] {50, 700, 5_000, 1_000_000}) {
        Linker linker = new Linker();
        linker.define("host", "mix", MIX, (caller, args) -> new Value[] {args[0]});
        linker.define(
            "host",
            "probe",
            FuncType.of(List.of(), List.of(ValType.I32)),
            (caller, args) -> new Value[] {Value.i32(0)});
        Store store = new Store(base.withFuel(fuel));
        Instance inst = linker.instantiate(store, WasmModule.parseText(WAT));
        Trap trap =
            catchThrowableOfType(Trap.class, () -> inst.function("sum").call(Value.i32(200)));
        outcomes.add(
            fuel + ": " + (trap == null ? "done" : trap.kind().toString()) + ", " + store.fuel());
      }
    }
    assertThat(outcomes.subList(4, 8)).isEqualTo(outcomes.subList(0, 4));
    assertThat(outcomes.get(0)).contains("OUT_OF_FUEL");
    assertThat(outcomes.get(3)).contains("done");
  }

  /** The build runs this class with and without the module: each run tests the code it meant to. */
  @Test
  void theVectorApiIsUsedExactlyWhereTheModuleIsPresent() {
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertThat(VectorSupport.ENABLED).isEqualTo(present);
    assertThat(CompilerVersion.VALUE.endsWith("+vector")).isEqualTo(present);
  }

  @Test
  void aHugeSimdFunctionIsSplitIntoMethodsUnderTheLimit() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      String op =
          switch (i % 4) {
            case 0 -> "i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31";
            case 1 -> "v128.bitselect";
            case 2 -> "i64x2.extmul_high_i32x4_s";
            default -> "i16x8.add_sat_u";
          };
      body.append("(local.set 1 (")
          .append(op)
          .append(" (local.get 0) (local.get 1)")
          .append(i % 4 == 1 ? " (local.get 2)" : "")
          .append("))\n");
    }
    WasmModule module =
        WasmModule.parseText(
            "(module (func (export \"f\") (param v128 v128 v128) (result v128) "
                + body
                + " (local.get 1)))");
    CompiledCodeStatistics s =
        CompiledCode.compile(module, StoreConfig.defaults().withTier(Tier.COMPILED));
    assertThat(s.compiledFunctions()).isEqualTo(1);
    assertThat(s.splitFunctions()).isEqualTo(1);
    assertThat(s.methodsOverLimit()).isZero();
    assertThat(s.largestMethod()).isLessThanOrEqualTo(8000);
    Value[] args = {A, B, Value.v128(0x00FF_00FF_00FF_00FFL, -1)};
    Instance compiled =
        new Linker().instantiate(new Store(StoreConfig.defaults().withTier(Tier.COMPILED)), module);
    Instance interpreted = new Linker().instantiate(new Store(Mode.INTERPRETER.config), module);
    assertThat(compiled.function("f").call(args)).isEqualTo(interpreted.function("f").call(args));
  }

  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"COMPILED", "SPLIT"})
  void everyFunctionIsCompiled(Mode mode) {
    WasmModule module = WasmModule.parseText(WAT);
    CompiledCodeStatistics s = CompiledCode.compile(module, mode.config);
    assertThat(s.functions()).isEqualTo(module.functions().size());
    assertThat(s.compiledFunctions()).isEqualTo(s.functions());
    assertThat(s.failedFunctions()).isZero();
    if (mode == Mode.SPLIT) {
      assertThat(s.splitFunctions()).isPositive();
    }
  }
}
