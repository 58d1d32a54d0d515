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

/**
 * The translation: slot operands, deferred reads of locals and constants, results written into
 * locals, resolved branches, skipped dead code, and fusion that keeps semantics.
 */
class CodeCompilerTest {
  private static Instance instantiate(Asm asm) {
    return new Linker().instantiate(new Store(), asm.build());
  }

  private static String disassemble(Instance inst, String name) {
    return ((WasmFunction) inst.function(name)).compiled().disassemble();
  }

  private static Value[] call(Instance inst, String name, int... args) {
    Value[] values = new Value[args.length];
    for (int i = 0; i < args.length; i++) {
      values[i] = Value.i32(args[i]);
    }
    return inst.function(name).call(values);
  }

  @Test
  void everyOpcodeHasANameAndALength() {
    for (int op = 0; op < Op.COUNT; op++) {
      assertThat(Op.name(op)).doesNotStartWith("op");
      if (op != Op.BR_TABLE && op != Op.SIMD) {
        assertThat(Op.length(new int[] {op}, 0)).as(Op.name(op)).isPositive();
      }
    }
    assertThat(Op.name(Op.COUNT)).isEqualTo("op" + Op.COUNT);
    assertThat(Op.length(new int[] {Op.BR_TABLE, 0, 0, 0, 3}, 0)).isEqualTo(11);
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
    // Slots: param 0 at 0, param 1 at 1-2, param 2 at 3, the v128 local at 4-5, the constant 5
    // at 6; operands from 7.
    assertThat(disassemble(inst, "f"))
        .isEqualTo(
            """
            0: move 7 1
            3: move 8 2
            6: move 4 7
            9: move 5 8
            12: move 9 4
            15: move 10 5
            18: simd i32x4.add 11
            21: move 9 1
            24: move 10 2
            27: move 11 6
            30: simd i8x16.shl 12
            33: move 11 3
            36: simd v128_select 12
            39: move 10 4
            42: move 11 5
            45: move 9 3
            48: return 3 7
            """);
    Value v = Value.v128(0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L);
    assertThat(inst.function("f").call(Value.i32(0), v, Value.i32(7)))
        .containsExactly(Value.v128(0x0000_0004_0000_0002L, 0x0000_0008_0000_0006L), Value.i32(7));
  }

  @Test
  void countedLoopReadsItsLocalsAndConstantsInPlace() {
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
    // Locals at 0 and 1, the constant 1 at 2, operands from 3: the increment writes local 1.
    assertThat(disassemble(inst, "count"))
        .isEqualTo(
            """
            0: loop 0 3
            3: jump_if_i32_ge_u 1 0 13
            7: i32_add 1 1 2
            11: jump 0
            13: move 3 1
            16: return 1 3
            """);
    assertThat(call(inst, "count", 1000)).containsExactly(Value.i32(1000));
  }

