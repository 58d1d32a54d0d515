package dev.cortado.wasm.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.ManyFunctions;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Code validated on all cores: the same verdict as one pass in order, and for an invalid module the
 * first invalid function's error, whichever thread finds which first.
 */
class ParallelValidationTest {
  private static final long ALWAYS = 0;

  private static final long NEVER = Long.MAX_VALUE;

  /** Instructions that break most places they are put. */
  private static final Instruction[] BREAKERS = {
    Instruction.of(Opcode.I32_ADD, 0),
    Instruction.of(Opcode.F64_NEG, 0),
    Instruction.of(Opcode.DROP, 0),
    Instruction.ofIndex(Opcode.LOCAL_GET, 99, 0),
    Instruction.ofIndex(Opcode.BR, 9, 0),
    Instruction.ofIndex(Opcode.CALL, 100_000, 0),
    Instruction.of(Opcode.NOP, 0),
  };

  @Test
  void mutatedModulesGetTheSameVerdict() {
    WasmModule module = WasmModule.parseText(ManyFunctions.wat(200));
    assertThat(outcome(module, ALWAYS)).isEqualTo("valid").isEqualTo(outcome(module, NEVER));
    Random random = new Random(20261129);
    int invalid = 0;
    for (int i = 0; i < 400; i++) {
      WasmModule mutated = mutate(module, random, 1 + random.nextInt(4));
      String sequential = outcome(mutated, NEVER);
      assertThat(outcome(mutated, ALWAYS)).as("case %d", i).isEqualTo(sequential);
      invalid += sequential.equals("valid") ? 0 : 1;
    }
    assertThat(invalid).as("invalid mutants").isGreaterThan(200);
  }

  @Test
  void theFirstInvalidFunctionIsReported() {
    WasmModule module = WasmModule.parseText(ManyFunctions.wat(200));
    List<FunctionDefinition> functions = new ArrayList<>(module.functions());
    for (int f : new int[] {170, 3, 90}) {
      List<Instruction> body = new ArrayList<>(functions.get(f).body());
      body.add(0, Instruction.of(Opcode.I32_ADD, 0));
      FunctionDefinition d = functions.get(f);
      functions.set(f, new FunctionDefinition(d.typeIndex(), d.locals(), body, d.offset()));
    }
    String parallel = outcome(withFunctions(module, functions), ALWAYS);
    assertThat(parallel)
        .contains("func 3,")
        .isEqualTo(outcome(withFunctions(module, functions), NEVER));
  }

  private static String outcome(WasmModule module, long parallelInstructions) {
    try {
      Validator.validate(module, parallelInstructions);
      return "valid";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static WasmModule mutate(WasmModule module, Random random, int changes) {
    List<FunctionDefinition> functions = new ArrayList<>(module.functions());
    for (int c = 0; c < changes; c++) {
      int f = random.nextInt(functions.size());
      FunctionDefinition d = functions.get(f);
      List<Instruction> body = new ArrayList<>(d.body());
      body.set(random.nextInt(body.size()), BREAKERS[random.nextInt(BREAKERS.length)]);
      functions.set(f, new FunctionDefinition(d.typeIndex(), d.locals(), body, d.offset()));
    }
    return withFunctions(module, functions);
  }

  /** The test module (types, a memory and functions only) with {@code functions} instead. */
  private static WasmModule withFunctions(WasmModule module, List<FunctionDefinition> functions) {
    WasmModule.Builder b = WasmModule.builder();
    b.types.addAll(module.types());
    b.memories.addAll(module.memories());
    b.functions.addAll(functions);
    return b.build();
  }

  /** {@code n} functions with blocks, loops, branches, calls and memory accesses. */
}
