package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Asm;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.TrapKind;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shapes compiled code gives loops and memory accesses for C2's sake (docs/compiler.md, "Bounds
 * checks in loops") keep the interpreter's results exactly: loop back edges {@code x != limit} over
 * a counter with a stride of 2 or more, run through their rarely taken path too, and bounds checks
 * done in int arithmetic, at every address and offset around the limits.
 */
class LoopShapeTest {
  private static final StoreConfig INTERPRETER = StoreConfig.defaults().withTier(Tier.INTERPRETER);
  private static final StoreConfig COMPILED = StoreConfig.defaults().withTier(Tier.COMPILED);

  private static Instance instance(WasmModule module, StoreConfig config) {
    return new Linker().instantiate(new Store(config), module);
  }

  /** A loop counting its iterations in local 1 while {@code step} updates counter local 0. */
  private static String loop(String step) {
    return "loop local.get 1 i32.const 1 i32.add local.set 1 " + step + " br_if 0 end local.get 1";
  }

  @Test
  void counterLoopsExitAsTheInterpretersDo() {
    WasmModule module =
        Asm.module()
            .func(
                "down2", "i32 -> i32", "i32", loop("local.get 0 i32.const -2 i32.add local.tee 0"))
            .func("sub2", "i32 -> i32", "i32", loop("local.get 0 i32.const 2 i32.sub local.tee 0"))
            .func(
                "downBig",
                "i32 -> i32",
                "i32",
                loop("local.get 0 i32.const -1073741824 i32.add local.tee 0"))
            .func(
                "upNe",
                "i32 -> i32",
                "i32",
                loop("local.get 0 i32.const 1073741824 i32.add local.tee 0 i32.const 0 i32.ne"))
            .func(
                "upNeReversed",
                "i32 -> i32",
                "i32",
                loop("i32.const 0 local.get 0 i32.const 1073741824 i32.add local.tee 0 i32.ne"))
            .func(
                "up2Limit",
                "i32 -> i32",
                "i32",
                loop("local.get 0 i32.const 2 i32.add local.tee 0 i32.const 1000 i32.ne"))
            .func(
                "upLtU",
                "i32 -> i32",
                "i32",
                loop("local.get 0 i32.const 16 i32.add local.tee 0 i32.const 65520 i32.lt_u"))
            .func(
                "upLtUMax",
                "i32 -> i32",
                "i32",
                loop("local.get 0 i32.const 1 i32.add local.tee 0 i32.const 2147483647 i32.lt_u"))
            .func(
                "up2Local",
                "i32 -> i32",
                "i32 i32",
                "i32.const 1000 local.set 2 "
                    + loop("local.get 2 local.get 0 i32.const 2 i32.add local.tee 0 i32.ne"))
            .build();
    Instance interpreted = instance(module, INTERPRETER);
    Instance compiled = instance(module, COMPILED);
    // Starts that end: counting down to 0 directly, or wrapping around past the other sign first
    // (the back edge that is not the counted loop's).
    int[][] cases = {
      {'d', 6},
      {'d', 2},
      {'d', 1000},
      {'s', 10},
      {'b', 1 << 30},
      {'b', -(1 << 30)},
      {'b', 0},
      {'u', 0},
      {'u', 1 << 30},
      {'u', -(1 << 30)},
      {'r', 0},
      {'r', Integer.MIN_VALUE},
      {'l', 0},
      {'l', 998},
      // x <u c as 0 <= x < c: below, at and past the limit, and "negative" counters (large
      // unsigned, so the loop ends at once, or wrapping to 0 and running on).
      {'t', 0},
      {'t', 65504},
      {'t', 65520},
      {'t', 70000},
      {'t', -16},
      {'t', -32},
      {'t', Integer.MIN_VALUE},
      {'m', 2147483600},
      {'m', 2147483646},
      {'m', -2}
    };
    for (int repeat = 0; repeat < 3; repeat++) {
      for (int[] c : cases) {
        String name =
            switch (c[0]) {
              case 'd' -> "down2";
              case 's' -> "sub2";
              case 'b' -> "downBig";
              case 'u' -> "upNe";
              case 'r' -> "upNeReversed";
              case 'L' -> "up2Local";
              case 't' -> "upLtU";
              case 'm' -> "upLtUMax";
              default -> "up2Limit";
            };
        Value[] expected = interpreted.function(name).call(Value.i32(c[1]));
        Value[] actual = compiled.function(name).call(Value.i32(c[1]));
        assertThat(actual).as(name + "(" + c[1] + ")").isEqualTo(expected);
      }
    }
    assertThat(compiled.function("downBig").call(Value.i32(-(1 << 30)))[0].asInt()).isEqualTo(3);
    assertThat(compiled.function("upNe").call(Value.i32(0))[0].asInt()).isEqualTo(4);
    assertThat(compiled.function("upLtU").call(Value.i32(-16))[0].asInt()).isEqualTo(4096);
    assertThat(compiled.function("upLtU").call(Value.i32(-32))[0].asInt()).isEqualTo(1);
  }

