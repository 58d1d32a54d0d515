package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A chunk that keeps its locals in JVM locals stores back at its exits only the locals it wrote
 * that are live after it (FunctionSplitter.Chunk#storedAtExit): a loop's temporaries are not, a
 * value read after its fall-through, after a branch out of it or in the next turn of a loop around
 * it is; and the function gives the interpreter's result in every mode.
 */
class CachedChunkLocalsTest {
  /**
   * {@code _start} runs once, so its inner loop becomes a chunk of its own (CalledOnce). Locals: 0
   * n, 1 acc, 2 tmp (a temporary of the inner loop), 3 carried (read in the inner loop before it is
   * written, so live around the outer loop), 4 j (the inner loop's counter, set afresh before it),
   * 5 late (read only where the branch out of both loops lands: the outer loop overwrites it after
   * the inner loop), 6 last (read after the inner loop's fall-through).
   */
  private static final String WAT =
      """
      (module
        (global $out (mut i32) (i32.const 0))
        (func (export "_start")
          (local $n i32) (local $acc i32) (local $tmp i32) (local $carried i32) (local $j i32)
          (local $late i32) (local $last i32)
          (local.set $n (i32.const %d))
          (block $done
            (loop $outer
              (local.set $j (i32.const 0))
              (loop $inner
                (local.set $tmp (i32.mul (local.get $j) (i32.const 7)))
                (local.set $acc
                  (i32.add (local.get $acc) (i32.xor (local.get $tmp) (local.get $carried))))
                (local.set $carried (i32.add (local.get $carried) (i32.const 3)))
                (local.set $late (i32.add (local.get $j) (i32.const 100)))
                (local.set $last (local.get $tmp))
                (br_if $done (i32.eq (local.get $carried) (i32.const 603)))
                (br_if $inner
                  (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (i32.const 10))))
              (local.set $late (i32.const 0))
              (global.set $out (i32.add (global.get $out) (local.get $last)))
              (br_if $outer (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
          (global.set $out
            (i32.add (global.get $out)
              (i32.add (local.get $acc)
                (i32.add (i32.mul (local.get $late) (i32.const 1000))
                  (i32.mul (local.get $carried) (i32.const 1000000)))))))
        (func (export "out") (result i32) (global.get $out)))
      """;

  private static WasmModule module(int turns) {
    return WasmModule.parseText(WAT.formatted(turns));
  }

  @Test
  void onlyTheWrittenLocalsLiveAfterTheChunkAreStoredBack() {
    WasmModule module = module(50);
    int start = module.importedFunctionCount();
    FunctionSplitter.Plan plan = FunctionSplitter.plan(module, start, 7200, 7200, null);
    List<FunctionSplitter.Chunk> cached = plan.chunks().stream().filter(c -> c.cached).toList();
    assertThat(cached).hasSize(1);
    FunctionSplitter.Chunk inner = cached.getFirst();
    assertThat(inner.written).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(inner.storedAtExit).containsExactly(1, 3, 5, 6);
  }

  /**
   * The function's own method keeps its locals in JVM locals too, and copies around the call only
   * the locals the chunk may read before writing them (acc, carried, j) and those it leaves live.
   */
  @Test
  void theFunctionsMethodCopiesOnlyWhatTheChunkReadsAndLeavesLive() {
    WasmModule module = module(50);
    int start = module.importedFunctionCount();
    FunctionSplitter.Plan plan = FunctionSplitter.plan(module, start, 7200, 7200, null);
    assertThat(plan.parentCaches()).isTrue();
    FunctionSplitter.Chunk inner = plan.chunks().getFirst();
    assertThat(plan.topChildren()).containsValue(inner);
    assertThat(inner.storedBeforeCall).containsExactly(1, 3, 4);
    assertThat(inner.loadedAfterCall).containsExactly(1, 3, 5, 6);
  }

  /** 50 turns leave by the branch out of both loops (late is read), 5 by the outer loop's end. */
  @ParameterizedTest
  @ValueSource(ints = {50, 5})
  void everyModeGivesTheInterpretersResult(int turns) {
    int expected = run(module(turns), StoreConfig.defaults().withTier(Tier.INTERPRETER));
    for (CompiledTrapTest.Mode mode : CompiledTrapTest.Mode.values()) {
      assertThat(run(module(turns), mode.config)).as(mode.name()).isEqualTo(expected);
    }
  }

  private static int run(WasmModule module, StoreConfig config) {
    Instance inst = new Linker().instantiate(new Store(config), module);
    inst.function("_start").call();
    if (config.tier() == Tier.COMPILED) {
      CompiledModule code = ((dev.cortado.runtime.internal.ModuleInstance) inst).compiled.code;
      assertThat(code.statistics().splitFunctions).as("split functions").isEqualTo(1);
    }
    return inst.function("out").call()[0].asInt();
  }
}
