package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Asm;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Trap;
import dev.cortado.runtime.Value;
import dev.cortado.runtime.internal.MemoryInstance;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Compiled loads and stores against the interpreter's, at every width and around every edge: the
 * memory's end, the end of the longer array behind it (growth over-allocates), addresses of 2^31
 * and more, and large offsets. The runtime module's tests run twice: without the export of {@code
 * jdk.internal.misc} (compiled code uses {@link MemoryOps}, as in an embedder that does not add it)
 * and with it ({@link DirectMemoryOps}, as the {@code cortado} launcher runs); the system property
 * {@code cortado.test.directMemory} says which this run is, so that neither path goes untested
 * unnoticed. The {@code Unsafe} accesses check nothing themselves: here an access past the memory
 * but inside its array must trap as the interpreter's does.
 */
class DirectMemoryOpsTest {
  private static final String[] LOADS = {
    "i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u",
    "i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u",
    "i64.load32_s", "i64.load32_u", "f32.load", "f64.load"
  };

  private static final String[] STORES = {
    "i32.store",
    "i32.store8",
    "i32.store16",
    "i64.store",
    "i64.store8",
    "i64.store16",
    "i64.store32",
    "f32.store",
    "f64.store"
  };

  private static final long[] OFFSETS = {0, 1, 3, 65536, 0x7FFF_FFFFL, 0xFFFF_FFFFL};

  private static WasmModule module() {
    Asm asm = Asm.module().memory(1, 8).export("memory", ExternKind.MEMORY, 0);
    for (String load : LOADS) {
      String result = load.substring(0, 3);
      for (int k = 0; k < OFFSETS.length; k++) {
        // Loads are reinterpreted to integers, so that NaN payloads compare exactly.
        String bits = result.equals("f32") ? " i32.reinterpret_f32" : "";
        bits = result.equals("f64") ? " i64.reinterpret_f64" : bits;
        String type = result.startsWith("f") ? (result.equals("f32") ? "i32" : "i64") : result;
        asm.func(
            load + "/" + k,
            "i32 -> " + type,
            "",
            "local.get 0 " + load + " offset=" + OFFSETS[k] + bits);
      }
    }
    for (String store : STORES) {
      String type = store.substring(0, 3);
      String value =
          switch (type) {
            case "f32" -> "local.get 1 f32.reinterpret_i32";
            case "f64" -> "local.get 1 i64.extend_i32_u i64.const 32 i64.shl f64.reinterpret_i64";
            case "i64" -> "local.get 1 i64.extend_i32_s i64.const 0x0102030405060708 i64.xor";
            default -> "local.get 1";
          };
      for (int k = 0; k < OFFSETS.length; k++) {
        asm.func(
            store + "/" + k,
            "i32 i32 -> ",
            "",
            "local.get 0 " + value + " " + store + " offset=" + OFFSETS[k]);
      }
    }
    asm.func("grow", "i32 -> i32", "", "local.get 0 memory.grow");
    return asm.build();
  }

  /** An instance in {@code tier} whose memory has grown to 4 pages, with an array of 4.5. */
  private static Instance grown(WasmModule module, Tier tier) {
    Instance inst =
        new Linker().instantiate(new Store(StoreConfig.defaults().withTier(tier)), module);
    for (int i = 0; i < 3; i++) {
      inst.function("grow").call(Value.i32(1));
    }
    byte[] pattern = new byte[4 * 65536];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) (i * 31 + 7);
    }
    inst.memory("memory").write(0, pattern);
    return inst;
  }

  private static MemoryInstance memory(Instance inst) {
    return (MemoryInstance) inst.memory("memory");
  }

  /** The addresses to try, as unsigned 32-bit values in ints. */
  private static List<Integer> addresses(MemoryInstance m) {
    int size = m.extent.size;
    int array = m.extent.bytes.length;
    List<Integer> list = new ArrayList<>(List.of(0, 1, 7, Integer.MAX_VALUE, Integer.MIN_VALUE));
    for (int d = -17; d <= 17; d++) {
      list.add(size + d);
      list.add(array + d);
      list.add(d); // -17 .. -1 are addresses near 2^32
      list.add(size - 65536 + d);
    }
    return list;
  }

  private static String outcome(Instance inst, String name, Value... args) {
    try {
      Value[] r = inst.function(name).call(args);
      return r.length == 0 ? "ok" : r[0].toString();
    } catch (Trap t) {
      return "trap " + t.kind();
    }
  }

  @Test
  void theDirectAccessesAreUsedExactlyWhenThisRunSaysSo() {
    assertThat(DirectMemoryOps.AVAILABLE)
        .isEqualTo(Boolean.getBoolean("cortado.test.directMemory"));
  }

  @Test
  void growthLeavesTheArrayLongerThanTheMemory() {
    MemoryInstance m = memory(grown(module(), Tier.COMPILED));
    assertThat(m.extent.size).isEqualTo(4 * 65536);
    assertThat(m.extent.bytes.length).isGreaterThan(m.extent.size);
    assertThat(m.extent.bytes).isSameAs(m.array());
  }

  /** What each of {@code ops} does at every offset and address, compiled against interpreted. */
  private record Comparison(List<String> mismatches, int traps) {}

  private static Comparison compare(
      Instance interpreted, Instance compiled, String[] ops, IntFunction<Value[]> args) {
    List<String> mismatches = new ArrayList<>();
    int traps = 0;
    for (String op : ops) {
      for (int k = 0; k < OFFSETS.length; k++) {
        for (int addr : addresses(memory(compiled))) {
          String name = op + "/" + k;
          Value[] a = args.apply(addr);
          String expected = outcome(interpreted, name, a);
          String actual = outcome(compiled, name, a);
          traps += expected.startsWith("trap") ? 1 : 0;
          if (!expected.equals(actual)) {
            mismatches.add(name + " at " + Integer.toUnsignedString(addr) + ": " + actual);
          }
        }
      }
    }
    return new Comparison(mismatches, traps);
  }

  @Test
  void everyLoadMatchesTheInterpreterAroundEveryEdge() {
    WasmModule module = module();
    Comparison c =
        compare(
            grown(module, Tier.INTERPRETER),
            grown(module, Tier.COMPILED),
            LOADS,
            addr -> new Value[] {Value.i32(addr)});
    assertThat(c.mismatches()).isEmpty();
    assertThat(c.traps()).isGreaterThan(1000); // the edges were reached
  }

  @Test
  void everyStoreMatchesTheInterpreterAroundEveryEdge() {
    WasmModule module = module();
    Instance interpreted = grown(module, Tier.INTERPRETER);
    Instance compiled = grown(module, Tier.COMPILED);
    Comparison c =
        compare(
            interpreted,
            compiled,
            STORES,
            addr -> new Value[] {Value.i32(addr), Value.i32(addr * 1103515245 + 12345)});
    assertThat(c.mismatches()).isEmpty();
    assertThat(c.traps()).isGreaterThan(500);
    MemoryInstance a = memory(interpreted);
    MemoryInstance b = memory(compiled);
    assertThat(Arrays.equals(a.array(), 0, a.extent.size, b.array(), 0, b.extent.size)).isTrue();
    // Nothing was written past the memory, into the rest of the array.
    byte[] rest = Arrays.copyOfRange(b.array(), b.extent.size, b.array().length);
    assertThat(rest).containsOnly(0);
  }
}
