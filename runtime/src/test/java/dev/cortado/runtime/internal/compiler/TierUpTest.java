package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Asm;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tier-up: hot functions switch from the interpreter to compiled code, in mid-loop too. */
class TierUpTest {

  /**
   * {@code run(n)}: a loop of n iterations, each calling the host's {@code probe(i)}, which returns
   * 1 to stop the loop early; returns the number of iterations done.
   */
  private static Instance loopModule(
      StoreConfig config, List<Boolean> seen, boolean stopWhenCompiled) {
    Linker linker = probeLinker(seen, stopWhenCompiled);
    WasmModule module =
        Asm.module()
            .importFunc("host", "probe", "i32 -> i32")
            .func(
                "run",
                "i32 -> i32",
                "i32",
                "block loop "
                    + "local.get 1 local.get 0 i32.ge_u br_if 1 "
                    + "local.get 1 call 0 br_if 1 "
                    + "local.get 1 i32.const 1 i32.add local.set 1 "
                    + "br 0 end end local.get 1")
            .build();
    return linker.instantiate(new Store(config), module);
  }

  @Test
  void aLoopInAFunctionCalledOnceSwitchesToCompiledCodeInTheMiddle() {
    List<Boolean> seen = new ArrayList<>();
    Instance inst = loopModule(tieredAt(100), seen, false);
    assertThat(inst.function("run").call(Value.i32(1000))).containsExactly(Value.i32(1000));
    assertThat(seen).hasSize(1000);
    int firstCompiled = seen.indexOf(Boolean.TRUE);
    // Interpreted until the loop got hot, compiled from then on, all in one call.
    assertThat(firstCompiled).isBetween(50, 150);
    assertThat(seen.subList(0, firstCompiled)).doesNotContain(Boolean.TRUE);
    assertThat(seen.subList(firstCompiled, seen.size())).doesNotContain(Boolean.FALSE);
  }

  /**
   * {@code run(n)} as in {@link #loopModule}, after six short loops, so that it is big enough to
   * split; {@code probe} records whether compiled code called it.
   */
  private static Instance splittableLoopModule(StoreConfig config, List<Boolean> seen) {
    return probeLinker(seen, false).instantiate(new Store(config), splittableLoop());
  }

  /**
   * A linker with the host's {@code probe}: records in {@code seen} whether compiled code called
   * it, and returns 1 (stop) once it did if {@code stopWhenCompiled}.
   */
  private static Linker probeLinker(List<Boolean> seen, boolean stopWhenCompiled) {
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
    return linker;
  }

  private static WasmModule splittableLoop() {
    StringBuilder before = new StringBuilder();
    for (int k = 0; k < 6; k++) {
      before.append("i32.const 0 local.set 2 loop ");
      for (int j = 0; j < 8; j++) {
        before.append("local.get 2 i32.const 7 i32.mul i32.const 1 i32.xor drop ");
      }
      before.append(
          "local.get 2 i32.const 1 i32.add local.tee 2 i32.const 3 i32.lt_u br_if 0 end ");
    }
    return Asm.module()
        .importFunc("host", "probe", "i32 -> i32")
        .func(
            "run",
            "i32 -> i32",
            "i32 i32",
            before
                + "block loop "
                + "local.get 1 local.get 0 i32.ge_u br_if 1 "
                + "local.get 1 call 0 br_if 1 "
                + "local.get 1 i32.const 1 i32.add local.set 1 "
                + "br 0 end end local.get 1")
        .build();
  }

  /** Tiered, hot after {@code threshold} calls and iterations, compiling on the calling thread. */
  private static StoreConfig tieredAt(int threshold) {
    return StoreConfig.defaults()
        .withTier(Tier.TIERED)
        .withTierUpThreshold(threshold)
        .withBackgroundCompilation(false);
  }

  private static StoreConfig tieredAt(int threshold, int methodLimit) {
    return tieredAt(threshold).withCompiledMethodLimit(methodLimit);
  }

  private static int splitFunctions(Instance inst) {
    return code(inst).statistics().splitFunctions;
  }

