package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.runtime.Asm;
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
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiled code traps exactly as the interpreter does: same kind, reason and backtrace (function
 * names and instruction offsets), whether the code is compiled whole, split into several methods,
 * or tiered up.
 */
class CompiledTrapTest {
  enum Mode {
    COMPILED(StoreConfig.defaults().withTier(Tier.COMPILED)),
    SPLIT(StoreConfig.defaults().withTier(Tier.COMPILED).withCompiledMethodLimit(200)),
    TIERED(
        StoreConfig.defaults()
            .withTier(Tier.TIERED)
            .withTierUpThreshold(0)
            .withBackgroundCompilation(false));

    final StoreConfig config;

    Mode(StoreConfig config) {
      this.config = config;
    }
  }

  private static final StoreConfig INTERPRETER = StoreConfig.defaults().withTier(Tier.INTERPRETER);

  /** Runs {@code call} on an instance of {@code module} in each config; returns the traps. */
  private static Trap[] traps(
      WasmModule module, StoreConfig config, Function<Instance, Value[]> call) {
    Trap[] traps = new Trap[2];
    StoreConfig[] configs = {INTERPRETER, config};
    for (int i = 0; i < 2; i++) {
      Instance inst = new Linker().instantiate(new Store(configs[i]), module);
      traps[i] = catchThrowableOfType(Trap.class, () -> call.apply(inst));
    }
    return traps;
  }

  private static void assertSame(Trap[] traps) {
    assertThat(traps[0]).isNotNull();
    assertThat(traps[1]).isNotNull();
    assertThat(traps[1].kind()).isEqualTo(traps[0].kind());
    assertThat(traps[1].reason()).isEqualTo(traps[0].reason());
    assertThat(traps[1].backtrace()).isEqualTo(traps[0].backtrace());
  }

