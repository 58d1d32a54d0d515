package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.wasm.WasmModule;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/**
 * Functions that run a few times (CalledOnce), and the outlining of their inner loops into methods
 * of their own (FunctionSplitter), which must leave results as the interpreter's.
 */
class CalledOnceTest {
  /**
   * {@code _start} (0) calls {@code main} (1) once; main calls {@code helper} (2) outside its loop
   * and {@code inLoop} (3) inside it; {@code exported} (4) is exported and called by main; {@code
   * tabled} (5) is in a table and called by main; {@code recursive} (6) calls itself.
   */
  private static final String MODULE =
      """
      (module
        (table 1 funcref) (elem (i32.const 0) $tabled)
        (global $out (mut i32) (i32.const 0))
        (func $start (export "_start") call $main)
        (func $main (local $i i32) (local $j i32) (local $acc i32)
          call $helper
          call $exported
          call $tabled
          (call $recursive (i32.const 3))
          (loop $outer
            (local.set $j (i32.const 0))
            (loop $inner
              (local.set $acc (i32.add (local.get $acc)
                (i32.mul (local.get $i) (i32.add (local.get $j) (i32.const 7)))))
              (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $acc) (i32.const 3))))
              (local.set $acc (i32.add (local.get $acc) (i32.rotl (local.get $acc) (local.get $j))))
              (local.set $acc (i32.sub (local.get $acc) (i32.mul (local.get $j) (local.get $j))))
              (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1)))
                (i32.const 100))))
            (call $inLoop)
            (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
              (i32.const 1000))))
          (global.set $out (i32.add (global.get $out) (local.get $acc))))
        (func $helper (global.set $out (i32.add (global.get $out) (i32.const 1))))
        (func $inLoop (global.set $out (i32.add (global.get $out) (i32.const 2))))
        (func $exported (export "exported") (global.set $out (i32.const 5)))
        (func $tabled (global.set $out (i32.add (global.get $out) (i32.const 3))))
        (func $recursive (param i32)
          (if (local.get 0) (then (call $recursive (i32.sub (local.get 0) (i32.const 1))))))
        (func (export "out") (result i32) global.get $out))
      """;

  @Test
  void functionsCalledOnlyOnceFromOnceFunctionsOutsideLoopsRunOnce() {
    BitSet once = CalledOnce.of(WasmModule.parseText(MODULE));
    assertThat(once.stream().toArray()).containsExactly(0, 1, 2);
  }

  /**
   * A chain down from the start function, a function every one of whose call sites is in a member
   * (two of them, one of those reached last), and one also called from a function that may run many
   * times, or from inside a loop of a member.
   */
  @Test
  void membershipFollowsChainsOfCallSites() {
    WasmModule module =
        WasmModule.parseText(
            """
            (module
              (func $start (export "_start") call $a call $shared)
              (func $a call $b)
              (func $b call $c call $shared)
              (func $c call $mixed)
              (func $shared)
              (func $mixed)
              (func $many (export "many") call $mixed)
              (func $looped)
              (func $d (loop call $looped) call $looped)
              (start $d))
            """);
    // 0 start, 1 a, 2 b, 3 c, 4 shared, 5 mixed, 6 many, 7 looped, 8 d (the start function).
    assertThat(CalledOnce.of(module).stream().toArray()).containsExactly(0, 1, 2, 3, 4, 8);
  }

  @Test
  void anOsrEntryIsAskedForAtTheOutlinedLoopAroundTheHotOne() {
    WasmModule module =
        WasmModule.parseText(
            """
            (module
              (func $start (export "_start")
                (loop $a (loop $b (loop $c (loop $d))) (block (loop $e (if (i32.const 0)
                  (then (loop $f))))))
                (loop $g))
              (func (export "other") (loop (loop (loop)))))
            """);
    // a, g: outermost; b, e: outlined (nested in one loop); c, d in b; f in e.
    assertThat(FunctionSplitter.entryLoops(module, 0)).containsExactly(0, 1, 1, 1, 4, 4, 6);
    // A function that may run many times gets its entries where the interpreter is hot.
    assertThat(FunctionSplitter.entryLoops(module, 1)).isNull();
  }

  @Test
  void aFunctionReferencedByAGlobalsInitializerDoesNotRunOnce() {
    WasmModule module =
        WasmModule.parseText(
            """
            (module
              (global funcref (ref.func $main))
              (func $start (export "_start") call $main)
              (func $main))
            """);
    assertThat(CalledOnce.of(module).stream().toArray()).containsExactly(0);
  }

  @Test
  void aFunctionThatRunsOnceHasItsInnerLoopOutlinedAndRunsAsInTheInterpreter() {
    WasmModule module = WasmModule.parseText(MODULE);
    FunctionSplitter.Plan plan = FunctionSplitter.plan(module, 1, 7200, 7200, null);
    assertThat(plan.chunks()).hasSize(1);
    assertThat(module.functions().get(1).body().get(plan.chunks().getFirst().start).opcode())
        .isEqualTo(dev.cortado.wasm.code.Opcode.LOOP);
    // With OSR entries: at the outer loop, or at the inner one (through its chunk's call), the
    // inner loop stays outlined.
    for (int loop : new int[] {0, 1}) {
      BitSet pins = new BitSet();
      pins.set(loop);
      FunctionSplitter.Plan entered = FunctionSplitter.plan(module, 1, 7200, 7200, pins);
      assertThat(entered.chunks()).as("entry at loop %d", loop).hasSize(1);
      assertThat(entered.topChildren()).containsKey(plan.chunks().getFirst().start);
    }
    int[] results = new int[2];
    int k = 0;
    for (Tier tier : new Tier[] {Tier.INTERPRETER, Tier.COMPILED}) {
      Instance inst =
          new Linker().instantiate(new Store(StoreConfig.defaults().withTier(tier)), module);
      inst.function("_start").call();
      results[k++] = inst.function("out").call()[0].asInt();
    }
    assertThat(results[1]).isEqualTo(results[0]);
    CompiledModule code = CompiledModule.of(module, 8000);
    code.compileAll();
    assertThat(code.statistics().splitFunctions).isEqualTo(1);
  }
}