  @Test
  void aLoopOfASplitFunctionIsEnteredMidLoopToo() {
    // Loops before the hot one end up in split-off methods: the hot loop must still be the one
    // the compiled code enters (loop ordinals count every loop of the body).
    List<Boolean> seen = new ArrayList<>();
    Instance inst =
        splittableLoopModule(tieredAt(200, StoreConfig.MIN_COMPILED_METHOD_LIMIT), seen);
    assertThat(inst.function("run").call(Value.i32(1000))).containsExactly(Value.i32(1000));
    int firstCompiled = seen.indexOf(Boolean.TRUE);
    assertThat(firstCompiled).isBetween(100, 300);
    assertThat(seen.subList(firstCompiled, seen.size())).doesNotContain(Boolean.FALSE);
    assertThat(splitFunctions(inst)).isEqualTo(1);
    // The hot loop, which holds no loop, is a chunk of its own, entered through its call in the
    // function's method, where it keeps its locals in JVM locals.
    WasmModule module = splittableLoop();
    java.util.BitSet pins = new java.util.BitSet();
    pins.set(6);
    FunctionSplitter.Plan plan = FunctionSplitter.plan(module, 1, 200, 200, pins);
    int hot = -1;
    for (int i = 0, loops = 0; i < module.functions().get(0).body().size(); i++) {
      if (module.functions().get(0).body().get(i).opcode() == dev.cortado.wasm.code.Opcode.LOOP
          && loops++ == 6) {
        hot = i;
      }
    }
    assertThat(plan.topChildren()).containsKey(hot);
    FunctionSplitter.Chunk chunk = plan.topChildren().get(hot);
    assertThat(chunk.cached).isTrue();
    assertThat(code(inst).canEnter(1, 6)).isTrue();
  }

  @Test
  void aFunctionIsSplitOnlyNearTheLimit() {
    // Splitting costs every call (ModuleCompiler.splitTarget): a function estimated under the
    // target stays one method, entered mid-loop or from its start; over it, it is split.
    int cost = new CodeShape(splittableLoop(), 1).totalCost();
    int whole = cost;
    while (ModuleCompiler.splitTarget(whole) < cost) {
      whole += 16;
    }
    for (int limit : new int[] {whole, whole - 32}) {
      List<Boolean> seen = new ArrayList<>();
      Instance tiered = splittableLoopModule(tieredAt(200, limit), seen);
      assertThat(tiered.function("run").call(Value.i32(1000))).containsExactly(Value.i32(1000));
      assertThat(seen.subList(seen.indexOf(Boolean.TRUE), seen.size())).doesNotContain(false);
      Instance compiled =
          splittableLoopModule(
              StoreConfig.defaults().withTier(Tier.COMPILED).withCompiledMethodLimit(limit),
              new ArrayList<>());
      assertThat(compiled.function("run").call(Value.i32(1000))).containsExactly(Value.i32(1000));
      int expected = limit == whole ? 0 : 1;
      assertThat(splitFunctions(tiered)).as("tiered, limit %d", limit).isEqualTo(expected);
      assertThat(splitFunctions(compiled)).as("compiled, limit %d", limit).isEqualTo(expected);
    }
  }

  /**
   * {@code _start}, a function that runs once, with three nested loops: {@code outer} times {@code
   * middle} times {@code inner} iterations, each calling {@code probe}, whose results the exported
   * {@code out} sums up.
   */
  private static WasmModule loopNest(int outer, int middle, int inner) {
    return WasmModule.parseText(
        """
        (module
          (import "host" "probe" (func $probe (param i32) (result i32)))
          (global $out (mut i32) (i32.const 0))
          (func $start (export "_start") (local $i i32) (local $j i32) (local $k i32)
            (loop $outer
              (local.set $j (i32.const 0))
              (loop $middle
                (local.set $k (i32.const 0))
                (loop $inner
                  (global.set $out (i32.add (global.get $out)
                    (i32.add (call $probe (local.get $k)) (i32.mul (local.get $i) (local.get $j)))))
                  (br_if $inner (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1)))
                    (i32.const %d))))
                (br_if $middle (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1)))
                  (i32.const %d))))
              (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                (i32.const %d)))))
          (func (export "out") (result i32) global.get $out))
        """
            .formatted(inner, middle, outer));
  }

