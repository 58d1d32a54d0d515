package dev.cortado.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
