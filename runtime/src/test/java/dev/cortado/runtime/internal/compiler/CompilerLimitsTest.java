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
import org.junit.jupiter.api.Test;

/**
 * Functions and modules past the JVM's limits still run compiled: a function of a megabyte of code
 * is split into methods under HotSpot's 8000-byte limit, and a module of 50,000 functions is spread
 * over several classes.
 */
class CompilerLimitsTest {
  private static final StoreConfig COMPILED = StoreConfig.defaults().withTier(Tier.COMPILED);

  private static Instruction op(Opcode op) {
    return Instruction.of(op, 0);
  }

  private static Instruction idx(Opcode op, int i) {
    return Instruction.ofIndex(op, i, 0);
  }

  private static Instruction i32(int v) {
    return Instruction.ofConst(Opcode.I32_CONST, v, 0);
  }

  /**
   * {@code f(n)}: about a megabyte of wasm: 60,000 statements updating two locals and memory,
   * inside blocks and a loop that runs {@code n} times, with branches out of the blocks.
   */
  static WasmModule megabyteFunction() {
    List<Instruction> body = new ArrayList<>();
    body.add(Instruction.ofBlock(Opcode.BLOCK, BlockType.EMPTY, 0));
    body.add(Instruction.ofBlock(Opcode.LOOP, BlockType.EMPTY, 0));
    for (int s = 0; s < 60_000; s++) {
      if (s % 1000 == 0) {
        body.add(Instruction.ofBlock(Opcode.BLOCK, BlockType.EMPTY, 0));
      }
      // acc = acc * 31 + s ; mem[(s % 256) * 4] = acc
      body.add(i32((s % 256) * 4));
      body.add(idx(Opcode.LOCAL_GET, 1));
      body.add(i32(31));
      body.add(op(Opcode.I32_MUL));
      body.add(i32(s));
      body.add(op(Opcode.I32_ADD));
      body.add(idx(Opcode.LOCAL_TEE, 1));
      body.add(Instruction.ofMemArg(Opcode.I32_STORE, 2, 0, 0, 0));
      if (s % 1000 == 999) {
        // leave the block early when acc is odd: a branch out of whatever chunk this lands in
        body.add(idx(Opcode.LOCAL_GET, 1));
        body.add(i32(1));
        body.add(op(Opcode.I32_AND));
        body.add(idx(Opcode.BR_IF, 0));
        body.add(idx(Opcode.LOCAL_GET, 1));
        body.add(i32(7));
        body.add(op(Opcode.I32_XOR));
        body.add(idx(Opcode.LOCAL_SET, 1));
        body.add(op(Opcode.END));
      }
    }
    // n = n - 1; if n != 0 continue the loop
    body.add(idx(Opcode.LOCAL_GET, 0));
    body.add(i32(1));
    body.add(op(Opcode.I32_SUB));
    body.add(idx(Opcode.LOCAL_TEE, 0));
    body.add(idx(Opcode.BR_IF, 0));
    body.add(op(Opcode.END));
    body.add(op(Opcode.END));
    body.add(idx(Opcode.LOCAL_GET, 1));
    body.add(i32(0));
    body.add(Instruction.ofMemArg(Opcode.I32_LOAD, 2, 400, 0, 0));
    body.add(op(Opcode.I32_ADD));
    body.add(op(Opcode.END));
    WasmModule.Builder b = WasmModule.builder();
    b.types.add(FuncType.of(List.of(ValType.I32), List.of(ValType.I32)));
    b.memories.add(new MemType(new Limits(1, 1), false, false));
    b.functions.add(new FunctionDefinition(0, List.of(ValType.I32), body, 0));
    b.exports.add(new Export("f", ExternKind.FUNC, 0));
    return b.build();
  }

  @Test
  void aMegabyteFunctionRunsCompiledInMethodsUnderTheLimit() {
    WasmModule module = megabyteFunction();
    assertThat(module.toBinary().length).isGreaterThan(1_000_000);
    Instance compiled = new Linker().instantiate(new Store(COMPILED), module);
    Instance interpreted =
        new Linker()
            .instantiate(new Store(StoreConfig.defaults().withTier(Tier.INTERPRETER)), module);
    for (int n : new int[] {1, 3}) {
      assertThat(compiled.function("f").call(Value.i32(n)))
          .containsExactly(interpreted.function("f").call(Value.i32(n)));
    }
    CompiledModule.Statistics s =
        CompiledModule.of(module, StoreConfig.DEFAULT_COMPILED_METHOD_LIMIT).statistics();
    assertThat(s.compiledFunctions).isEqualTo(1);
    assertThat(s.splitFunctions).isEqualTo(1);
    assertThat(s.methodsOverLimit).isZero();
    assertThat(s.largestMethod).isLessThanOrEqualTo(StoreConfig.DEFAULT_COMPILED_METHOD_LIMIT);
    assertThat(s.methods).isGreaterThan(50);
  }