  /**
   * A loop counting its iterations in local 1 that leaves in its middle when they reach 5000 or
   * when counter local 0 equals {@code limit}, moving it by {@code step} after that test.
   */
  private static String leaveInTheMiddle(int limit, int step) {
    return "block loop local.get 1 i32.const 1 i32.add local.set 1 "
        + "local.get 1 i32.const 5000 i32.eq br_if 1 "
        + ("local.get 0 i32.const " + limit + " i32.eq br_if 1 ")
        + ("local.get 0 i32.const " + step + " i32.add local.set 0 br 0 end end local.get 1");
  }

  /**
   * Loops that leave in their middle on {@code x == limit} (FusedConditions.branchOutIfTrue): on
   * the limit, from below and above it, and on counters that step over it.
   */
  @Test
  void loopsLeavingInTheMiddleExitAsTheInterpretersDo() {
    WasmModule module =
        Asm.module()
            .func("up", "i32 -> i32", "i32", leaveInTheMiddle(1000, 4))
            .func("down", "i32 -> i32", "i32", leaveInTheMiddle(0, -4))
            .build();
    Instance interpreted = instance(module, INTERPRETER);
    Instance compiled = instance(module, COMPILED);
    for (int repeat = 0; repeat < 3; repeat++) {
      for (String name : List.of("up", "down")) {
        for (int x : new int[] {0, 2, 400, 996, 1000, 1004, -8, 3, Integer.MAX_VALUE - 1}) {
          Value[] expected = interpreted.function(name).call(Value.i32(x));
          assertThat(compiled.function(name).call(Value.i32(x)))
              .as(name + "(" + x + ")")
              .isEqualTo(expected);
        }
      }
    }
    assertThat(compiled.function("up").call(Value.i32(0))[0].asInt()).isEqualTo(251);
    assertThat(compiled.function("up").call(Value.i32(1004))[0].asInt()).isEqualTo(5000);
    assertThat(compiled.function("down").call(Value.i32(400))[0].asInt()).isEqualTo(101);
    assertThat(compiled.function("down").call(Value.i32(3))[0].asInt()).isEqualTo(5000);
  }

  @Test
  void boundsChecksMatchTheInterpreterAtEveryEdge() {
    String[] accesses = {
      "i32.load", "i64.load", "i32.load8_u", "i32.load16_s", "f64.load", "i64.load32_u"
    };
    long[] offsets = {0, 1, 3, 7, 65529, 65535, 65536, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};
    int[] addresses = {
      0, 1, 65528, 65529, 65532, 65535, 65536, -1, -8, Integer.MAX_VALUE, Integer.MIN_VALUE, -65536
    };
    for (int pages : new int[] {0, 1}) {
      Asm asm = Asm.module().memory(pages, 2);
      List<String> names = new ArrayList<>();
      for (String access : accesses) {
        for (long offset : offsets) {
          String name = access + "@" + offset;
          names.add(name);
          String result =
              access.startsWith("i32") ? "i32" : access.startsWith("f64") ? "f64" : "i64";
          asm.func(name, "i32 -> " + result, "", "local.get 0 " + access + " offset=" + offset);
          String store = "store@" + offset;
          if (access.equals("i64.load")) {
            names.add(store);
            asm.func(store, "i32 -> ", "", "local.get 0 i64.const -1 i64.store offset=" + offset);
          }
        }
      }
      WasmModule module = asm.build();
      Instance interpreted = instance(module, INTERPRETER);
      Instance compiled = instance(module, COMPILED);
      for (String name : names) {
        for (int address : addresses) {
          Object expected = outcome(interpreted, name, address);
          Object actual = outcome(compiled, name, address);
          assertThat(actual)
              .as(name + " at " + address + ", " + pages + " pages")
              .isEqualTo(expected);
        }
      }
      // The last bytes of the memory are reachable, the next ones are not.
      if (pages == 1) {
        assertThat(outcome(compiled, "i64.load@0", 65528)).isInstanceOf(List.class);
        assertThat(outcome(compiled, "i64.load@1", 65528))
            .isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
        assertThat(outcome(compiled, "i32.load8_u@0", 65535)).isInstanceOf(List.class);
        assertThat(outcome(compiled, "i32.load8_u@1", 65535))
            .isEqualTo(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
      }
    }
  }

  /** The results of calling {@code name}, or the kind of its trap. */
  private static Object outcome(Instance instance, String name, int address) {
    try {
      return List.of(instance.function(name).call(Value.i32(address)));
    } catch (Trap t) {
      return t.kind();
    }
  }
}
