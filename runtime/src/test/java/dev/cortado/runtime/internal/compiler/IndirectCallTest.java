package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Global;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Table;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@code call_indirect} calls the module's own functions directly ({@link IndirectDispatch}):
 * each call reaches the function the table holds at that moment, of the instance it belongs to. Two
 * instances of one module (so one class and one dispatcher) share a table, each writing its
 * functions at its own offset; each function adds its instance's global, so a call that ran another
 * instance's code, or another function than the one the table now holds, gives another sum. The
 * same calls in the interpreter give the expected outcomes (results, traps with their backtraces).
 */
class IndirectCallTest {
  private static final String WAT =
      """
      (module
        (type $t (func (param i32) (result i32)))
        (import "env" "table" (table 16 funcref))
        (import "env" "base" (global $base i32))
        (import "env" "triple" (func $triple (type $t)))
        (global $g (mut i32) (i32.const 0))
        (elem (global.get $base) $double $inc $triple $trapper $wide)
        (func $double (type $t) (i32.add (i32.mul (local.get 0) (i32.const 2)) (global.get $g)))
        (func $inc (type $t) (i32.add (i32.add (local.get 0) (i32.const 1)) (global.get $g)))
        (func $trapper (type $t) (if (i32.eq (local.get 0) (i32.const 77)) (then unreachable))
          (local.get 0))
        (func $wide (param i64) (result i64) (local.get 0))
        (func (export "setG") (param i32) (global.set $g (local.get 0)))
        ;; Copies table slot $from to slot $to.
        (func (export "copy") (param $to i32) (param $from i32)
          (table.set (local.get $to) (table.get (local.get $from))))
        ;; The sum of slot's function over 0 .. n-1, all through one call_indirect.
        (func (export "sum") (param $slot i32) (param $n i32) (result i32)
          (local $i i32) (local $acc i32)
          (loop $l
            (local.set $acc (i32.add (local.get $acc)
              (call_indirect (type $t) (local.get $i) (local.get $slot))))
            (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                                (local.get $n))))
          (local.get $acc)))
      """;

  private static final String TRIPLE =
      """
      (module (func (export "triple") (param i32) (result i32)
        (i32.mul (local.get 0) (i32.const 3))))
      """;