  @Test
  void aHotLoopInsideAnOutlinedLoopIsEnteredThroughThatLoopsChunk() {
    // _start runs once, so its middle loop is outlined (CalledOnce) as in COMPILED. Hot in the
    // inner loop, the interpreter asks for an entry at the middle one, and switches when it next
    // reaches its header: within an inner loop's run (20 iterations) of getting hot.
    WasmModule module = loopNest(3, 50, 20);
    List<Boolean> seen = new ArrayList<>();
    Instance inst = runStart(module, 100, seen);
    assertThat(firstCompiled(seen)).isBetween(80, 140);
    assertThat(seen).hasSize(3 * 50 * 20);
    CompiledModule code = code(inst);
    int start = module.importedFunctionCount();
    assertThat(code.canEnter(start, 1)).isTrue();
    assertThat(code.canEnter(start, 2)).isFalse();
    assertThat(code.statistics().splitFunctions).isEqualTo(1);
    assertThat(inst.function("out").call()).isEqualTo(interpreted(module, "out"));
    // Metered, the same fuel as in the interpreter, with the switch made at the chunk's call.
    long[] left = new long[2];
    int k = 0;
    for (StoreConfig config :
        new StoreConfig[] {StoreConfig.defaults().withTier(Tier.INTERPRETER), tieredAt(100)}) {
      Store store = new Store(config.withFuel(1_000_000));
      Instance metered = probeLinker(new ArrayList<>(), false).instantiate(store, module);
      metered.function("_start").call();
      left[k++] = store.fuel();
    }
    assertThat(left[1]).isEqualTo(left[0]).isLessThan(1_000_000 - 3 * 50 * 20);
  }

  @Test
  void aHotLoopThatRunsLongInsideAnOutlinedLoopIsEnteredItself() {
    // An inner loop that runs 30,000 times in one go: after MISSED_ENTRIES passes at its header
    // waiting for the middle loop's, the interpreter asks for an entry at the inner loop itself.
    WasmModule module = loopNest(1, 2, 30_000);
    List<Boolean> seen = new ArrayList<>();
    Instance inst = runStart(module, 100, seen);
    assertThat(firstCompiled(seen)).isBetween(10_000, 10_300);
    assertThat(code(inst).canEnter(module.importedFunctionCount(), 2)).isTrue();
    assertThat(inst.function("out").call()).isEqualTo(interpreted(module, "out"));
  }

  @Test
  void anOutlinedLoopEnteredWithOperandsBelowItAndBranchesOutOfItRunsAsInTheInterpreter() {
    // The middle loop sits on four operands (two i64, two f64), and the inner loop leaves both
    // loops by a branch to the block around them and by one to the outer loop: the entry through
    // the middle loop's chunk must load those operands, and the chunk's exits land where the
    // interpreter's branches do. Each threshold switches at another point.
    WasmModule module =
        WasmModule.parseText(
            """
            (module
              (import "host" "probe" (func $probe (param i32) (result i32)))
              (global $out (mut i64) (i64.const 0))
              (func $start (export "_start") (local $i i32) (local $j i32) (local $k i32) (local $acc f64)
                (loop $outer
                  (global.set $out (i64.add (global.get $out)
                    (i64.add (i64.const 7)
                      (i64.trunc_f64_s (f64.add (f64.const 0.5)
                        (block $leave (result f64)
                          (f64.const 1.25)
                          (local.set $j (i32.const 0))
                          (loop $middle (result f64)
                            (local.set $k (i32.const 0))
                            (loop $inner
                              (drop (call $probe (local.get $k)))
                              (if (i32.eq (local.get $k) (i32.add (local.get $i) (i32.const 25)))
                                (then (br $leave (f64.const 100))))
                              (if (i32.eq (local.get $j) (i32.const 41))
                                (then (br_if $outer (i32.lt_u
                                  (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8)))))
                              (local.set $acc (f64.add (local.get $acc) (f64.const 1)))
                              (br_if $inner (i32.lt_u
                                (local.tee $k (i32.add (local.get $k) (i32.const 1)))
                                (i32.const 30))))
                            (local.get $acc)
                            (br_if $middle (i32.lt_u
                              (local.tee $j (i32.add (local.get $j) (i32.const 1)))
                              (i32.const 50))))
                          (f64.add)))))))
                  (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                    (i32.const 8)))))
              (func (export "out") (result i64) global.get $out))
            """);
    for (int threshold : new int[] {50, 100, 700, 3000}) {
      List<Boolean> seen = new ArrayList<>();
      Instance inst = runStart(module, threshold, seen);
      // as node computes it too
      assertThat(inst.function("out").call())
          .as("threshold %d", threshold)
          .isEqualTo(interpreted(module, "out"))
          .containsExactly(Value.i64(4638));
      firstCompiled(seen);
      if (threshold == 100) {
        // hot in the inner loop during the outer loop's first turn: entered at the middle one
        assertThat(code(inst).canEnter(module.importedFunctionCount(), 1)).isTrue();
      }
    }
  }

