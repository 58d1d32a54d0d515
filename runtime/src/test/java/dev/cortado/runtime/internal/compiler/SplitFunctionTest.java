package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Split functions (FunctionSplitter): a C-style {@code switch} in a loop, with locals of every type
 * written in one case and read in others, cases that fall through, continue, break, return,
 * recurse, call the host which calls back in, and trap, runs in every mode as in the interpreter,
 * with the same fuel and backtraces; the switch is cut into switch chunks that the dispatch calls
 * directly.
 */
class SplitFunctionTest {
  enum Mode {
    COMPILED(StoreConfig.defaults().withTier(Tier.COMPILED)),
    SPLIT(StoreConfig.defaults().withTier(Tier.COMPILED).withCompiledMethodLimit(1000)),
    SPLIT_SMALL(StoreConfig.defaults().withTier(Tier.COMPILED).withCompiledMethodLimit(200)),
    TIERED(
        StoreConfig.defaults()
            .withTier(Tier.TIERED)
            .withTierUpThreshold(30)
            .withBackgroundCompilation(false)
            .withCompiledMethodLimit(1000));

    final StoreConfig config;

    Mode(StoreConfig config) {
      this.config = config;
    }
  }

  private static final StoreConfig INTERPRETER = StoreConfig.defaults().withTier(Tier.INTERPRETER);

  private static final int CASES = 40;
  private static final int TEMPS = 24;

  /** What case {@code k} does after updating the locals, by {@code k % 6}. */
  private static String caseEnd(int k) {
    int depth = CASES - 1 - k; // labels from inside case k: $c(k+1) is 0
    return switch (k % 6) {
      case 0 -> ""; // falls through into the next case
      case 1 -> "br " + (depth + 2); // continue the loop
      case 2 -> "br " + (depth + 1); // break out of the switch
      case 3 -> // recursion: the callee has locals of its own
          "local.get $depth if i32.const 3 local.get $x local.get $depth i32.const 1 i32.sub "
              + "call $run local.get $acc i64.add local.set $acc end br "
              + (depth + 1);
      case 4 -> // the host calls back into this function
          "local.get $depth if local.get $x call $reenter local.get $acc i64.xor local.set $acc "
              + "end br "
              + (depth + 2);
      default -> // returns from inside the switch now and then
          "local.get $acc i64.const 15 i64.and i64.eqz if local.get $acc return end";
    };
  }

