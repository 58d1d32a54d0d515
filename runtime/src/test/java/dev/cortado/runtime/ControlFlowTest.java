package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ControlFlowTest {
  static Instance instantiate(Asm asm) {
    return new Linker().instantiate(new Store(), asm.build());
  }

  static int callInt(Instance inst, String name, int... args) {
    Value[] values = new Value[args.length];
    for (int i = 0; i < args.length; i++) {
      values[i] = Value.i32(args[i]);
    }
    Value[] r = inst.function(name).call(values);
    assertThat(r).hasSize(1);
    return r[0].asInt();
  }

  static List<Modes.Mode> modes() {
    return Modes.all();
  }

  /**
   * The interpreter fuses an i32 comparison with the {@code if} or {@code br_if} that tests it; a
   * {@code br_if} testing the same local first thing in that {@code if}'s arm took the fused jump
   * for the computation of its own condition, and the code came out corrupt: a wrong result, an
   * internal error or a hang (found by {@code cortado fuzz --differential}: only the unmetered
   * interpreter differed, as metering puts a charge between the two).
   */
  @ParameterizedTest
  @MethodSource("modes")
  void aBrIfOnTheLocalAnIfJustTestedBranchesRight(Modes.Mode mode) {
    WasmModule module =
        WasmModule.parseText(
            """
            (module
              (func (export "eqz") (param i32) (result i32)
                (block (result i32)
                  (if (result i32) (i32.eqz (local.get 0))
                    (then (i32.const -104) (local.get 0) (br_if 1))
                    (else (i32.const 7)))))
              (func (export "lt") (param i32) (result i32)
                (block (result i32)
                  (if (result i32) (i32.lt_s (local.get 0) (i32.const 5))
                    (then (i32.const -104) (local.get 0) (br_if 1) (drop) (i32.const -105))
                    (else (i32.const 7)))))
              (func (export "brIf") (param i32) (result i32)
                (block (result i32)
                  (block (br_if 0 (i32.eqz (local.get 0))) (return (i32.const 9)))
                  (i32.const -104) (local.get 0) (br_if 0))))
            """);
    for (StoreConfig config : List.of(mode.config(), mode.config(c -> c.withFuel(1L << 40)))) {
      Instance inst = new Linker().instantiate(new Store(config), module);
      for (int k = 0; k < 20; k++) { // tiered mode tiers up on the way
        assertThat(callInt(inst, "eqz", 0)).isEqualTo(-104);
        assertThat(callInt(inst, "eqz", 3)).isEqualTo(7);
        assertThat(callInt(inst, "lt", 0)).isEqualTo(-105);
        assertThat(callInt(inst, "lt", 3)).isEqualTo(-104);
        assertThat(callInt(inst, "lt", 9)).isEqualTo(7);
        assertThat(callInt(inst, "brIf", 0)).isEqualTo(-104);
        assertThat(callInt(inst, "brIf", 3)).isEqualTo(9);
      }
    }
  }

  @Test
  void addsTwoNumbers() {
    Instance inst =
        instantiate(
            Asm.module().func("add", "i32 i32 -> i32", "", "local.get 0 local.get 1 i32.add"));
    assertThat(callInt(inst, "add", 2, 3)).isEqualTo(5);
    assertThat(callInt(inst, "add", Integer.MAX_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void loopsAndBranches() {
    // sum 1..n with a loop and br_if
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "sum",
                    "i32 -> i32",
                    "i32",
                    """
                    block
                      loop
                        local.get 0 i32.eqz br_if 1
                        local.get 1 local.get 0 i32.add local.set 1
                        local.get 0 i32.const 1 i32.sub local.set 0
                        br 0
                      end
                    end
                    local.get 1
                    """));
    assertThat(callInt(inst, "sum", 100)).isEqualTo(5050);
    assertThat(callInt(inst, "sum", 0)).isEqualTo(0);
  }

  @Test
  void recursiveFactorial() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "fac",
                    "i64 -> i64",
                    "",
                    """
                    local.get 0 i64.eqz
                    if i64
                      i64.const 1
                    else
                      local.get 0 local.get 0 i64.const 1 i64.sub call 0 i64.mul
                    end
                    """));
    assertThat(inst.function("fac").call(Value.i64(20))[0].asLong())
        .isEqualTo(2432902008176640000L);
  }

  @Test
  void branchesCarryValuesOutOfNestedBlocksAndDropTheRest() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "f",
                    "i32 -> i32",
                    "",
                    """
                    block i32
                      i32.const 100
                      block i32
                        i32.const 1 i32.const 2 i32.const 3
                        local.get 0
                        br_if 1
                        drop drop
                      end
                      i32.add
                    end
                    """));
    // Taken: 3 leaves the outer block, 100, 1 and 2 are discarded.
    assertThat(callInt(inst, "f", 1)).isEqualTo(3);
    // Not taken: the br_if keeps its operand; block yields 1; 100 + 1.
    assertThat(callInt(inst, "f", 0)).isEqualTo(101);
  }

  @Test
  void brTableChoosesTargetsAndDefaults() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "f",
                    "i32 -> i32",
                    "",
                    """
                    block i32
                      block i32
                        block i32
                          i32.const 7 i32.const 10
                          local.get 0
                          br_table 0 1 2 1
                        end
                        i32.const 1 i32.add
                      end
                      i32.const 2 i32.add
                    end
                    """));
    assertThat(callInt(inst, "f", 0)).isEqualTo(13);
    assertThat(callInt(inst, "f", 1)).isEqualTo(12);
    assertThat(callInt(inst, "f", 2)).isEqualTo(10);
    assertThat(callInt(inst, "f", 3)).isEqualTo(12);
    assertThat(callInt(inst, "f", -1)).isEqualTo(12);
  }

  @Test
  void brTableCanLeaveTheFunction() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "f",
                    "i32 -> i32",
                    "",
                    """
                    i32.const 5
                    block i32
                      i32.const 9
                      local.get 0
                      br_table 1 0
                    end
                    drop drop i32.const 6
                    """));
    assertThat(callInt(inst, "f", 0)).isEqualTo(9);
    assertThat(callInt(inst, "f", 1)).isEqualTo(6);
  }

  @Test
  void multiValueBlocksLoopsAndFunctions() {
    Asm asm = Asm.module();
    int twoToTwo = asm.type("i32 i32 -> i32 i32");
    int oneToOne = asm.type("i32 -> i32");
    asm.func("swap", "i32 i32 -> i32 i32", "", "local.get 1 local.get 0")
        .func(
            "sumTo",
            "i32 -> i32",
            "",
            // loop with a parameter: the accumulator; counts local 0 down to zero
            ("i32.const 0 loop type=%d local.get 0 i32.add "
                    + "local.get 0 i32.const 1 i32.sub local.tee 0 br_if 0 end")
                .formatted(oneToOne))
        .func(
            "divmod",
            "i32 i32 -> i32 i32",
            "",
            "local.get 0 local.get 1 block type=%d local.set 1 local.set 0 local.get 0 local.get 1 i32.div_u local.get 0 local.get 1 i32.rem_u end"
                .formatted(twoToTwo))
        .func(
            "ifParams",
            "i32 i32 i32 -> i32",
            "",
            "local.get 0 local.get 1 local.get 2 if type=%d i32.add else i32.sub end"
                .formatted(asm.type("i32 i32 -> i32")))
        .func("callSwap", "i32 i32 -> i32", "", "local.get 0 local.get 1 call 0 i32.sub");
    Instance inst = instantiate(asm);
    assertThat(inst.function("swap").call(Value.i32(1), Value.i32(2)))
        .containsExactly(Value.i32(2), Value.i32(1));
    assertThat(callInt(inst, "sumTo", 4)).isEqualTo(10);
    assertThat(inst.function("divmod").call(Value.i32(17), Value.i32(5)))
        .containsExactly(Value.i32(3), Value.i32(2));
    assertThat(callInt(inst, "ifParams", 7, 3, 1)).isEqualTo(10);
    assertThat(callInt(inst, "ifParams", 7, 3, 0)).isEqualTo(4);
    assertThat(callInt(inst, "callSwap", 10, 3)).isEqualTo(-7);
  }

  @Test
  void ifWithoutElseAndEarlyReturn() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "f",
                    "i32 -> i32",
                    "",
                    """
                    local.get 0 if
                      block block i32.const 42 return end end
                    end
                    i32.const 7
                    """));
    assertThat(callInt(inst, "f", 1)).isEqualTo(42);
    assertThat(callInt(inst, "f", 0)).isEqualTo(7);
  }

  @Test
  void unreachableCodeIsSkipped() {
    // Stack-polymorphic code after br and unreachable: valid, never run.
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "f",
                    " -> i32",
                    "",
                    """
                    block i32
                      i32.const 1 br 0
                      i32.add unreachable block i64 unreachable end drop if end br_table 0 0 select
                    end
                    drop block i32 i32.const 2 return i32.const 3 end
                    drop i32.const 9
                    """));
    assertThat(callInt(inst, "f")).isEqualTo(2);
  }

  @Test
  void selectPicksByCondition() {
    Instance inst =
        instantiate(
            Asm.module()
                .func("i64", "i64 i64 i32 -> i64", "", "local.get 0 local.get 1 local.get 2 select")
                .func(
                    "ref",
                    "externref externref i32 -> externref",
                    "",
                    "local.get 0 local.get 1 local.get 2 select externref"));
    assertThat(inst.function("i64").call(Value.i64(1), Value.i64(2), Value.i32(5))[0])
        .isEqualTo(Value.i64(1));
    assertThat(inst.function("i64").call(Value.i64(1), Value.i64(2), Value.i32(0))[0])
        .isEqualTo(Value.i64(2));
    Object a = new Object();
    Object b = "b";
    assertThat(
            inst.function("ref")
                .call(Value.externref(a), Value.externref(b), Value.i32(-1))[0]
                .ref())
        .isSameAs(a);
    assertThat(
            inst.function("ref")
                .call(Value.externref(a), Value.externref(b), Value.i32(0))[0]
                .ref())
        .isSameAs(b);
  }

  @Test
  void mutualRecursionAndLocalsAreZeroed() {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "even",
                    "i32 -> i32",
                    "i64 f64 externref",
                    """
                    local.get 1 i64.eqz local.get 2 f64.const 0 f64.eq i32.and
                    local.get 3 ref.is_null i32.and i32.eqz
                    if unreachable end
                    i64.const 5 local.set 1
                    local.get 0 i32.eqz if i32.const 1 return end
                    local.get 0 i32.const 1 i32.sub call 1
                    """)
                .func(
                    "odd",
                    "i32 -> i32",
                    "",
                    "local.get 0 i32.eqz if i32.const 0 return end local.get 0 i32.const 1 i32.sub call 0"));
    assertThat(callInt(inst, "even", 10)).isEqualTo(1);
    assertThat(callInt(inst, "even", 7)).isEqualTo(0);
    assertThat(callInt(inst, "odd", 7)).isEqualTo(1);
  }

  @Test
  void threadsCallTheSameInstanceConcurrently() throws Exception {
    Instance inst =
        instantiate(
            Asm.module()
                .func(
                    "fib",
                    "i32 -> i32",
                    "",
                    "local.get 0 i32.const 2 i32.lt_u if i32.const 1 return end "
                        + "local.get 0 i32.const 1 i32.sub call 0 local.get 0 i32.const 2 i32.sub call 0 i32.add"));
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = 15 + i;
        results.add(pool.submit(() -> callInt(inst, "fib", n)));
      }
      int a = 1;
      int b = 1;
      for (int i = 2; i < 15; i++) {
        int c = a + b;
        a = b;
        b = c;
      }
      for (java.util.concurrent.Future<Integer> r : results) {
        int c = a + b;
        a = b;
        b = c;
        assertThat(r.get()).isEqualTo(b);
      }
    }
  }
}
