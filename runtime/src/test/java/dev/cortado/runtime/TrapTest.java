package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.runtime.Trap.FrameInfo;
import dev.cortado.wasm.FuncType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trap kinds, messages, backtraces with names and offsets, and the call depth limit. */
class TrapTest {
  private static final String INNER = "i32.const 1 i32.const 0 i32.div_s";

  @Test
  void backtraceListsFramesInnermostFirstWithNamesAndOffsets() {
    Instance inst =
        new Linker()
            .instantiate(
                new Store(),
                Asm.module()
                    .name("mod")
                    .func(null, " -> i32", "", INNER)
                    .func("middle", " -> i32", "", "nop call 0")
                    .func("outer", " -> i32", "", "nop nop call 1")
                    .funcName(0, "inner")
                    .build());
    Trap trap = catchThrowableOfType(Trap.class, () -> inst.function("outer").call());
    assertThat(trap.kind()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertThat(trap.reason()).isEqualTo("integer divide by zero");
    assertThat(trap.backtrace())
        .containsExactly(
            new FrameInfo("mod", 0, "inner", INNER.indexOf("i32.div_s")),
            new FrameInfo("mod", 1, "middle", 4),
            new FrameInfo("mod", 2, "outer", 8));
    assertThat(trap.formatBacktrace()).contains("mod!inner @ 0x18").contains("mod!outer @ 0x8");
  }

  @Test
  void aTrapInAFusedInstructionReportsTheTrappingInstruction() {
    String body = "local.get 0 i32.load local.get 0 i64.load offset=8 i64.eqz i32.add";
    Instance inst =
        new Linker()
            .instantiate(
                new Store(),
                Asm.module().memory(1, 1).func("load", "i32 -> i32", "", body).build());
    Trap trap =
        catchThrowableOfType(Trap.class, () -> inst.function("load").call(Value.i32(65533)));
    assertThat(trap.kind()).isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    assertThat(trap.backtrace().getFirst().offset()).isEqualTo(body.indexOf("i32.load"));
    trap = catchThrowableOfType(Trap.class, () -> inst.function("load").call(Value.i32(65524)));
    assertThat(trap.backtrace().getFirst().offset()).isEqualTo(body.indexOf("i64.load"));
  }

  @Test
  void eachTrapReportsItsOwnInstructionAfterAnEarlierTrap() {
    // The interpreter's hot loop records where it trapped for the loop that changes frames; a trap
    // raised by that loop itself (unreachable, a call) must not reuse the position of an earlier
    // one.
    String load = "local.get 0 i32.const 4 i32.add i32.load";
    String later = "i32.const 0 i32.load i32.const 0 i32.load i32.add drop unreachable";
    Instance inst =
        new Linker()
            .instantiate(
                new Store(StoreConfig.defaults().withTier(Tier.INTERPRETER)),
                Asm.module()
                    .memory(1, 1)
                    .func("load", "i32 -> i32", "", load)
                    .func("later", " -> ", "", later)
                    .build());
    for (int i = 0; i < 2; i++) {
      Trap trap =
          catchThrowableOfType(Trap.class, () -> inst.function("load").call(Value.i32(65535)));
      assertThat(trap.backtrace().getFirst().offset()).isEqualTo(load.indexOf("i32.load"));
      trap = catchThrowableOfType(Trap.class, () -> inst.function("later").call());
      assertThat(trap.kind()).isEqualTo(TrapKind.UNREACHABLE);
      assertThat(trap.backtrace().getFirst().offset()).isEqualTo(later.indexOf("unreachable"));
    }
  }

  @Test
  void everyTrapKindHasTheSpecMessage() {
    Instance inst =
        new Linker()
            .instantiate(
                new Store(),
                Asm.module()
                    .memory(1, 1)
                    .table("funcref", 1, 1)
                    .func("unreachable", " -> ", "", "unreachable")
                    .func("oob", " -> i32", "", "i32.const 65536 i32.load")
                    .func("table", " -> ", "", "i32.const 1 ref.null func table.set 0")
                    .func("undefined", " -> ", "", "i32.const 1 call_indirect 0 0")
                    .func("uninitialized", " -> ", "", "i32.const 0 call_indirect 0 0")
                    .func("conversion", " -> i32", "", "f32.const bits=0x7fc00000 i32.trunc_f32_u")
                    .build());
    expect(inst, "unreachable", TrapKind.UNREACHABLE, "unreachable");
    expect(inst, "oob", TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS, "out of bounds memory access");
    expect(inst, "table", TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS, "out of bounds table access");
    expect(inst, "undefined", TrapKind.UNDEFINED_ELEMENT, "undefined element 1");
    expect(inst, "uninitialized", TrapKind.UNINITIALIZED_ELEMENT, "uninitialized element 0");
    expect(
        inst,
        "conversion",
        TrapKind.INVALID_CONVERSION_TO_INTEGER,
        "invalid conversion to integer");
  }

  private static void expect(Instance inst, String name, TrapKind kind, String message) {
    Trap trap = catchThrowableOfType(Trap.class, () -> inst.function(name).call());
    assertThat(trap.kind()).as(name).isEqualTo(kind);
    assertThat(trap.reason()).as(name).isEqualTo(message);
    assertThat(trap.backtrace()).as(name).hasSize(1);
    assertThat(trap.backtrace().getFirst().functionName()).isEqualTo(name);
  }

  private static Instance recursion(int maxCallDepth) {
    return new Linker()
        .instantiate(
            // The interpreter's limits, which hold on any Java stack (compiled code uses the Java
            // stack: CompiledTrapTest covers it).
            new Store(
                StoreConfig.defaults().withTier(Tier.INTERPRETER).withMaxCallDepth(maxCallDepth)),
            Asm.module()
                .func("runaway", " -> ", "", "call 0")
                .func(
                    "depth",
                    "i32 -> i32",
                    "",
                    "local.get 0 i32.const 1 i32.le_u if i32.const 1 return end "
                        + "local.get 0 i32.const 1 i32.sub call 1 i32.const 1 i32.add")
                .build());
  }

  @Test
  void runawayRecursionExhaustsTheCallStackAtTheDefaultLimit() {
    Instance inst = recursion(StoreConfig.DEFAULT_MAX_CALL_DEPTH);
    Trap trap = catchThrowableOfType(Trap.class, () -> inst.function("runaway").call());
    assertThat(trap.kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
    assertThat(trap.reason()).isEqualTo("call stack exhausted");
    assertThat(trap.backtrace()).hasSize(StoreConfig.DEFAULT_MAX_CALL_DEPTH);
    // Deep but bounded recursion works, on a thread with a small Java stack too.
    assertThat(inst.function("depth").call(Value.i32(19_000))).containsExactly(Value.i32(19_000));
  }

  @Test
  void callDepthLimitIsExact() {
    Instance inst = recursion(100);
    assertThat(inst.function("depth").call(Value.i32(100))).containsExactly(Value.i32(100));
    assertThatThrownBy(() -> inst.function("depth").call(Value.i32(101)))
        .isInstanceOfSatisfying(
            Trap.class, t -> assertThat(t.kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED));
    // The machine is usable again afterwards.
    assertThat(inst.function("depth").call(Value.i32(50))).containsExactly(Value.i32(50));
  }

  @Test
  void deepRecursionRunsOnASmallJavaStack() throws InterruptedException {
    Instance inst = recursion(StoreConfig.DEFAULT_MAX_CALL_DEPTH);
    Value[][] result = new Value[1][];
    Throwable[] failure = new Throwable[1];
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                result[0] = inst.function("depth").call(Value.i32(20_000));
                inst.function("runaway").call();
              } catch (Throwable e) {
                failure[0] = e;
              }
            },
            "small-stack",
            256 * 1024);
    t.start();
    t.join();
    assertThat(result[0]).containsExactly(Value.i32(20_000));
    assertThat(failure[0]).isInstanceOf(Trap.class);
  }

  @Test
  void recursionThroughHostFunctionsEndsInATrapNotAStackOverflowError() {
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
            new Store(StoreConfig.defaults().withMaxCallDepth(1_000_000)),
            Asm.module()
                .importFunc("env", "reenter", " -> ")
                .func("f", " -> ", "", "call 0")
                .build());
    Trap trap = catchThrowableOfType(Trap.class, () -> self[0].function("f").call());
    assertThat(trap.kind()).isEqualTo(TrapKind.CALL_STACK_EXHAUSTED);
    assertThat(trap.backtrace()).isNotEmpty();
    assertThat(self[0].function("f")).isNotNull();
  }
}
