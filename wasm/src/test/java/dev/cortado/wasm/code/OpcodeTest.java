package dev.cortado.wasm.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpcodeTest {
  /** log2 of the bytes each access reads or writes (spec 3.3.7), read off the mnemonic. */
  @Test
  void naturalAlignmentIsTheAccessSize() {
    Map<String, Integer> expected =
        Map.ofEntries(
            Map.entry("i32.load", 2),
            Map.entry("f32.store", 2),
            Map.entry("i64.load", 3),
            Map.entry("f64.load", 3),
            Map.entry("i32.load8_s", 0),
            Map.entry("i32.load16_u", 1),
            Map.entry("i64.load32_u", 2),
            Map.entry("i64.store16", 1),
            Map.entry("i64.store32", 2),
            Map.entry("v128.load", 4),
            Map.entry("v128.load8x8_s", 3),
            Map.entry("v128.load32x2_u", 3),
            Map.entry("v128.load32_zero", 2),
            Map.entry("v128.load64_splat", 3),
            Map.entry("v128.load8_splat", 0),
            Map.entry("v128.store8_lane", 0),
            Map.entry("v128.load16_lane", 1),
            Map.entry("i32.add", -1),
            Map.entry("memory.size", -1));
    expected.forEach(
        (mnemonic, log2) ->
            assertThat(Opcode.ofMnemonic(mnemonic).naturalAlignment())
                .as(mnemonic)
                .isEqualTo(log2));
  }

  @Test
  void everyAccessHasAnAlignmentAndNothingElseDoes() {
    for (Opcode op : Opcode.values()) {
      boolean access =
          op.immediate() == Opcode.Immediate.MEMARG
              || op.immediate() == Opcode.Immediate.MEMARG_LANE;
      assertThat(op.naturalAlignment())
          .as(op.mnemonic())
          .isBetween(access ? 0 : -1, access ? 4 : -1);
    }
  }
}