  /**
   * Runs {@code _start} of {@code module} tiered at {@code threshold}; probes go to {@code seen}.
   */
  private static Instance runStart(WasmModule module, int threshold, List<Boolean> seen) {
    Instance inst = probeLinker(seen, false).instantiate(new Store(tieredAt(threshold)), module);
    inst.function("_start").call();
    return inst;
  }

  /** Where compiled code first called the probe; checks that it made every later call. */
  private static int firstCompiled(List<Boolean> seen) {
    int first = seen.indexOf(Boolean.TRUE);
    assertThat(first).isNotNegative();
    assertThat(seen.subList(first, seen.size())).doesNotContain(Boolean.FALSE);
    return first;
  }

  private static CompiledModule code(Instance inst) {
    return ((dev.cortado.runtime.internal.ModuleInstance) inst).compiled.code;
  }

  /** What {@code _start} then {@code getter} give in the interpreter alone. */
  private static Value[] interpreted(WasmModule module, String getter) {
    Instance inst =
        probeLinker(new ArrayList<>(), false)
            .instantiate(new Store(StoreConfig.defaults().withTier(Tier.INTERPRETER)), module);
    inst.function("_start").call();
    return inst.function(getter).call();
  }

  @Test
  @Timeout(60)
  void withBackgroundCompilationTheRunningLoopSwitchesOnceTheCodeIsReady() {
    List<Boolean> seen = new ArrayList<>();
    StoreConfig config = StoreConfig.defaults().withTier(Tier.TIERED).withTierUpThreshold(1000);
    Instance inst = loopModule(config, seen, true);
    Value[] done = inst.function("run").call(Value.i32(Integer.MAX_VALUE));
    // The loop ran interpreted until it got hot (the threshold counts the call and the loop
    // headers together, so the switch may come a little before 1000 iterations), then compiled
    // code called the probe, in this one call.
    assertThat(done[0].asInt()).isGreaterThan(900).isLessThan(Integer.MAX_VALUE);
    assertThat(seen.getFirst()).isFalse();
    assertThat(seen.getLast()).isTrue();
  }

  /**
   * {@code run(n)} calls each of {@code hot} functions {@code n} times; one more function, {@code
   * cold}, is never called.
   */
  private static WasmModule manyFunctions(int hot) {
    Asm asm = Asm.module();
    StringBuilder calls = new StringBuilder();
    for (int i = 0; i < hot; i++) {
      asm.func(null, "i32 -> i32", "", "local.get 0 i32.const " + (i + 1) + " i32.add");
      calls.append("local.get 1 call ").append(i).append(" drop ");
    }
    asm.func("cold", "i32 -> i32", "", "local.get 0");
    asm.func(
        "run",
        "i32 -> i32",
        "i32",
        "block loop local.get 1 local.get 0 i32.ge_u br_if 1 "
            + calls
            + "local.get 1 i32.const 1 i32.add local.set 1 br 0 end end local.get 1");
    return asm.build();
  }

