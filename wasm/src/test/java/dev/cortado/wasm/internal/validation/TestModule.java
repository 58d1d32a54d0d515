package dev.cortado.wasm.internal.validation;

import dev.cortado.wasm.DataSegment;
import dev.cortado.wasm.ElemSegment;
import dev.cortado.wasm.Export;
import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.GlobalDefinition;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small fluent module builder for validator tests, with shorthand instruction factories. Function
 * bodies and constant expressions are given without their final {@code end}, which is appended.
 */
final class TestModule {
  private final WasmModule.Builder builder = WasmModule.builder();

  static TestModule module() {
    return new TestModule();
  }

  /** A module with one function {@code [params] -> [results]} and this body. */
  static TestModule func(List<ValType> params, List<ValType> results, Instruction... body) {
    return module().function(params, results, List.of(), body);
  }

  WasmModule build() {
    return builder.build();
  }

  WasmModule.Builder builder() {
    return builder;
  }

  /** The index of type {@code [params] -> [results]}, added if missing. */
  int type(List<ValType> params, List<ValType> results) {
    FuncType type = FuncType.of(params, results);
    int index = builder.types.indexOf(type);
    if (index >= 0) {
      return index;
    }
    builder.types.add(type);
    return builder.types.size() - 1;
  }

  TestModule function(
      List<ValType> params, List<ValType> results, List<ValType> locals, Instruction... body) {
    builder.functions.add(new FunctionDefinition(type(params, results), locals, expr(body), 0));
    return this;
  }

  TestModule importFunction(List<ValType> params, List<ValType> results) {
    builder.imports.add(Import.func("m", "f" + builder.imports.size(), type(params, results)));
    return this;
  }

  TestModule importGlobal(ValType type, boolean mutable) {
    builder.imports.add(
        Import.global("m", "g" + builder.imports.size(), new GlobalType(type, mutable)));
    return this;
  }

  TestModule importMemory(long min, long max) {
    builder.imports.add(
        Import.memory("m", "mem" + builder.imports.size(), MemType.of(Limits.of(min, max))));
    return this;
  }

  TestModule importTable(ValType elementType, long min) {
    builder.imports.add(
        Import.table(
            "m", "t" + builder.imports.size(), new TableType(elementType, Limits.of(min))));
    return this;
  }

  TestModule memory() {
    return memory(Limits.of(1));
  }

  TestModule memory(Limits limits) {
    builder.memories.add(MemType.of(limits));
    return this;
  }

  TestModule table(ValType elementType) {
    return table(elementType, Limits.of(1));
  }

  TestModule table(ValType elementType, Limits limits) {
    builder.tables.add(new TableType(elementType, limits));
    return this;
  }

  TestModule global(ValType type, boolean mutable, Instruction... init) {
    builder.globals.add(new GlobalDefinition(new GlobalType(type, mutable), expr(init)));
    return this;
  }

  TestModule activeElem(ValType type, int table, List<Instruction> offset, Instruction... items) {
    builder.elements.add(new ElemSegment(type, items(items), SegmentMode.ACTIVE, table, offset));
    return this;
  }

  TestModule elem(SegmentMode mode, ValType type, Instruction... items) {
    builder.elements.add(new ElemSegment(type, items(items), mode, 0, null));
    return this;
  }

  TestModule passiveData() {
    builder.datas.add(new DataSegment(new byte[] {1}, SegmentMode.PASSIVE, 0, null));
    return this;
  }

  TestModule activeData(int memory, Instruction... offset) {
    builder.datas.add(new DataSegment(new byte[] {1}, SegmentMode.ACTIVE, memory, expr(offset)));
    return this;
  }

  TestModule export(String name, ExternKind kind, int index) {
    builder.exports.add(new Export(name, kind, index));
    return this;
  }

  TestModule start(int func) {
    builder.start(func);
    return this;
  }

  /** One constant expression per element item. */
  private static List<List<Instruction>> items(Instruction... items) {
    List<List<Instruction>> exprs = new ArrayList<>();
    for (Instruction item : items) {
      exprs.add(expr(item));
    }
    return exprs;
  }

  /** The instructions followed by {@code end}. */
  static List<Instruction> expr(Instruction... instructions) {
    List<Instruction> list = new ArrayList<>(Arrays.asList(instructions));
    list.add(op(Opcode.END));
    return list;
  }

  // ---- Instruction shorthands; offsets are 0 unless a test cares.

  static Instruction op(Opcode opcode) {
    return Instruction.of(opcode, 0);
  }

  static Instruction op(Opcode opcode, int index) {
    return Instruction.ofIndex(opcode, index, 0);
  }

  static Instruction op(Opcode opcode, int index, int index2) {
    return Instruction.ofIndices(opcode, index, index2, 0);
  }

  static Instruction i32(int value) {
    return Instruction.ofConst(Opcode.I32_CONST, value, 0);
  }

  static Instruction i64(long value) {
    return Instruction.ofConst(Opcode.I64_CONST, value, 0);
  }

  static Instruction f32(float value) {
    return Instruction.ofConst(Opcode.F32_CONST, Float.floatToRawIntBits(value), 0);
  }

  static Instruction f64(double value) {
    return Instruction.ofConst(Opcode.F64_CONST, Double.doubleToRawLongBits(value), 0);
  }

  static Instruction block(Opcode opcode, BlockType type) {
    return Instruction.ofBlock(opcode, type, 0);
  }

  static Instruction block(Opcode opcode) {
    return block(opcode, BlockType.EMPTY);
  }

  static Instruction block(Opcode opcode, ValType result) {
    return block(opcode, BlockType.of(result));
  }

  static Instruction brTable(int... labels) {
    return Instruction.ofBrTable(labels, 0);
  }

  static Instruction memArg(Opcode opcode, int align) {
    return Instruction.ofMemArg(opcode, align, 0, 0, 0);
  }

  static Instruction refNull(ValType type) {
    return Instruction.ofTypes(Opcode.REF_NULL, List.of(type), 0);
  }

  static Instruction select(ValType... types) {
    return Instruction.ofTypes(Opcode.SELECT_TYPED, List.of(types), 0);
  }
}
