package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Memory;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compiled code keeps the memory's extent (its array and size) in a local, read again wherever it
 * may have changed (docs/compiler.md, "Memory, tables, globals"): after a call, a {@code
 * memory.grow}, a split chunk's return, and at the header of a loop that calls nothing. Here the
 * memory grows in every way a function can see (its own {@code memory.grow}, a wasm callee's, the
 * host's through the embedding API, inside and outside loops, in split methods), by enough pages
 * that the array behind it is both kept (growth over-allocates) and replaced; right after each
 * growth the function writes to the new page and reads it back. A stale size would trap, a stale
 * array would lose the write. The modes are {@link CompiledTrapTest}'s: compiled whole, split into
 * small methods, tiered.
 */
class MemoryReloadTest {
  private static final int PAGES = 40;

  /** A loop of {@code n} turns; each grows the memory by one page with {@code grow} (an i32). */
  private static String growLoop(String name, String grow) {
    // The last word of the page just added: (pages before the growth + 1) * 65536 - 4.
    String addr =
        "(i32.sub (i32.mul (i32.add (local.get $old) (i32.const 1)) (i32.const 65536))"
            + " (i32.const 4))";
    return """
          (func (export "%s") (param $n i32) (result i32)
            (local $i i32) (local $old i32) (local $sum i32)
            (loop $l
              (local.set $old %s)
              (if (i32.lt_s (local.get $old) (i32.const 0)) (then unreachable))
              (i32.store %s (i32.add (local.get $i) (i32.const 1000)))
              (local.set $sum (i32.add (local.get $sum) (i32.load %s)))
              (i32.store8 (i32.const 7) (local.get $i))
              (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                                  (local.get $n))))
            ;; After the loop, in the method that called the loop's chunk if split.
            (i32.add (local.get $sum)
                     (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)))))
        """
        .formatted(name, grow, addr, addr);
  }

  private static String wat() {
    return "(module\n"
        + "  (import \"host\" \"grow\" (func $hostGrow (param i32) (result i32)))\n"
        + "  (memory (export \"memory\") 1)\n"
        + "  (func $grow (param i32) (result i32) (memory.grow (local.get 0)))\n"
        + "  (func $nothing (param i32) (result i32) (local.get 0))\n"
        + growLoop("byItself", "(memory.grow (i32.const 1))")
        + growLoop("byCallee", "(call $grow (i32.const 1))")
        + growLoop("byHost", "(call $hostGrow (i32.const 1))")
        // Grows once, before a loop that calls nothing, which then fills the new pages.
        + """
          (func (export "thenFill") (param $n i32) (result i32)
            (local $i i32) (local $end i32)
            (drop (call $nothing (i32.const 0)))
            (drop (call $grow (local.get $n)))
            (local.set $end (i32.mul (memory.size) (i32.const 65536)))
            (local.set $i (i32.const 65536))
            (loop $l
              (i32.store (local.get $i) (local.get $i))
              (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4)))
                                  (local.get $end))))
            (i32.load (i32.sub (local.get $end) (i32.const 4))))
          )
          """;
  }

  /** What each export gives, or its trap, followed by a digest of the memory it leaves. */
  private static List<String> outcomes(StoreConfig config) {
    return outcomes(config, new ArrayList<>());
  }

  /** As above; {@code seen} gets, for each host call, whether compiled code made it. */
  private static List<String> outcomes(StoreConfig config, List<Boolean> seen) {
    List<String> out = new ArrayList<>();
    for (String export : List.of("byItself", "byCallee", "byHost", "thenFill")) {
      Linker linker = new Linker();
      linker.define(
          "host",
          "grow",
          FuncType.of(List.of(ValType.I32), List.of(ValType.I32)),
          (caller, args) -> {
            seen.add(CompiledCaller.calledFromCompiledCode());
            return new Value[] {Value.i32((int) caller.memory().grow(args[0].asInt()))};
          });
      Instance inst = linker.instantiate(new Store(config), WasmModule.parseText(wat()));
      try {
        out.add(export + " " + Arrays.toString(inst.function(export).call(Value.i32(PAGES))));
      } catch (Trap t) {
        out.add(export + " trap " + t.kind());
      }
      Memory m = inst.memory("memory");
      out.add(
          export
              + " pages "
              + m.pages()
              + " memory "
              + Arrays.hashCode(m.readBytes(0, (int) m.byteSize())));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(CompiledTrapTest.Mode.class)
  void growthIsSeenAtOnceInEveryMode(CompiledTrapTest.Mode mode) {
    List<String> expected = outcomes(StoreConfig.defaults().withTier(Tier.INTERPRETER));
    // The sum of i + 1000 for i below PAGES and the last of them, and the last word of PAGES + 1
    // pages.
    assertThat(expected)
        .contains(
            "byItself " + Arrays.toString(new Value[] {Value.i32(PAGES * 1000 + 780 + 1039)}),
            "thenFill " + Arrays.toString(new Value[] {Value.i32((PAGES + 1) * 65536 - 4)}))
        .noneMatch(s -> s.contains("trap"));
    assertThat(outcomes(mode.config)).isEqualTo(expected);
  }

  /**
   * Tiered mode, tiering up after a few turns of a loop: {@code byHost}'s one call starts in the
   * interpreter, which grows the memory, and goes on in compiled code entered in the middle of the
   * loop (on-stack replacement), which must read the memory as the interpreter left it.
   */
  @Test
  void growthIsSeenAcrossATierUpInTheMiddleOfALoop() {
    List<Boolean> seen = new ArrayList<>();
    StoreConfig tiered =
        StoreConfig.defaults()
            .withTier(Tier.TIERED)
            .withTierUpThreshold(5)
            .withBackgroundCompilation(false);
    assertThat(outcomes(tiered, seen))
        .isEqualTo(outcomes(StoreConfig.defaults().withTier(Tier.INTERPRETER)));
    // byHost's calls of the host, one call of byHost: first interpreted, then compiled.
    List<Boolean> byHost = seen.subList(0, PAGES);
    assertThat(byHost.getFirst()).isFalse();
    assertThat(byHost.getLast()).isTrue();
  }
}