  /** {@code run(n, x, depth)}: {@code n} turns of a loop around a switch of {@code CASES} cases. */
  static String wat() {
    StringBuilder w = new StringBuilder();
    w.append("(module (import \"host\" \"reenter\" (func $reenter (param i32) (result i64)))\n");
    w.append("(memory 1)\n");
    w.append("(func $run (export \"run\") (param $n i32) (param $x i32) (param $depth i32)");
    w.append(" (result i64)\n");
    w.append("(local $acc i64) (local $f f64) (local $g f32) (local $v v128) (local $r externref)");
    w.append(" (local $y i32)");
    for (int t = 0; t < TEMPS; t++) {
      w.append(" (local $t").append(t).append(" i32)");
    }
    w.append("\nblock $done loop $loop\n");
    w.append("local.get $n i32.eqz br_if $done\n");
    w.append("local.get $n i32.const 1 i32.sub local.set $n\n");
    w.append("block $after\n");
    for (int k = CASES; k >= 0; k--) {
      w.append("block $c").append(k).append('\n');
    }
    w.append("local.get $x i32.const ").append(CASES + 1).append(" i32.rem_u br_table");
    for (int k = 0; k <= CASES; k++) {
      w.append(' ').append(k);
    }
    w.append("\nend\n");
    for (int k = 0; k < CASES; k++) {
      String t = "$t" + (k % TEMPS);
      w.append("local.get $x i32.const ").append(2 * k + 3).append(" i32.mul i32.const ");
      w.append(k + 1).append(" i32.add local.set $x\n");
      w.append("local.get $acc local.get $x i64.extend_i32_u i64.add local.set $acc\n");
      w.append("local.get $f f64.const 0.5 f64.mul local.get $x f64.convert_i32_u f64.add");
      w.append(" local.set $f\n");
      w.append("local.get $g f32.const 1.5 f32.add local.set $g\n");
      w.append("local.get $v local.get $x i32x4.splat i32x4.add local.set $v\n");
      w.append("local.get ").append(t).append(" local.get $x i32.add local.set ").append(t);
      w.append('\n');
      w.append("i32.const ").append(4 * k).append(" local.get $x i32.store\n");
      if (k == 13) {
        w.append("local.get $n i32.const 1000000 i32.eq if unreachable end\n");
      }
      if (k == 9) {
        // a loop (its chunk keeps its locals in JVM locals), left early for the switch's end
        w.append("i32.const 5 local.set $y loop $inner\n");
        w.append("local.get $acc local.get $y i64.extend_i32_u i64.add local.set $acc\n");
        w.append("local.get $y i32.const 3 i32.eq local.get $x i32.const 1 i32.and i32.and");
        w.append(" br_if $after\n");
        w.append("local.get $y i32.const 1 i32.sub local.tee $y br_if $inner end\n");
      }
      if (k == 24) {
        // a loop, then a return from inside the switch
        w.append("loop $spin local.get $y i32.const 1 i32.add local.tee $y i32.const 9 i32.lt_u");
        w.append(" br_if $spin end\n");
        w.append("local.get $n i32.const 7 i32.eq if local.get $acc return end\n");
      }
      if (k == 17) {
        w.append("ref.null extern local.set $r\n");
      }
      w.append(caseEnd(k)).append("\nend\n");
    }
    // the default case
    w.append("local.get $x i32.const 7 i32.add local.set $x\n");
    w.append("end\n"); // $after
    w.append("local.get $acc local.get $x i64.extend_i32_u i64.xor local.set $acc\n");
    w.append("br $loop end end\n");
    // the result: every local folded in
    w.append("local.get $acc local.get $f i64.trunc_sat_f64_u i64.add");
    w.append(" local.get $g i64.trunc_sat_f32_u i64.add");
    w.append(
        " local.get $v i64x2.extract_lane 0 i64.add local.get $v i64x2.extract_lane 1 i64.xor");
    w.append(" local.get $r ref.is_null i64.extend_i32_u i64.add");
    w.append(" local.get $y i64.extend_i32_u i64.add\n");
    for (int t = 0; t < TEMPS; t++) {
      w.append("local.get $t").append(t).append(" i64.extend_i32_u i64.add\n");
    }
    w.append("))\n");
    return w.toString();
  }

  private static Instance instantiate(Store store) {
    return instantiate(store, new ArrayList<>());
  }

  /** An instance whose host function records in {@code seen} whether compiled code called it. */
  private static Instance instantiate(Store store, List<Boolean> seen) {
    Instance[] self = new Instance[1];
    Linker linker = new Linker();
    linker.define(
        "host",
        "reenter",
        FuncType.of(List.of(ValType.I32), List.of(ValType.I64)),
        (caller, args) -> {
          seen.add(CompiledCaller.calledFromCompiledCode());
          return self[0].function("run").call(Value.i32(5), args[0], Value.i32(0));
        });
    self[0] = linker.instantiate(store, WasmModule.parseText(wat()));
    return self[0];
  }

