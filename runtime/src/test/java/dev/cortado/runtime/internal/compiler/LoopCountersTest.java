package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.InstructionList;
import dev.cortado.wasm.code.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The counters LoopCounters finds: one constant update in the innermost loop, or none. */
class LoopCountersTest {
  private static List<Instruction> body(String code) {
    WasmModule module =
        WasmModule.parseText("(module (func (param i32 i32) (local i32) " + code + "))");
    return module.functions().getFirst().body();
  }

  /** The stride of local {@code x} at the first {@code i32.eq} of {@code code}. */
  private static int strideAtEq(String code, int x) {
    List<Instruction> body = body(code);
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i).opcode() == Opcode.I32_EQ) {
        return LoopCounters.stride(InstructionList.copyOf(body), i, x);
      }
    }
    throw new AssertionError("no i32.eq");
  }

  @Test
  void findsTheOneConstantUpdateInTheInnermostLoop() {
    String test = "local.get 0 i32.const 9 i32.eq br_if 1 ";
    String up = "local.get 0 i32.const 4 i32.add local.set 0 ";
    String down = "local.get 0 i32.const 3 i32.sub local.tee 0 drop ";
    assertThat(strideAtEq("block loop " + test + up + "br 0 end end", 0)).isEqualTo(4);
    assertThat(strideAtEq("block loop " + up + test + "br 0 end end", 0)).isEqualTo(4);
    assertThat(strideAtEq("block loop " + test + down + "br 0 end end", 0)).isEqualTo(-3);
    // inside a block or an if of the loop, or with a nested loop in between
    assertThat(strideAtEq("block loop block " + test + "end " + up + "br 0 end end", 0))
        .isEqualTo(4);
    assertThat(strideAtEq("loop block loop end " + test + up + "end end", 0)).isEqualTo(4);
    // not a counter: no loop, two updates, another kind of update, another local's
    assertThat(strideAtEq("block " + test + up + "end", 0)).isZero();
    assertThat(strideAtEq("block loop " + test + up + up + "br 0 end end", 0)).isZero();
    assertThat(
            strideAtEq(
                "block loop " + test + "local.get 0 i32.const 2 i32.mul local.set 0 br 0 end end",
                0))
        .isZero();
    assertThat(strideAtEq("block loop " + test + up + "local.get 1 local.set 0 br 0 end end", 0))
        .isZero();
    assertThat(strideAtEq("block loop " + test + up + "br 0 end end", 1)).isZero();
  }
}
