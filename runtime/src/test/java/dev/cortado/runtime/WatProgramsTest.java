package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cortado.wasm.WasmModule;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Whole programs in the text format: loops, memory, indirect calls and traps working together. */
class WatProgramsTest {
  private static Instance instantiate(String wat) {
    return new Linker().instantiate(new Store(), WasmModule.parseText(wat));
  }

  @Test
  void quicksortsAnArrayInMemory() {
    Instance inst =
        instantiate(
            """
            (module $sort
              (memory (export "memory") 1)
              (func $swap (param $a i32) (param $b i32) (local $t i32)
                (local.set $t (i32.load (local.get $a)))
                (i32.store (local.get $a) (i32.load (local.get $b)))
                (i32.store (local.get $b) (local.get $t)))
              ;; sorts the i32s in [lo, hi] (addresses, inclusive)
              (func $sort (export "sort") (param $lo i32) (param $hi i32)
                (local $i i32) (local $j i32) (local $pivot i32)
                (if (i32.ge_s (local.get $lo) (local.get $hi)) (then (return)))
                (local.set $pivot (i32.load (local.get $hi)))
                (local.set $i (local.get $lo))
                (local.set $j (local.get $lo))
                (block $done
                  (loop $next
                    (br_if $done (i32.ge_u (local.get $j) (local.get $hi)))
                    (if (i32.lt_s (i32.load (local.get $j)) (local.get $pivot))
                      (then
                        (call $swap (local.get $i) (local.get $j))
                        (local.set $i (i32.add (local.get $i) (i32.const 4)))))
                    (local.set $j (i32.add (local.get $j) (i32.const 4)))
                    (br $next)))
                (call $swap (local.get $i) (local.get $hi))
                (call $sort (local.get $lo) (i32.sub (local.get $i) (i32.const 4)))
                (call $sort (i32.add (local.get $i) (i32.const 4)) (local.get $hi))))
            """);
    Memory memory = inst.memory("memory");
    Random random = new Random(42);
    int[] values = new int[2000];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextInt();
      memory.writeInt(4L * i, values[i]);
    }
    inst.function("sort").call(Value.i32(0), Value.i32(4 * (values.length - 1)));
    Arrays.sort(values);
    for (int i = 0; i < values.length; i++) {
      assertThat(memory.readInt(4L * i)).as("element %d", i).isEqualTo(values[i]);
    }
  }

  @Test
  void dispatchesThroughATableAndReportsNamedFrames() {
    Instance inst =
        instantiate(
            """
            (module $calc
              (type $binop (func (param i64 i64) (result i64)))
              (table funcref (elem $add $mul $div))
              (func $add (type $binop) (i64.add (local.get 0) (local.get 1)))
              (func $mul (type $binop) (i64.mul (local.get 0) (local.get 1)))
              (func $div (type $binop) (i64.div_s (local.get 0) (local.get 1)))
              (func $apply (export "apply") (param $op i32) (param i64 i64) (result i64)
                (call_indirect (type $binop) (local.get 1) (local.get 2) (local.get $op))))
            """);
    ExportedFunction apply = inst.function("apply");
    assertThat(apply.call(Value.i32(0), Value.i64(40), Value.i64(2)))
        .containsExactly(Value.i64(42));
    assertThat(apply.call(Value.i32(1), Value.i64(6), Value.i64(7))).containsExactly(Value.i64(42));
    assertThat(apply.call(Value.i32(2), Value.i64(-84), Value.i64(-2)))
        .containsExactly(Value.i64(42));
    Trap trap =
        catchThrowableOfType(
            Trap.class, () -> apply.call(Value.i32(2), Value.i64(1), Value.i64(0)));
    assertThat(trap.kind()).isEqualTo(TrapKind.INTEGER_DIVIDE_BY_ZERO);
    assertThat(trap.backtrace())
        .extracting(Trap.FrameInfo::moduleName, Trap.FrameInfo::functionName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("calc", "div"),
            org.assertj.core.groups.Tuple.tuple("calc", "apply"));
    // Offsets in a text module are character offsets: the i64.div_s keyword.
    String location = inst.module().locate(trap.backtrace().getFirst().offset());
    assertThat(location).isEqualTo("6:29");
    trap =
        catchThrowableOfType(
            Trap.class, () -> apply.call(Value.i32(3), Value.i64(1), Value.i64(1)));
    assertThat(trap.reason()).isEqualTo("undefined element 3");
  }

  @Test
  void multiValueAndBlockParameters() {
    Instance inst =
        instantiate(
            """
            (module
              ;; Fibonacci pairs: (a, b) -> (b, a + b), n times, in a loop with two parameters.
              (func (export "fib") (param $n i32) (result i64)
                (i64.const 0) (i64.const 1)
                (loop $step (param i64 i64) (result i64 i64)
                  (if (param i64 i64) (result i64 i64) (i32.eqz (local.get $n))
                    (then)
                    (else
                      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                      (call $next)
                      (br $step))))
                (drop))
              (func $next (param i64 i64) (result i64 i64)
                (local.get 1) (i64.add (local.get 0) (local.get 1))))
            """);
    assertThat(inst.function("fib").call(Value.i32(90)))
        .containsExactly(Value.i64(2880067194370816120L));
  }
}