  /** What {@code run} gives for a few arguments, or the trap it ends with, and the fuel left. */
  private static List<String> outcomes(StoreConfig config) {
    List<String> out = new ArrayList<>();
    int[][] calls = {
      {1, 0, 0}, {50, 1, 0}, {300, 12345, 2}, {2000, -7, 1}, {1_000_001, 13, 0}, {8, 24, 0}
    };
    for (int[] c : calls) {
      Store store = new Store(config.withFuel(50_000_000));
      Instance inst = instantiate(store);
      Trap trap =
          catchThrowableOfType(
              Trap.class,
              () ->
                  out.add(
                      inst.function("run")
                              .call(Value.i32(c[0]), Value.i32(c[1]), Value.i32(c[2]))[0]
                              .asLong()
                          + ""));
      if (trap != null) {
        out.add(trap.kind() + " " + trap.backtrace());
      }
      out.add("fuel " + store.fuel());
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void everyModeGivesTheInterpretersResultsFuelAndTraps(Mode mode) {
    List<String> expected = outcomes(INTERPRETER);
    assertThat(expected).anyMatch(s -> s.startsWith(TrapKind.UNREACHABLE.toString()));
    assertThat(outcomes(mode.config)).isEqualTo(expected);
  }

  /**
   * Calls of one instance reuse the split function's frame (SplitOps.takeLongs): its locals start
   * at zero in every call, and a call that trapped, holding the frame, leaves later calls correct.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void callsOfOneInstanceAfterATrapGiveTheInterpretersResults(Mode mode) {
    List<String> expected = sequence(INTERPRETER);
    assertThat(expected).contains(TrapKind.UNREACHABLE.toString());
    assertThat(sequence(mode.config)).isEqualTo(expected);
  }

  private static List<String> sequence(StoreConfig config) {
    Instance inst = instantiate(new Store(config));
    List<String> out = new ArrayList<>();
    int[][] calls = {
      {300, 12345, 2}, {300, 12345, 2}, {1_000_001, 13, 0}, {300, 12345, 2}, {8, 24, 0}
    };
    for (int[] c : calls) {
      try {
        out.add(
            inst.function("run").call(Value.i32(c[0]), Value.i32(c[1]), Value.i32(c[2]))[0].asLong()
                + "");
      } catch (Trap t) {
        out.add(t.kind().toString());
      }
    }
    return out;
  }

  /** On-stack replacement enters the loop around the switch, whose cases are switch chunks. */
  @Test
  void aRunningSwitchLoopMovesToCompiledCodeInTheMiddle() {
    List<Boolean> seen = new ArrayList<>();
    Instance inst = instantiate(new Store(Mode.TIERED.config.withTierUpThreshold(200)), seen);
    Value[] args = {Value.i32(3000), Value.i32(-7), Value.i32(1)};
    Value[] result = inst.function("run").call(args);
    assertThat(seen.getFirst()).isFalse();
    assertThat(seen.getLast()).isTrue();
    assertThat(result).isEqualTo(instantiate(new Store(INTERPRETER)).function("run").call(args));
    CompiledModule code = ((dev.cortado.runtime.internal.ModuleInstance) inst).compiled.code;
    assertThat(code.statistics().splitFunctions).isEqualTo(1);
  }

  /** The switch is cut into switch chunks that the method holding its blocks calls directly. */
  @Test
  void theSwitchIsCutIntoChunksCalledFromTheDispatch() {
    WasmModule module = WasmModule.parseText(wat());
    int run = module.importedFunctionCount();
    FunctionSplitter.Plan plan = FunctionSplitter.plan(module, run, 900, 0, null);
    List<FunctionSplitter.Chunk> switchChunks =
        plan.chunks().stream().filter(c -> c.entries != null).toList();
    assertThat(switchChunks.size()).isGreaterThan(2);
    int entries = switchChunks.stream().mapToInt(c -> c.entries.length).sum();
    assertThat(entries).isGreaterThan(CASES / 2);
    // One call from the method holding the dispatch reaches any case: chunks nest at most two
    // deep (the switch's chunks in one holding the whole switch), not one level per case or so.
    assertThat(switchChunks).allMatch(c -> c.children.isEmpty());
    assertThat(switchChunks).anyMatch(c -> c.cached).anyMatch(c -> !c.cached);
    assertThat(plan.chunks()).allMatch(c -> nesting(c) <= 2);
  }

  /**
   * A function over {@link FunctionSplitter#BIG} times the threshold is cut into chunks of a {@code
   * BIG}th of it (cheaper for C2 to compile again); one under that, into chunks of the target it is
   * given.
   */
  @Test
  void aFunctionManyTimesTheThresholdIsCutFiner() {
    WasmModule module = WasmModule.parseText(straightLine(150));
    int run = 0;
    int cost = new CodeShape(module, run).totalCost();
    // Thresholds up to the default one's (see the test below for larger ones).
    assertThat(cost / 2).isLessThanOrEqualTo(FunctionSplitter.DEFAULT_THRESHOLD);
    int near = cost / 2;
    int far = cost / (FunctionSplitter.BIG + 1);
    int nearChunks = FunctionSplitter.plan(module, run, near, near, null).chunks().size();
    int farChunks = FunctionSplitter.plan(module, run, far, far, null).chunks().size();
    // A threshold of 0 splits with exactly the target given.
    assertThat(nearChunks)
        .isEqualTo(FunctionSplitter.plan(module, run, near, 0, null).chunks().size());
    assertThat(farChunks)
        .isEqualTo(
            FunctionSplitter.plan(module, run, far / FunctionSplitter.BIG, 0, null).chunks().size())
        .isGreaterThan(FunctionSplitter.plan(module, run, far, 0, null).chunks().size());
  }

  /**
   * Over a larger method limit than the default (a JVM that compiles big methods well, as the
   * launchers set it up), a function over {@link FunctionSplitter#BIG} times the default threshold
   * is still cut into chunks of a {@code BIG}th of the default: what makes its chunks cost is C2
   * compiling them again, which the limit does not change.
   */
  @Test
  void aBigFunctionIsCutFromTheDefaultThresholdWhateverTheLimit() {
    WasmModule module = WasmModule.parseText(straightLine(3000));
    int cost = new CodeShape(module, 0).totalCost();
    int base = FunctionSplitter.DEFAULT_THRESHOLD;
    assertThat(cost).isGreaterThan(2 * FunctionSplitter.BIG * base);
    int limit = cost / 2; // over the default threshold, and the function under BIG times it
    int chunks = FunctionSplitter.plan(module, 0, limit, limit, null).chunks().size();
    assertThat(chunks)
        .isEqualTo(
            FunctionSplitter.plan(module, 0, base / FunctionSplitter.BIG, 0, null).chunks().size())
        .isGreaterThan(FunctionSplitter.plan(module, 0, limit, 0, null).chunks().size());
  }

  /** A module whose one function adds {@code loads} loads from memory, one after another. */
  private static String straightLine(int loads) {
    StringBuilder w = new StringBuilder("(module (memory 1) (func (param i32) (result i32)");
    w.append(" (local i32)\n");
    for (int k = 0; k < loads; k++) {
      w.append("local.get 0 i32.load offset=").append(4 * (k % 1000));
      w.append(" local.get 1 i32.add local.set 1\n");
    }
    return w.append("local.get 1))").toString();
  }

  private static int nesting(FunctionSplitter.Chunk c) {
    return 1 + c.children.stream().mapToInt(SplitFunctionTest::nesting).max().orElse(0);
  }

  /** Chunks take their stack inputs and the frame, whatever the number of locals they use. */
  @Test
  void chunksTakeTheFrameRatherThanTheirLocals() throws Exception {
    WasmModule module = WasmModule.parseText(wat());
    CompiledModule code = CompiledModule.of(module, 1800);
    code.compileAll();
    assertThat(code.statistics().splitFunctions).isEqualTo(1);
    List<java.lang.reflect.Method> chunks = ChunkMethods.of(code, module.importedFunctionCount());
    for (java.lang.reflect.Method m : chunks) {
      // entry, long[], Object[], fuel, instance, and up to three operands a chunk may start
      // above (the body's expressions are no deeper): never one per local (there are TEMPS + 6)
      assertThat(m.getParameterCount()).as(m.getName()).isLessThanOrEqualTo(8);
    }
    assertThat(chunks.size()).isGreaterThan(2);
  }
}