  @Test
  void fiftyThousandFunctionsRunCompiledInSeveralClasses() {
    // f_i(x) = f_{i+1}(x + i) for i < n-1, and the last returns x: calls cross classes.
    int n = 50_000;
    WasmModule.Builder b = WasmModule.builder();
    b.types.add(FuncType.of(List.of(ValType.I32), List.of(ValType.I32)));
    for (int i = 0; i < n; i++) {
      List<Instruction> body = new ArrayList<>();
      body.add(idx(Opcode.LOCAL_GET, 0));
      if (i < n - 1) {
        body.add(i32(i));
        body.add(op(Opcode.I32_ADD));
        body.add(idx(Opcode.CALL, i + 1));
      }
      body.add(op(Opcode.END));
      b.functions.add(new FunctionDefinition(0, List.of(), body, 0));
    }
    b.exports.add(new Export("f", ExternKind.FUNC, 0));
    b.exports.add(new Export("g", ExternKind.FUNC, n - 200));
    WasmModule module = b.build();
    Instance inst = new Linker().instantiate(new Store(COMPILED), module);
    long sum = 0;
    for (int i = n - 200; i < n - 1; i++) {
      sum += i;
    }
    assertThat(inst.function("g").call(Value.i32(1))).containsExactly(Value.i32((int) (1 + sum)));
    CompiledModule.Statistics s =
        CompiledModule.of(module, StoreConfig.DEFAULT_COMPILED_METHOD_LIMIT).statistics();
    assertThat(s.compiledFunctions).isEqualTo(n);
    assertThat(s.methodsOverLimit).isZero();
    assertThat(s.classes).isGreaterThan(1);
  }

  /**
   * A split function whose chunks each use sixty locals: past 30 of them the rest travel through
   * the spill carrier, so that no method takes more than 32 arguments (C2 refuses methods whose
   * arguments on the machine stack, in and out, pass 64 slots; SplitEmitter#MAX_ARGS).
   */
  @Test
  void chunksUsingManyLocalsTakeAtMostThirtyTwoArguments() throws Exception {
    int locals = 60;
    List<ValType> types = new ArrayList<>();
    for (int i = 0; i < locals; i++) {
      types.add(i % 3 == 1 ? ValType.I64 : ValType.I32);
    }
    List<Instruction> body = new ArrayList<>();
    body.add(Instruction.ofBlock(Opcode.LOOP, BlockType.EMPTY, 0));
    for (int round = 0; round < 4; round++) {
      for (int i = 1; i < locals; i++) {
        // local[i] = local[i] + local[i - 1] (as local i's type) + round
        body.add(idx(Opcode.LOCAL_GET, 1 + i));
        body.add(idx(Opcode.LOCAL_GET, 1 + i - 1));
        convert(body, types.get(i - 1), types.get(i));
        body.add(op(types.get(i) == ValType.I64 ? Opcode.I64_ADD : Opcode.I32_ADD));
        if (types.get(i) == ValType.I64) {
          body.add(Instruction.ofConst(Opcode.I64_CONST, round + 1L, 0));
          body.add(op(Opcode.I64_ADD));
        } else {
          body.add(i32(round + 1));
          body.add(op(Opcode.I32_ADD));
        }
        body.add(idx(Opcode.LOCAL_SET, 1 + i));
      }
    }
    body.add(idx(Opcode.LOCAL_GET, 0));
    body.add(i32(1));
    body.add(op(Opcode.I32_SUB));
    body.add(idx(Opcode.LOCAL_TEE, 0));
    body.add(idx(Opcode.BR_IF, 0));
    body.add(op(Opcode.END));
    // the result: the sum of every local, as i64
    body.add(Instruction.ofConst(Opcode.I64_CONST, 0L, 0));
    for (int i = 0; i < locals; i++) {
      body.add(idx(Opcode.LOCAL_GET, 1 + i));
      convert(body, types.get(i), ValType.I64);
      body.add(op(Opcode.I64_ADD));
    }
    body.add(op(Opcode.END));
    WasmModule.Builder b = WasmModule.builder();
    b.types.add(FuncType.of(List.of(ValType.I32), List.of(ValType.I64)));
    b.functions.add(new FunctionDefinition(0, types, body, 0));
    b.exports.add(new Export("f", ExternKind.FUNC, 0));
    WasmModule module = b.build();

    StoreConfig split =
        COMPILED.withCompiledMethodLimit(StoreConfig.MIN_COMPILED_METHOD_LIMIT * 10);
    Instance compiled = new Linker().instantiate(new Store(split), module);
    Instance interpreted =
        new Linker()
            .instantiate(new Store(StoreConfig.defaults().withTier(Tier.INTERPRETER)), module);
    assertThat(compiled.function("f").call(Value.i32(5)))
        .containsExactly(interpreted.function("f").call(Value.i32(5)));

    CompiledModule code = CompiledModule.of(module, split.compiledMethodLimit());
    code.compileAll();
    assertThat(code.statistics().splitFunctions).isEqualTo(1);
    assertThat(code.statistics().methods).isGreaterThan(3);
    List<java.lang.reflect.Method> chunks = ChunkMethods.of(code, 0);
    for (java.lang.reflect.Method m : chunks) {
      assertThat(m.getParameterCount()).as(m.getName()).isLessThanOrEqualTo(32);
    }
    assertThat(chunks.size()).isGreaterThan(1);
  }

  private static void convert(List<Instruction> body, ValType from, ValType to) {
    if (from == ValType.I32 && to == ValType.I64) {
      body.add(op(Opcode.I64_EXTEND_I32_U));
    } else if (from == ValType.I64 && to == ValType.I32) {
      body.add(op(Opcode.I32_WRAP_I64));
    }
  }
}
