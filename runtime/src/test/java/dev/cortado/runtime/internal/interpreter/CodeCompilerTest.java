package dev.cortado.runtime.internal.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Asm;
import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.Value;
import dev.cortado.runtime.internal.WasmFunction;
import dev.cortado.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The translation: resolved branches, skipped dead code, and fusion that keeps semantics. */
class CodeCompilerTest {
  private static Instance instantiate(Asm asm) {
    return new Linker().instantiate(new Store(), asm.build());
  }

  private static String disassemble(Instance inst, String name) {
    return ((WasmFunction) inst.function(name)).compiled().disassemble();
  }

  @Test
  void everyOpcodeHasANameAndALength() {
    for (int op = 0; op < Op.COUNT; op++) {
      assertThat(Op.name(op)).doesNotStartWith("op");
    }
    assertThat(Op.name(Op.COUNT)).isEqualTo("op" + Op.COUNT);
    assertThat(Op.length(new int[] {Op.BR_TABLE, 0, 3}, 0)).isEqualTo(9);
  }

  @Test
  void vectorsTakeTwoSlotsAndRunAsSimdInstructions() {
    Instance inst =
        new Linker()
            .instantiate(
                new Store(),
                WasmModule.parseText(
                    """
                    (func (export "f") (param i32 v128 i32) (result v128 i32) (local v128)
                      local.get 1 local.tee 3 local.get 3 i32x4.add
                      local.get 1 i32.const 5 i8x16.shl
                      local.get 2 select
                      local.get 2 local.get 3 drop)
                    """));
    // Slots: param 0 at 0, param 1 at 1-2, param 2 at 3, the v128 local at 4-5.
    assertThat(disassemble(inst, "f"))
        .isEqualTo(
            """
            0: local_get2 1 2
            3: simd v128_local_tee 4
            6: local_get2 4 5
            9: simd i32x4.add
            11: local_get2 1 2
            14: const32 5
            16: simd i8x16.shl
            18: local_get 3
            20: simd v128_select
            22: local_get 3
            24: local_get2 4 5
            27: drop
            28: drop
            29: return 3
            """);
    Value v = Value.v128(0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L);
    assertThat(inst.function("f").call(Value.i32(0), v, Value.i32(7)))
        .containsExactly(Value.v128(0x0000_0004_0000_0002L, 0x0000_0008_0000_0006L), Value.i32(7));
  }