  @Test
  @Timeout(60)
  void manyHotFunctionsStartTheCompilationOfTheWholeModule() throws InterruptedException {
    // Without a code cache, once 64 functions got hot the background compiler compiles the rest
    // of the module too; with a few hot ones it does not.
    StoreConfig config = StoreConfig.defaults().withTier(Tier.TIERED).withTierUpThreshold(5);
    Instance many = new Linker().instantiate(new Store(config), manyFunctions(80));
    many.function("run").call(Value.i32(50));
    CompiledModule code = code(many);
    while (!code.complete()) {
      Thread.sleep(10);
    }
    assertThat(code.method(80)).isNotNull(); // cold

    Instance few = new Linker().instantiate(new Store(config), manyFunctions(8));
    few.function("run").call(Value.i32(50));
    CompiledModule fewCode = code(few);
    while (fewCode.method(7) == null) {
      Thread.sleep(10);
    }
    Thread.sleep(200);
    assertThat(fewCode.method(8)).isNull(); // cold
    assertThat(fewCode.complete()).isFalse();
  }

  @Test
  void aFunctionCalledOftenIsCompiledAndCallsReachIt() {
    List<Boolean> seen = new ArrayList<>();
    Instance inst = loopModule(tieredAt(5), seen, false);
    for (int i = 0; i < 10; i++) {
      assertThat(inst.function("run").call(Value.i32(0))).containsExactly(Value.i32(0));
    }
    assertThat(inst.function("run").call(Value.i32(1))).containsExactly(Value.i32(1));
    assertThat(seen).containsExactly(true);
    CompiledModule code = ((dev.cortado.runtime.internal.ModuleInstance) inst).compiled.code;
    assertThat(code.statistics().compiledFunctions).isEqualTo(1);
  }

  @Test
  void aFunctionThatOnlyCompiledCodeCallsIsCompiledToo() {
    // run(n) loops n times on its own, which compiles it (mid-loop), then calls leaf n times from
    // compiled code. leaf has no loop: only the calls from compiled code can make it hot.
    WasmModule module =
        Asm.module()
            .importFunc("host", "probe", "i32 -> i32")
            .func(null, "i32 -> i32", "", "local.get 0 call 0")
            .func(
                "run",
                "i32 -> i32",
                "i32",
                "block loop local.get 1 local.get 0 i32.ge_u br_if 1 "
                    + "local.get 1 i32.const 1 i32.add local.set 1 br 0 end end "
                    + "i32.const 0 local.set 1 "
                    + "block loop local.get 1 local.get 0 i32.ge_u br_if 1 "
                    + "local.get 1 call 1 drop "
                    + "local.get 1 i32.const 1 i32.add local.set 1 br 0 end end local.get 1")
            .build();
    List<Boolean> seen = new ArrayList<>();
    Instance inst = probeLinker(seen, false).instantiate(new Store(tieredAt(100)), module);
    assertThat(inst.function("run").call(Value.i32(1000))).containsExactly(Value.i32(1000));
    assertThat(seen).hasSize(1000);
    int firstCompiled = seen.indexOf(Boolean.TRUE);
    assertThat(firstCompiled).isBetween(50, 150);
    assertThat(seen.subList(firstCompiled, seen.size())).doesNotContain(Boolean.FALSE);
    CompiledModule code = ((dev.cortado.runtime.internal.ModuleInstance) inst).compiled.code;
    assertThat(code.statistics().compiledFunctions).isEqualTo(2);
  }

  @Test
  void theInterpreterTierNeverCompiles() {
    List<Boolean> seen = new ArrayList<>();
    Instance inst = loopModule(StoreConfig.defaults().withTier(Tier.INTERPRETER), seen, false);
    assertThat(inst.function("run").call(Value.i32(5000))).containsExactly(Value.i32(5000));
    assertThat(seen).doesNotContain(Boolean.TRUE);
    assertThat(((dev.cortado.runtime.internal.ModuleInstance) inst).compiled).isNull();
  }
}
