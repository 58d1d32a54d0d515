package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.WasmModule;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Compiled code polls for interruption by static calls, which HotSpot links once per class, not by
 * an {@code invokedynamic} per poll, which it links at each one's first run (C2 compiles one not
 * yet run as an uncommon trap: see {@link LimitOps#poll}).
 */
class PollCodeTest {
  @Test
  void pollsAreStaticCallsNotInvokedynamics() {
    WasmModule module =
        WasmModule.parseText(
            """
            (module
              (func $g (param i32) (result i32) local.get 0)
              (func (export "f") (param $n i32) (result i32) (local $acc i32)
                (loop $l
                  (local.set $acc (i32.add (local.get $acc) (call $g (local.get $n))))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $acc)))
            """);
    ModuleCompiler.Batch batch =
        ModuleCompiler.compile(
            module, new int[] {0, 1}, null, f -> true, 8000, false, Map.of(), 1, null);
    int polls = 0;
    int invokedynamics = 0;
    for (ModuleCompiler.GeneratedClass gc : batch.classes()) {
      for (MethodModel m : ClassFile.of().parse(gc.bytes()).methods()) {
        for (CodeElement e : m.code().map(CodeModel::elementList).orElse(java.util.List.of())) {
          if (e instanceof InvokeDynamicInstruction) {
            invokedynamics++;
          }
          if (e instanceof InvokeInstruction i
              && i.owner().asInternalName().equals("dev/cortado/runtime/internal/compiler/LimitOps")
              && i.name().equalsString("poll")) {
            polls++;
          }
        }
      }
    }
    // At each function's entry and at the loop's header.
    assertThat(polls).isGreaterThanOrEqualTo(3);
    assertThat(invokedynamics).isZero();
  }
}