  @Test
  void countedLoopFusesItsTestAndIncrement() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "count",
                    "i32 -> i32",
                    "i32",
                    """
                    block loop
                      local.get 1 local.get 0 i32.ge_u br_if 1
                      local.get 1 i32.const 1 i32.add local.set 1
                      br 0
                    end end
                    local.get 1
                    """));
    assertThat(disassemble(inst, "count"))
        .isEqualTo(
            """
            0: loop 0
            2: local_get2 1 0
            5: jump_if_i32_ge_u 13
            7: local_i32_add_const_set 1 1 1
            11: jump 0
            13: local_get 1
            15: return 1
            """);
    assertThat(inst.function("count").call(Value.i32(1000))).containsExactly(Value.i32(1000));
  }

  @Test
  void nothingFusesAcrossABranchTarget() {
    // The loop starts between the two local.gets and between the constant and the add.
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "f",
                    "i32 -> i32",
                    "i32",
                    """
                    local.get 0
                    loop i32
                      local.get 1 i32.const 1 i32.add local.tee 1
                      local.get 1 i32.const 5 i32.lt_u br_if 0
                    end
                    i32.add
                    i32.const 3
                    block i32 i32.const 4 end
                    i32.add i32.add
                    """));
    String code = disassemble(inst, "f");
    assertThat(code).startsWith("0: local_get 0\n2: loop 0\n4: local_i32_add_const 1 1\n");
    assertThat(inst.function("f").call(Value.i32(10))).containsExactly(Value.i32(10 + 5 + 7));
  }

  @Test
  void deadCodeIsNotEmitted() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "f",
                    " -> i32",
                    "",
                    "i32.const 1 return i32.const 2 i32.const 3 i32.add drop unreachable"));
    assertThat(disassemble(inst, "f")).isEqualTo("0: const32 1\n2: return 1\n4: return 1\n");
  }

  @Test
  void fusedComparisonsBranchExactlyLikeUnfusedOnes() {
    List<String> ops =
        List.of("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u");
    Asm asm = Asm.module();
    for (String op : ops) {
      asm.func(
          "if_" + op,
          "i32 i32 -> i32",
          "",
          "local.get 0 local.get 1 i32." + op + " if i32 i32.const 1 else i32.const 0 end");
      asm.func(
          "br_" + op,
          "i32 i32 -> i32",
          "",
          "block i32 i32.const 1 local.get 0 local.get 1 i32."
              + op
              + " br_if 0 drop i32.const 0 end");
      asm.func("plain_" + op, "i32 i32 -> i32", "", "local.get 0 local.get 1 i32." + op);
    }
    asm.func(
        "if_eqz", "i32 -> i32", "", "local.get 0 i32.eqz if i32 i32.const 1 else i32.const 0 end");
    asm.func(
        "br_eqz",
        "i32 -> i32",
        "",
        "block i32 i32.const 1 local.get 0 i32.eqz br_if 0 drop i32.const 0 end");
    Instance inst = instantiate(asm);
    int[] values = {0, 1, -1, 5, Integer.MIN_VALUE, Integer.MAX_VALUE};
    for (String op : ops) {
      assertThat(disassemble(inst, "if_" + op)).contains("jump_if_i32_");
      assertThat(disassemble(inst, "br_" + op)).contains("jump_if_i32_" + op);
      for (int a : values) {
        for (int b : values) {
          Value expected = inst.function("plain_" + op).call(Value.i32(a), Value.i32(b))[0];
          assertThat(inst.function("if_" + op).call(Value.i32(a), Value.i32(b))[0])
              .as("if %s %d %d", op, a, b)
              .isEqualTo(expected);
          assertThat(inst.function("br_" + op).call(Value.i32(a), Value.i32(b))[0])
              .as("br_if %s %d %d", op, a, b)
              .isEqualTo(expected);
        }
      }
    }
    for (int a : values) {
      Value expected = Value.i32(a == 0 ? 1 : 0);
      assertThat(inst.function("if_eqz").call(Value.i32(a))[0]).isEqualTo(expected);
      assertThat(inst.function("br_eqz").call(Value.i32(a))[0]).isEqualTo(expected);
    }
  }

  @Test
  void addFusionsComputeModulo2To32() {
    Instance inst =
        instantiate(
            Asm.module()
                .func("subConst", "i32 -> i32", "", "local.get 0 i32.const -2147483648 i32.sub")
                .func(
                    "addConst",
                    "i32 -> i32",
                    "",
                    "local.get 0 i32.const 7 i32.mul i32.const 3 i32.add")
                .func("addLocal", "i32 i32 -> i32", "", "local.get 0 local.get 1 i32.add")
                .func(
                    "addLocal2",
                    "i32 i32 -> i32",
                    "",
                    "i32.const 1 local.get 1 i32.add local.get 0 i32.sub"));
    assertThat(inst.function("subConst").call(Value.i32(5))[0])
        .isEqualTo(Value.i32(5 - Integer.MIN_VALUE));
    assertThat(inst.function("addConst").call(Value.i32(Integer.MAX_VALUE))[0])
        .isEqualTo(Value.i32(Integer.MAX_VALUE * 7 + 3));
    assertThat(inst.function("addLocal").call(Value.i32(Integer.MAX_VALUE), Value.i32(1))[0])
        .isEqualTo(Value.i32(Integer.MIN_VALUE));
    assertThat(inst.function("addLocal2").call(Value.i32(3), Value.i32(10))[0])
        .isEqualTo(Value.i32(8));
    assertThat(disassemble(inst, "addLocal")).contains("i32_add_local 1");
  }

  @Test
  void localToLocalAdditionAndLocalAddressLoads() {
    Instance inst =
        instantiate(
            Asm.module()
                .memory(1, 1)
                .func(
                    "sumBytes",
                    "i32 i32 -> i32",
                    "i32 i32",
                    """
                    block loop
                      local.get 2 local.get 1 i32.ge_u br_if 1
                      local.get 0 i32.load8_u local.get 3 i32.add local.set 3
                      local.get 0 local.get 2 i32.add local.set 0
                      i32.const 1 local.get 2 i32.add local.set 2
                      br 0
                    end end
                    local.get 3
                    """));
    String code = disassemble(inst, "sumBytes");
    assertThat(code).contains("local_i32_load8_u 0 0").contains("local_i32_add_local_set 0 2 0");
    dev.cortado.runtime.Memory mem =
        ((dev.cortado.runtime.internal.WasmFunction) inst.function("sumBytes")).instance.memory0;
    for (int i = 0; i < 100; i++) {
      mem.writeByte(i, (byte) 200);
    }
    // Addresses 0, 0, 1, 3, 6, 10: each step adds the counter to the address.
    assertThat(inst.function("sumBytes").call(Value.i32(0), Value.i32(6)))
        .containsExactly(Value.i32(6 * 200));
  }
}
