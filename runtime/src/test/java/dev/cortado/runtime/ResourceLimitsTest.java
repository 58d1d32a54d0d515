package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.runtime.Modes.Mode;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** StoreLimits and ResourceLimiter: memory, table and instance caps, in every mode. */
class ResourceLimitsTest {
  private static final long PAGE = MemType.PAGE_SIZE;

  private static final WasmModule GROWER =
      WasmModule.parseText(
          """
          (module
            (memory (export "memory") 1)
            (table (export "table") 1 funcref)
            (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
            (func (export "size") (result i32) (memory.size))
            (func (export "growTable") (param i32) (result i32)
              (table.grow (ref.null func) (local.get 0))))
          """);

  static List<Mode> modes() {
    return Modes.all();
  }

  private static Instance instantiate(Store store, WasmModule module) {
    return new Linker().instantiate(store, module);
  }

  private static int call(Instance inst, String name, int arg) {
    return inst.function(name).call(Value.i32(arg))[0].asInt();
  }

  @ParameterizedTest
  @MethodSource("modes")
  void memoryGrowReturnsMinusOneBeyondTheMemoryLimit(Mode mode) {
    Store store =
        new Store(
            mode.config(c -> c.withLimits(StoreLimits.unlimited().withMaxMemoryBytes(4 * PAGE))));
    Instance inst = instantiate(store, GROWER);
    assertThat(call(inst, "grow", 3)).isEqualTo(1);
    assertThat(call(inst, "grow", 1)).isEqualTo(-1);
    assertThat(call(inst, "grow", 65535)).isEqualTo(-1);
    assertThat(inst.function("size").call()[0].asInt()).isEqualTo(4);
    // The host's Memory.grow is held to the same limit.
    assertThat(inst.memory("memory").grow(1)).isEqualTo(-1);
    assertThat(inst.memory("memory").grow(0)).isEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void memoryGrowTrapsWhenConfigured(Mode mode) {
    StoreLimits limits =
        StoreLimits.unlimited().withMaxMemoryBytes(2 * PAGE).withTrapOnGrowFailure(true);
    Instance inst = instantiate(new Store(mode.config(c -> c.withLimits(limits))), GROWER);
    assertThat(call(inst, "grow", 1)).isEqualTo(1);
    Trap trap = catchThrowableOfType(Trap.class, () -> call(inst, "grow", 1));
    assertThat(trap.kind()).isEqualTo(TrapKind.LIMIT_EXCEEDED);
    assertThat(trap.reason()).isEqualTo("resource limit exceeded");
    assertThat(trap.backtrace().getFirst().functionName()).isEqualTo("grow");
    // Beyond the type's own maximum is not a limit: -1 as the spec says.
    assertThat(call(inst, "grow", 70000)).isEqualTo(-1);
    // The host's own call never traps.
    assertThat(inst.memory("memory").grow(1)).isEqualTo(-1);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void totalMemoryIsSharedByTheStoresInstances(Mode mode) {
    Store store =
        new Store(
            mode.config(
                c -> c.withLimits(StoreLimits.unlimited().withMaxTotalMemoryBytes(5 * PAGE))));
    Instance a = instantiate(store, GROWER);
    Instance b = instantiate(store, GROWER);
    assertThat(call(a, "grow", 2)).isEqualTo(1);
    assertThat(call(b, "grow", 2)).isEqualTo(-1);
    assertThat(call(b, "grow", 1)).isEqualTo(1);
    InstantiationFailedException e =
        catchThrowableOfType(InstantiationFailedException.class, () -> instantiate(store, GROWER));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.LIMIT_EXCEEDED);
    assertThat(e.getMessage()).contains("in total exceed 327680");
    // Another store has its own budget.
    assertThat(call(instantiate(new Store(mode.config()), GROWER), "grow", 10)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("modes")
  void initialMemoryOverTheLimitFailsInstantiation(Mode mode) {
    WasmModule big = WasmModule.parseText("(module (memory 100))");
    Store store =
        new Store(
            mode.config(c -> c.withLimits(StoreLimits.unlimited().withMaxMemoryBytes(10 * PAGE))));
    InstantiationFailedException e =
        catchThrowableOfType(InstantiationFailedException.class, () -> instantiate(store, big));
    assertThat(e.trap().kind()).isEqualTo(TrapKind.LIMIT_EXCEEDED);
    assertThat(e.getMessage())
        .isEqualTo(
            "instantiation: resource limit exceeded: a memory of 6553600 bytes exceeds 655360");
    // The refused instance did not count: a small one still fits.
    instantiate(store, WasmModule.parseText("(module (memory 10))"));
  }

  @ParameterizedTest
  @MethodSource("modes")
  void tableGrowIsLimited(Mode mode) {
    StoreLimits limits = StoreLimits.unlimited().withMaxTableElements(100);
    Instance inst = instantiate(new Store(mode.config(c -> c.withLimits(limits))), GROWER);
    assertThat(call(inst, "growTable", 99)).isEqualTo(1);
    assertThat(call(inst, "growTable", 1)).isEqualTo(-1);
    assertThat(inst.table("table").grow(1, Value.nullRef(dev.cortado.wasm.ValType.FUNCREF)))
        .isEqualTo(-1);
    Instance trapping =
        instantiate(
            new Store(mode.config(c -> c.withLimits(limits.withTrapOnGrowFailure(true)))), GROWER);
    Trap trap = catchThrowableOfType(Trap.class, () -> call(trapping, "growTable", 100));
    assertThat(trap.kind()).isEqualTo(TrapKind.LIMIT_EXCEEDED);
    InstantiationFailedException e =
        catchThrowableOfType(
            InstantiationFailedException.class,
            () ->
                instantiate(
                    new Store(mode.config(c -> c.withLimits(limits))),
                    WasmModule.parseText("(module (table 101 funcref))")));
    assertThat(e.getMessage()).endsWith("a table of 101 elements exceeds 100");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void instancesMemoriesAndTablesAreCounted(Mode mode) {
    Store store =
        new Store(
            mode.config(
                c -> c.withLimits(StoreLimits.unlimited().withMaxInstances(3).withMaxMemories(2))));
    instantiate(store, GROWER);
    instantiate(store, GROWER);
    InstantiationFailedException e =
        catchThrowableOfType(InstantiationFailedException.class, () -> instantiate(store, GROWER));
    assertThat(e.getMessage()).endsWith("more than 2 memories");
    instantiate(store, WasmModule.parseText("(module)"));
    e =
        catchThrowableOfType(
            InstantiationFailedException.class,
            () -> instantiate(store, WasmModule.parseText("(module)")));
    assertThat(e.getMessage()).endsWith("more than 3 instances");
    Store tables =
        new Store(mode.config(c -> c.withLimits(StoreLimits.unlimited().withMaxTables(1))));
    e =
        catchThrowableOfType(
            InstantiationFailedException.class,
            () ->
                instantiate(
                    tables, WasmModule.parseText("(module (table 1 funcref) (table 1 funcref))")));
    assertThat(e.getMessage()).endsWith("more than 1 tables");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aResourceLimiterSeesEveryGrowthAndCanRefuse(Mode mode) {
    List<String> seen = new ArrayList<>();
    ResourceLimiter limiter =
        new ResourceLimiter() {
          @Override
          public boolean memoryGrowing(long current, long desired, long maximum) {
            seen.add("memory " + current + " -> " + desired + " of " + maximum);
            return desired <= 3 * PAGE;
          }

          @Override
          public boolean tableGrowing(long current, long desired, long maximum) {
            seen.add("table " + current + " -> " + desired + " of " + maximum);
            return desired <= 10;
          }
        };
    Instance inst = instantiate(new Store(mode.config(), limiter), GROWER);
    assertThat(call(inst, "grow", 2)).isEqualTo(1);
    assertThat(call(inst, "grow", 1)).isEqualTo(-1);
    assertThat(call(inst, "grow", 0)).isEqualTo(3);
    assertThat(call(inst, "growTable", 20)).isEqualTo(-1);
    assertThat(seen)
        .containsExactly(
            "memory 0 -> 65536 of 2147418112",
            "table 0 -> 1 of 4294967295",
            "memory 65536 -> 196608 of 2147418112",
            "memory 196608 -> 262144 of 2147418112",
            "table 1 -> 21 of 4294967295");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void aLimiterThatThrowsIsAHostError(Mode mode) {
    ResourceLimiter broken =
        new ResourceLimiter() {
          @Override
          public boolean memoryGrowing(long current, long desired, long maximum) {
            if (current > 0) {
              throw new IllegalStateException("limiter broke");
            }
            return true;
          }
        };
    Instance inst = instantiate(new Store(mode.config(), broken), GROWER);
    Trap trap = catchThrowableOfType(Trap.class, () -> call(inst, "grow", 1));
    assertThat(trap.kind()).isEqualTo(TrapKind.HOST_ERROR);
    assertThat(trap.getCause()).hasMessage("limiter broke");
  }

  @ParameterizedTest
  @MethodSource("modes")
  void hostMemoriesAndTablesAreNotTheStores(Mode mode) {
    Memory hostMemory = Memory.of(MemType.of(Limits.of(1)));
    Linker linker = new Linker().define("env", "memory", hostMemory);
    Store store =
        new Store(mode.config(c -> c.withLimits(StoreLimits.unlimited().withMaxMemoryBytes(0))));
    Instance inst =
        linker.instantiate(
            store,
            WasmModule.parseText(
                """
                (module (import "env" "memory" (memory 1))
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
                """));
    assertThat(call(inst, "grow", 5)).isEqualTo(1);
  }
}
