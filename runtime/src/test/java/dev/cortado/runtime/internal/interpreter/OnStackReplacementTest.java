package dev.cortado.runtime.internal.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Asm;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Value;
import dev.cortado.runtime.internal.WasmFunction;
import dev.cortado.runtime.internal.compiler.CompiledCaller;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On-stack replacement from register-style code: a loop entered with operands below it, in a
 * function whose constants sit between its locals and its operands, where compiled code expects the
 * operands (InterpreterSupport.onStackReplace moves them, and back when it cannot enter).
 */
class OnStackReplacementTest {

  /**
   * {@code run(n)}: 7 and 3n on the stack, then a loop of n iterations calling {@code probe(i)}
   * (which stops the loop when it returns 1); returns 7 + 3n + the iterations done. The constant 1,
   * the most frequent, has the first constant slot, which the operands cover while compiled code is
   * asked to take over.
   */
  private static Instance module(StoreConfig config, List<Boolean> seen, boolean stopWhenCompiled) {
    Linker linker = new Linker();
    linker.define(
        "host",
        "probe",
        FuncType.of(List.of(ValType.I32), List.of(ValType.I32)),
        (caller, args) -> {
          boolean compiled = CompiledCaller.calledFromCompiledCode();
          seen.add(compiled);
          return new Value[] {Value.i32(stopWhenCompiled && compiled ? 1 : 0)};
        });
    WasmModule module =
        Asm.module()
            .importFunc("host", "probe", "i32 -> i32")
            .func(
                "run",
                "i32 -> i32",
                "i32",
                """
                i32.const 7 local.get 0 i32.const 3 i32.mul
                block loop
                  local.get 1 local.get 0 i32.ge_u br_if 1
                  local.get 1 call 0 br_if 1
                  local.get 1 i32.const 1 i32.add local.set 1
                  br 0
                end end
                i32.add local.get 1 i32.add i32.const 1 i32.mul
                """)
            .build();
    return linker.instantiate(new Store(config), module);
  }

  @Test
  void theLoopsOperandsReachCompiledCode() {
    List<Boolean> seen = new ArrayList<>();
    StoreConfig config =
        StoreConfig.defaults()
            .withTier(Tier.TIERED)
            .withTierUpThreshold(100)
            .withBackgroundCompilation(false);
    Instance inst = module(config, seen, false);
    assertThat(((WasmFunction) inst.function("run")).compiled().constants).hasSize(3);
    assertThat(inst.function("run").call(Value.i32(1000)))
        .containsExactly(Value.i32(7 + 3 * 1000 + 1000));
    int firstCompiled = seen.indexOf(Boolean.TRUE);
    assertThat(firstCompiled).isBetween(50, 150);
    assertThat(seen.subList(firstCompiled, seen.size())).doesNotContain(Boolean.FALSE);
  }

  @Test
  @Timeout(60)
  void whileTheCodeIsNotReadyTheFrameIsRestored() {
    // Background compilation: the hot loop header asks for compiled code on every iteration
    // until it is ready; each refusal must leave the operands and constants as they were.
    List<Boolean> seen = new ArrayList<>();
    StoreConfig config = StoreConfig.defaults().withTier(Tier.TIERED).withTierUpThreshold(1000);
    Instance inst = module(config, seen, true);
    int n = Integer.MAX_VALUE / 4;
    int done = inst.function("run").call(Value.i32(n))[0].asInt();
    int iterations = done - 7 - 3 * n;
    assertThat(iterations).isGreaterThan(900).isLessThan(n);
    assertThat(seen).hasSize(iterations + 1);
    assertThat(seen.getFirst()).isFalse();
    assertThat(seen.getLast()).isTrue();
  }
}
