package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.wasm.WasmModule;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random loop nests in {@code _start}, a function that runs once (so that its inner loops are
 * outlined and the interpreter's OSR entries go through their chunks' calls): loops three or four
 * deep, with branches out to blocks around outer loops and operands left below loops, run compiled
 * and in tiered mode at several tier-up thresholds, each switching at another point, must give the
 * interpreter's result and use the same fuel; so must the same function exported, which may run
 * many times, split into the smallest methods.
 */
class RandomLoopNestTest {
  private static final int MAX_DEPTH = 4;

  /** Writes one random module's text. */
  private static final class Generator {
    private final Random random;
    private final StringBuilder out = new StringBuilder();

    Generator(long seed) {
      random = new Random(seed);
    }

    String module() {
      out.append("(module (global $out (mut i64) (i64.const 0))\n");
      out.append("(func $start (export \"_start\")");
      for (int d = 0; d < MAX_DEPTH; d++) {
        out.append(" (local $c").append(d).append(" i32)");
      }
      out.append('\n');
      loop(0);
      out.append(")\n(func (export \"out\") (result i64) global.get $out))\n");
      return out.toString();
    }

    /** A loop at depth {@code d} in a block {@code $b<d>}, maybe with an operand left below it. */
    private void loop(int d) {
      boolean operandBelow = random.nextInt(3) == 0;
      long below = random.nextInt(1000);
      if (operandBelow) {
        out.append("(global.set $out (i64.add (global.get $out) (i64.add (i64.const ")
            .append(below)
            .append(") (block (result i64)\n");
      }
      int trips = 2 + random.nextInt(d == MAX_DEPTH - 1 ? 40 : 6);
      out.append("(local.set $c").append(d).append(" (i32.const 0))\n");
      out.append("(block $b").append(d).append(" (loop $l").append(d).append('\n');
      int statements = 1 + random.nextInt(3);
      boolean nested = false;
      for (int k = 0; k < statements; k++) {
        int kind = random.nextInt(4);
        if (kind == 0 && d + 1 < MAX_DEPTH || !nested && k == statements - 1 && d < 2) {
          loop(d + 1);
          nested = true;
        } else if (kind == 1 && d > 0) {
          // Leave this loop and some around it, to the block around an outer one.
          int target = random.nextInt(d + 1);
          out.append("(if (i32.eq (local.get $c")
              .append(d)
              .append(") (i32.const ")
              .append(random.nextInt(trips + 2))
              .append(")) (then (br $b")
              .append(target)
              .append(")))\n");
        } else {
          int counter = random.nextInt(d + 1);
          out.append("(global.set $out (i64.add (i64.mul (global.get $out) (i64.const 3))")
              .append(" (i64.extend_i32_u (i32.xor (local.get $c")
              .append(counter)
              .append(") (i32.const ")
              .append(random.nextInt(1 << 20))
              .append(")))))\n");
        }
      }
      out.append("(br_if $l")
          .append(d)
          .append(" (i32.lt_u (local.tee $c")
          .append(d)
          .append(" (i32.add (local.get $c")
          .append(d)
          .append(") (i32.const 1))) (i32.const ")
          .append(trips)
          .append(")))))\n");
      if (operandBelow) {
        out.append("(i64.const 1)))))\n");
      }
    }
  }

  /**
   * {@code out} after a call of {@code entry}, and the fuel left, in a store with {@code config}
   * and a module of its own (compiled code is kept per module); the module's statistics into {@code
   * split}.
   */
  private static long[] run(String text, String entry, StoreConfig config, int[] split) {
    long fuel = 1L << 40;
    Store store = new Store(config.withFuel(fuel));
    Instance inst = new Linker().instantiate(store, WasmModule.parseText(text));
    inst.function(entry).call();
    long out = inst.function("out").call()[0].asLong();
    if (config.tier() != Tier.INTERPRETER) {
      split[0] +=
          ((dev.cortado.runtime.internal.ModuleInstance) inst)
              .compiled.code.statistics().splitFunctions;
    }
    return new long[] {out, store.fuel()};
  }

  private static StoreConfig tieredAt(int threshold) {
    return StoreConfig.defaults()
        .withTier(Tier.TIERED)
        .withTierUpThreshold(threshold)
        .withBackgroundCompilation(false);
  }

  @Test
  void randomLoopNestsGiveTheInterpretersResultsWhereverTheySwitch() {
    int[] split = {0};
    for (long seed = 1; seed <= 150; seed++) {
      String text = new Generator(seed).module();
      long[] expected =
          run(text, "_start", StoreConfig.defaults().withTier(Tier.INTERPRETER), split);
      assertThat(run(text, "_start", StoreConfig.defaults().withTier(Tier.COMPILED), split))
          .as("seed %d, compiled:\n%s", seed, text)
          .containsExactly(expected);
      for (int threshold : new int[] {1, 9, 60, 400}) {
        assertThat(run(text, "_start", tieredAt(threshold), split))
            .as("seed %d, threshold %d:\n%s", seed, threshold, text)
            .containsExactly(expected);
      }
      // Exported under another name, the function may run many times: nothing is outlined, but
      // with the smallest methods it is split, and a hot loop holding no loop gets a chunk.
      String exported = text.replace("(export \"_start\")", "(export \"run\")");
      for (int threshold : new int[] {9, 400}) {
        StoreConfig small =
            tieredAt(threshold).withCompiledMethodLimit(StoreConfig.MIN_COMPILED_METHOD_LIMIT);
        assertThat(run(exported, "run", small, split))
            .as("seed %d, threshold %d, run:\n%s", seed, threshold, exported)
            .containsExactly(expected);
      }
    }
    // Most of them went through chunks' calls.
    assertThat(split[0]).isGreaterThan(400);
  }
}