  private static final String LONG_BODY =
      "local.get 0 i32.const 3 i32.mul local.set 0 local.get 0 i32.const 7 i32.add local.set 0 "
          + "local.get 0 i32.const 5 i32.xor local.set 0 local.get 0 i32.const 1 i32.shl local.set"
          + " 0 ";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nestedCallsTrapWithTheInterpretersBacktrace(Mode mode) {
    WasmModule module =
        Asm.module()
            .name("mod")
            .memory(1, 1)
            .func(
                null,
                "i32 -> i32",
                "",
                LONG_BODY + LONG_BODY + "i32.const 1 local.get 0 i32.const 0 i32.mul i32.div_s")
            .func("middle", "i32 -> i32", "", LONG_BODY + "nop local.get 0 call 0")
            .func("outer", "i32 -> i32", "", "nop nop local.get 0 call 1 " + LONG_BODY)
            .funcName(0, "inner")
            .build();
    Trap[] traps = traps(module, mode.config, i -> i.function("outer").call(Value.i32(0)));
    assertSame(traps);
    assertThat(traps[1].kind()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertThat(traps[1].backtrace()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "unreachable",
        "oob",
        "straddle",
        "table",
        "undefined",
        "uninitialized",
        "mismatch",
        "conversion",
        "overflow",
        "divzero"
      })
  void everyTrapKindIsTheInterpreters(String name) {
    WasmModule module =
        Asm.module()
            .memory(1, 1)
            .table("funcref", 2, 2)
            .func("unreachable", " -> ", "", "nop unreachable")
            .func("oob", " -> i32", "", "i32.const 65536 i32.load")
            .func("straddle", " -> i64", "", "i32.const 65530 i64.load offset=1")
            .func("table", " -> ", "", "i32.const 2 ref.null func table.set 0")
            .func("undefined", " -> ", "", "i32.const 2 call_indirect 0 0")
            .func("uninitialized", " -> ", "", "i32.const 0 call_indirect 0 0")
            .func("mismatch", " -> ", "", "i32.const 1 call_indirect 0 0")
            .func("conversion", " -> i32", "", "f32.const bits=0x7fc00000 i32.trunc_f32_u")
            .func("overflow", " -> i32", "", "i32.const -2147483648 i32.const -1 i32.div_s")
            .func("divzero", " -> i64", "", "i64.const 1 i64.const 0 i64.rem_u")
            .func(null, "i32 -> i32", "", "local.get 0")
            .elem(dev.cortado.wasm.SegmentMode.ACTIVE, 0, "i32.const 1", 10)
            .build();
    for (Mode mode : Mode.values()) {
      Trap[] traps = traps(module, mode.config, i -> i.function(name).call());
      assertSame(traps);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void runawayRecursionExhaustsTheStackAtTheSameDepth(Mode mode) {
    WasmModule module =
        Asm.module()
            .func("runaway", " -> ", "", "nop call 0")
            .func(
                "depth",
                "i32 -> i32",
                "",
                "local.get 0 i32.const 1 i32.le_u if i32.const 1 return end "
                    + "local.get 0 i32.const 1 i32.sub call 1 i32.const 1 i32.add")
            .build();
    StoreConfig limited = mode.config.withMaxCallDepth(500);
    Instance inst = new Linker().instantiate(new Store(limited), module);
    Trap trap = catchThrowableOfType(Trap.class, () -> inst.function("runaway").call());
    assertThat(trap.kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
    assertThat(trap.backtrace()).hasSize(500);
    assertThat(trap.backtrace()).allMatch(f -> f.functionName().equals("runaway"));
    assertThat(inst.function("depth").call(Value.i32(500))).containsExactly(Value.i32(500));
    Trap deeper =
        catchThrowableOfType(Trap.class, () -> inst.function("depth").call(Value.i32(501)));
    assertThat(deeper.kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deepRecursionOnASmallJavaStackTrapsAndLeavesTheInstanceUsable(Mode mode)
      throws InterruptedException {
    WasmModule module =
        Asm.module()
            .func(
                "depth",
                "i32 -> i32",
                "",
                "local.get 0 i32.const 1 i32.le_u if i32.const 1 return end "
                    + "local.get 0 i32.const 1 i32.sub call 0 i32.const 1 i32.add")
            .build();
    Instance inst = new Linker().instantiate(new Store(mode.config), module);
    Object[] outcome = new Object[2];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                inst.function("depth").call(Value.i32(StoreConfig.DEFAULT_MAX_CALL_DEPTH));
                outcome[0] = "returned";
              } catch (Throwable e) {
                outcome[0] = e;
              }
              outcome[1] = inst.function("depth").call(Value.i32(10))[0];
            },
            "small-stack",
            128 * 1024);
    t.start();
    t.join();
    // Compiled code uses the Java stack: 20,000 frames do not fit in 128 KiB, and running out is
    // a trap, never a StackOverflowError.
    if (outcome[0] instanceof Throwable e) {
      assertThat(e).isInstanceOf(Trap.class);
      assertThat(((Trap) e).kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
    }
    assertThat(outcome[1]).isEqualTo(Value.i32(10));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aHostFunctionsTrapGetsTheWasmFramesAppended(Mode mode) {
    Linker linker = new Linker();
    linker.define(
        "env",
        "fail",
        FuncType.of(List.of(ValType.I32), List.of()),
        (caller, args) -> {
          throw new IllegalStateException("boom " + args[0].asInt());
        });
    WasmModule module =
        Asm.module()
            .importFunc("env", "fail", "i32 -> ")
            .func("f", " -> ", "", "i32.const 7 call 0")
            .func("g", " -> ", "", "nop call 1")
            .build();
    Trap[] traps = new Trap[2];
    StoreConfig[] configs = {INTERPRETER, mode.config};
    for (int i = 0; i < 2; i++) {
      Instance inst = linker.instantiate(new Store(configs[i]), module);
      traps[i] = catchThrowableOfType(Trap.class, () -> inst.function("g").call());
    }
    assertSame(traps);
    assertThat(traps[1].kind()).isEqualTo(TrapKind.HOST_ERROR);
    assertThat(traps[1].reason()).contains("boom 7");
    assertThat(traps[1].getCause()).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aTrapUnderAHostFunctionHasBothStretchesOfWasmFramesInOrder(Mode mode) {
    // g calls the host, which calls h, which calls oob: the trap unwinds oob and h, leaves wasm
    // through the host function, and comes back into wasm in g, which adds its frames there.
    Instance[] self = new Instance[1];
    Linker linker = new Linker();
    linker.define(
        "env",
        "reenter",
        FuncType.of(List.of(), List.of()),
        (caller, args) -> {
          self[0].function("h").call();
          return new Value[0];
        });
    WasmModule module =
        Asm.module()
            .memory(1, 1)
            .importFunc("env", "reenter", " -> ")
            .func("oob", " -> i32", "", "i32.const 65536 i32.load")
            .func("h", " -> ", "", "nop call 1 drop")
            .func("g", " -> ", "", "call 0")
            .func("outer", " -> ", "", "nop nop call 3")
            .build();
    Trap[] traps = new Trap[2];
    StoreConfig[] configs = {INTERPRETER, mode.config};
    for (int i = 0; i < 2; i++) {
      self[0] = linker.instantiate(new Store(configs[i]), module);
      traps[i] = catchThrowableOfType(Trap.class, () -> self[0].function("outer").call());
    }
    assertSame(traps);
    assertThat(traps[1].backtrace())
        .extracting(Trap.FrameInfo::functionName)
        .containsExactly("oob", "h", "g", "outer");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void recursionThroughHostFunctionsEndsInATrap(Mode mode) {
    Linker linker = new Linker();
    Instance[] self = new Instance[1];
    linker.define(
        "env",
        "reenter",
        FuncType.of(List.of(), List.of()),
        (caller, args) -> {
          self[0].function("f").call();
          return new Value[0];
        });
    self[0] =
        linker.instantiate(
            new Store(mode.config.withMaxCallDepth(1_000_000)),
            Asm.module()
                .importFunc("env", "reenter", " -> ")
                .func("f", " -> ", "", "call 0")
                .build());
    Trap trap = catchThrowableOfType(Trap.class, () -> self[0].function("f").call());
    assertThat(trap.kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
  }
}
