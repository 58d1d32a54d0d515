package dev.cortado.runtime.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.runtime.Instance;
import dev.cortado.runtime.Linker;
import dev.cortado.runtime.Store;
import dev.cortado.runtime.StoreConfig;
import dev.cortado.runtime.Tier;
import dev.cortado.runtime.Value;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Classes are emitted in parallel: the output (class bytes, their metadata, the {@code .cwasm}
 * file) is the same whatever the number of threads, and the code runs.
 */
class ParallelCompileTest {
  private static final int LIMIT = StoreConfig.DEFAULT_COMPILED_METHOD_LIMIT;

  /**
   * {@code count} functions {@code f_i(x)} of about {@code statements} statements each (memory,
   * arithmetic, a block left early), each calling the next: enough code for several classes, and
   * some functions big enough to be split.
   */
  static WasmModule module(int count, int statements) {
    WasmModule.Builder b = WasmModule.builder();
    b.types.add(FuncType.of(List.of(ValType.I32), List.of(ValType.I32)));
    b.memories.add(new MemType(new Limits(1, 1), false, false));
    for (int f = 0; f < count; f++) {
      int n = f % 7 == 0 ? statements * 6 : statements;
      List<Instruction> body = new ArrayList<>();
      body.add(Instruction.ofBlock(Opcode.BLOCK, BlockType.EMPTY, 0));
      for (int s = 0; s < n; s++) {
        // x = x * 31 + (s ^ f); mem[(s % 64) * 4] = x; leave the block when x == s
        body.add(Instruction.ofConst(Opcode.I32_CONST, (s % 64) * 4, 0));
        body.add(Instruction.ofIndex(Opcode.LOCAL_GET, 0, 0));
        body.add(Instruction.ofConst(Opcode.I32_CONST, 31, 0));
        body.add(Instruction.of(Opcode.I32_MUL, 0));
        body.add(Instruction.ofConst(Opcode.I32_CONST, s ^ f, 0));
        body.add(Instruction.of(Opcode.I32_ADD, 0));
        body.add(Instruction.ofIndex(Opcode.LOCAL_TEE, 0, 0));
        body.add(Instruction.ofMemArg(Opcode.I32_STORE, 2, 0, 0, 0));
        if (s % 50 == 49) {
          body.add(Instruction.ofIndex(Opcode.LOCAL_GET, 0, 0));
          body.add(Instruction.ofConst(Opcode.I32_CONST, s, 0));
          body.add(Instruction.of(Opcode.I32_EQ, 0));
          body.add(Instruction.ofIndex(Opcode.BR_IF, 0, 0));
        }
      }
      body.add(Instruction.of(Opcode.END, 0));
      body.add(Instruction.ofIndex(Opcode.LOCAL_GET, 0, 0));
      if (f + 1 < count) {
        body.add(Instruction.ofIndex(Opcode.CALL, f + 1, 0));
      }
      body.add(Instruction.of(Opcode.END, 0));
      b.functions.add(new FunctionDefinition(0, List.of(), body, 0));
    }
    b.exports.add(new Export("f", ExternKind.FUNC, 0));
    return b.build().validate();
  }

  private static byte[] cwasm(WasmModule module, int threads) throws Exception {
    int[] functions = new int[module.functions().size()];
    for (int i = 0; i < functions.length; i++) {
      functions[i] = i;
    }
    ModuleCompiler.Batch batch =
        ModuleCompiler.compile(
            module, functions, null, f -> true, LIMIT, false, Map.of(), threads, null);
    return CwasmFile.write(
        new CwasmFile.Contents("test", "test", "hash", module.toBinary(), batch.classes()));
  }

  @Test
  void theOutputIsTheSameWhateverTheNumberOfThreads() throws Exception {
    WasmModule module = module(60, 200);
    byte[] one = cwasm(module, 1);
    assertThat(CwasmFile.read(one).classes()).hasSizeGreaterThan(3);
    for (int threads : new int[] {2, 3, 8}) {
      assertThat(cwasm(module, threads)).as("%d threads", threads).isEqualTo(one);
    }
  }

  @Test
  void aModuleCompiledInParallelRunsAsInTheInterpreter() {
    WasmModule module = module(60, 300);
    Instance compiled =
        new Linker().instantiate(new Store(StoreConfig.defaults().withTier(Tier.COMPILED)), module);
    Instance interpreted =
        new Linker()
            .instantiate(new Store(StoreConfig.defaults().withTier(Tier.INTERPRETER)), module);
    for (int x : new int[] {0, 7, -5}) {
      assertThat(compiled.function("f").call(Value.i32(x)))
          .containsExactly(interpreted.function("f").call(Value.i32(x)));
    }
    CompiledModule.Statistics s = CompiledModule.of(module, LIMIT).statistics();
    assertThat(s.compiledFunctions).isEqualTo(60);
    assertThat(s.splitFunctions).isPositive();
    assertThat(s.classes).isGreaterThan(1);
  }
}