  @Test
  void aWriteToALocalFirstMaterializesItsPendingReads() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "f",
                    "i32 -> i32",
                    "",
                    "local.get 0 local.get 0 i32.const 1 local.set 0 i32.add")
                .func(
                    "tee",
                    "i32 -> i32",
                    "",
                    "local.get 0 local.get 0 i32.const 1 i32.add local.tee 0 i32.add local.get 0"
                        + " i32.mul")
                .func(
                    "inBlock",
                    "i32 i32 -> i32",
                    "",
                    "local.get 0 block local.get 1 local.set 0 end local.get 0 i32.sub")
                .func(
                    "inIf",
                    "i32 i32 -> i32",
                    "",
                    "local.get 0 local.get 1 if local.get 1 local.set 0 end local.get 0 i32.sub"));
    // The two reads of local 0 are copied to their slots before the write; i32.add reads them.
    assertThat(disassemble(inst, "f"))
        .isEqualTo(
            """
            0: move 2 0
            3: move 3 0
            6: move 0 1
            9: i32_add 2 2 3
            13: return 1 2
            """);
    assertThat(call(inst, "f", 20)).containsExactly(Value.i32(40));
    // (x + (x + 1)) * (x + 1)
    assertThat(call(inst, "tee", 5)).containsExactly(Value.i32((5 + 6) * 6));
    assertThat(call(inst, "inBlock", 10, 3)).containsExactly(Value.i32(7));
    assertThat(call(inst, "inIf", 10, 3)).containsExactly(Value.i32(7));
    assertThat(call(inst, "inIf", 10, 0)).containsExactly(Value.i32(0));
  }

  @Test
  void aResultIsWrittenStraightIntoTheLocalThatStoresIt() {
    Instance inst =
        instantiate(
            Asm.module()
                .memory(1, 1)
                .func(
                    "f",
                    "i32 i32 -> i32",
                    "i32",
                    """
                    local.get 0 local.get 1 i32.add local.set 2
                    local.get 2 i32.load offset=8 local.set 2
                    local.get 2 local.get 2 i32.mul local.tee 2
                    """));
    assertThat(disassemble(inst, "f"))
        .isEqualTo(
            """
            0: i32_add 2 0 1
            4: i32_load 2 2 8
            8: i32_mul 2 2 2
            12: move 3 2
            15: return 1 3
            """);
    assertThat(call(inst, "f", 1, 2)).containsExactly(Value.i32(0));
  }

  @Test
  void branchesCarryDeferredValuesAndLoopsTakeParameters() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "carry",
                    "i32 i32 -> i32",
                    "",
                    "block i32 local.get 0 local.get 1 br_if 0 drop i32.const 7 end")
                .func(
                    "carryBelow",
                    "i32 i32 -> i32",
                    "",
                    "local.get 1 block i32 i32.const 2 local.get 0 local.get 1 br_if 0 i32.add end"
                        + " i32.add")
                .func(
                    "table",
                    "i32 -> i32",
                    "",
                    """
                    block i32 block i32 block i32
                      local.get 0 i32.const 10 i32.mul local.get 0 br_table 0 1 2
                    end i32.const 1 i32.add end i32.const 2 i32.add end
                    """));
    assertThat(call(inst, "carry", 5, 1)).containsExactly(Value.i32(5));
    assertThat(call(inst, "carry", 5, 0)).containsExactly(Value.i32(7));
    assertThat(call(inst, "carryBelow", 5, 1)).containsExactly(Value.i32(6));
    assertThat(call(inst, "carryBelow", 5, 0)).containsExactly(Value.i32(2 + 5 + 0));
    Instance loop =
        new Linker()
            .instantiate(
                new Store(),
                WasmModule.parseText(
                    """
                    (func (export "sum") (param i32) (result i32)
                      i32.const 0 local.get 0
                      loop (param i32 i32) (result i32)
                        local.tee 0 i32.add
                        local.get 0 i32.const 1 i32.sub local.tee 0
                        local.get 0 br_if 0
                        drop
                      end)
                    """));
    assertThat(call(loop, "sum", 100)).containsExactly(Value.i32(5050));
    assertThat(call(inst, "table", 0)).containsExactly(Value.i32(3));
    assertThat(call(inst, "table", 1)).containsExactly(Value.i32(12));
    assertThat(call(inst, "table", 2)).containsExactly(Value.i32(20));
    assertThat(call(inst, "table", 9)).containsExactly(Value.i32(90));
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
                    local.set 0
                    local.get 0 i32.add
                    i32.const 3
                    block i32 i32.const 4 end
                    i32.add i32.add
                    """));
    String code = disassemble(inst, "f");
    // The loop's result is computed before its end (a branch target), so local.set copies it.
    assertThat(code).contains("move 0 ");
    assertThat(call(inst, "f", 10)).containsExactly(Value.i32(10 + 5 + 3 + 4));
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
    // The constants 1, 2, 3 at slots 0-2; the operands from 3.
    assertThat(disassemble(inst, "f")).isEqualTo("0: move 3 0\n3: return 1 3\n6: return 1 3\n");
  }

  @Test
  void manyConstantsOverflowIntoConstInstructions() {
    StringBuilder body = new StringBuilder("local.get 0");
    int n = CodeCompiler.MAX_CONSTANTS + 10;
    for (int i = 1; i <= n; i++) {
      body.append(" i64.const ").append(1000L * i << 33).append(" i64.add");
    }
    Instance inst = instantiate(Asm.module().func("f", "i64 -> i64", "", body.toString()));
    assertThat(disassemble(inst, "f")).contains("const64");
    long expected = 1;
    for (int i = 1; i <= n; i++) {
      expected += 1000L * i << 33;
    }
    assertThat(inst.function("f").call(Value.i64(1))).containsExactly(Value.i64(expected));
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
  void arithmeticWithConstantsAndLocalsWrapsModulo2To32() {
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
    assertThat(call(inst, "subConst", 5)).containsExactly(Value.i32(5 - Integer.MIN_VALUE));
    assertThat(call(inst, "addConst", Integer.MAX_VALUE))
        .containsExactly(Value.i32(Integer.MAX_VALUE * 7 + 3));
    assertThat(call(inst, "addLocal", Integer.MAX_VALUE, 1))
        .containsExactly(Value.i32(Integer.MIN_VALUE));
    assertThat(call(inst, "addLocal2", 3, 10)).containsExactly(Value.i32(8));
    assertThat(disassemble(inst, "addLocal")).isEqualTo("0: i32_add 2 0 1\n4: return 1 2\n");
  }

  @Test
  void loadsReadTheirAddressFromALocal() {
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
    // Locals 0-3, the constant 1 at 4, operands from 5.
    assertThat(code)
        .contains("i32_load8_u 5 0 0")
        .contains("i32_add 3 5 3")
        .contains("i32_add 0 0 2");
    dev.cortado.runtime.Memory mem =
        ((dev.cortado.runtime.internal.WasmFunction) inst.function("sumBytes")).instance.memory0;
    for (int i = 0; i < 100; i++) {
      mem.writeByte(i, (byte) 200);
    }
    // Addresses 0, 0, 1, 3, 6, 10: each step adds the counter to the address.
    assertThat(call(inst, "sumBytes", 0, 6)).containsExactly(Value.i32(6 * 200));
  }
}