  /** Runs the calls in {@code config}; returns what each gave. */
  private static List<String> outcomes(StoreConfig config) {
    Store store = new Store(config);
    WasmModule module = WasmModule.parseText(WAT);
    Instance other = new Linker().instantiate(store, WasmModule.parseText(TRIPLE));
    Table table =
        Table.of(new TableType(ValType.FUNCREF, Limits.of(16)), Value.nullRef(ValType.FUNCREF));
    Instance[] insts = new Instance[2];
    for (int i = 0; i < 2; i++) {
      Linker linker = new Linker();
      linker.define("env", "table", table);
      linker.define("env", "base", Global.of(new GlobalType(ValType.I32, false), Value.i32(8 * i)));
      linker.define("env", "triple", other.function("triple"));
      insts[i] = linker.instantiate(store, module);
      insts[i].function("setG").call(Value.i32(1000 * (i + 1)));
    }
    List<String> out = new ArrayList<>();
    // {instance, what, slot or to, from}
    int[][] steps = {
      {0, 'S', 0}, // instance 0's double: cached
      {0, 'S', 0},
      {1, 'S', 8}, // instance 1's double through the same site: function 1 of its own instance
      {0, 'S', 8}, // instance 1's double called by instance 0: not instance 0's function 1
      {0, 'C', 0, 1}, // slot 0 now holds inc: the cached double must not run
      {0, 'S', 0},
      {1, 'S', 0},
      {0, 'C', 0, 2}, // an import (another module's function)
      {0, 'S', 0},
      {0, 'C', 0, 9}, // instance 1's inc
      {0, 'S', 0},
      {0, 'C', 0, 3}, // traps at 77
      {0, 'S', 0},
      {0, 'C', 0, 4}, // another type
      {0, 'S', 0},
      {0, 'S', 5}, // null
      {0, 'S', 16}, // out of range
      {1, 'C', 8, 8},
      {1, 'S', 8},
    };
    for (int[] s : steps) {
      Instance inst = insts[s[0]];
      try {
        if (s[1] == 'C') {
          inst.function("copy").call(Value.i32(s[2]), Value.i32(s[3]));
          continue;
        }
        Value[] r = inst.function("sum").call(Value.i32(s[2]), Value.i32(100));
        out.add(Arrays.toString(s) + " " + Arrays.toString(r));
      } catch (Trap t) {
        out.add(Arrays.toString(s) + " trap " + t.kind() + " " + t.backtrace());
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(CompiledTrapTest.Mode.class)
  void eachCallReachesTheFunctionTheTableHoldsOfItsOwnInstance(CompiledTrapTest.Mode mode) {
    List<String> expected = outcomes(StoreConfig.defaults().withTier(Tier.INTERPRETER));
    // sum of 2i + 1000 over i < 100 (instance 0's double), then 2i + 2000 (instance 1's).
    assertThat(expected.get(0)).endsWith(" [i32:" + (9900 + 100_000) + "]");
    assertThat(expected.get(2)).endsWith(" [i32:" + (9900 + 200_000) + "]");
    assertThat(expected.get(3)).endsWith(" [i32:" + (9900 + 200_000) + "]");
    assertThat(expected.get(4)).endsWith(" [i32:" + (4950 + 100 + 100_000) + "]");
    assertThat(expected).anyMatch(s -> s.contains("trap UNREACHABLE"));
    assertThat(outcomes(mode.config)).isEqualTo(expected);
  }

  /**
   * 400 functions of one type with 12 parameters, all in the table: more than one dispatcher holds
   * ({@link IndirectDispatch#MAX_BYTES}), so the last go through the helper; every call still
   * reaches its function, and no method passes HotSpot's limit.
   */
  @ParameterizedTest
  @EnumSource(CompiledTrapTest.Mode.class)
  void aTypeWithMoreFunctionsThanADispatcherHoldsStaysUnderTheLimit(CompiledTrapTest.Mode mode) {
    int n = 400;
    StringBuilder wat = new StringBuilder("(module\n  (type $t (func (param");
    wat.append(" i64".repeat(12)).append(") (result i64)))\n");
    wat.append("  (table ").append(n).append(" funcref)\n  (elem (i32.const 0)");
    for (int i = 0; i < n; i++) {
      wat.append(" $f").append(i);
    }
    wat.append(")\n");
    for (int i = 0; i < n; i++) {
      wat.append("  (func $f").append(i).append(" (type $t)");
      wat.append(" (i64.add (i64.mul (local.get ").append(i % 12).append(") (i64.const ");
      wat.append(i + 1).append(")) (local.get 11)))\n");
    }
    wat.append(
        """
          (func (export "all") (result i64)
            (local $i i32) (local $acc i64)
            (loop $l
              (local.set $acc (i64.add (local.get $acc)
                (call_indirect (type $t)
                  (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4) (i64.const 5)
                  (i64.const 6) (i64.const 7) (i64.const 8) (i64.const 9) (i64.const 10)
                  (i64.const 11) (local.get $acc) (local.get $i))))
              (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                                  (i32.const 400))))
            (local.get $acc)))
        """);
    WasmModule module = WasmModule.parseText(wat.toString());
    Value[] expected =
        new Linker()
            .instantiate(new Store(StoreConfig.defaults().withTier(Tier.INTERPRETER)), module)
            .function("all")
            .call();
    Value[] got = new Linker().instantiate(new Store(mode.config), module).function("all").call();
    assertThat(got).containsExactly(expected);
    int[] all = new int[n + 1];
    Arrays.setAll(all, i -> i);
    ModuleCompiler.Batch batch =
        ModuleCompiler.compile(module, all, null, f -> true, 8000, false, Map.of(), 1, null);
    List<Integer> dispatchers = new ArrayList<>();
    for (ModuleCompiler.GeneratedClass gc : batch.classes()) {
      for (MethodModel m : ClassFile.of().parse(gc.bytes()).methods()) {
        if (m.methodName().stringValue().startsWith("dispatch$")) {
          dispatchers.add(m.findAttribute(Attributes.code()).orElseThrow().codeLength());
        }
      }
    }
    // One dispatcher, with as many cases as fit: thousands of bytes, and not over the limit.
    assertThat(dispatchers).hasSize(1);
    assertThat(dispatchers.getFirst()).isBetween(4000, StoreConfig.DEFAULT_COMPILED_METHOD_LIMIT);
  }
}
