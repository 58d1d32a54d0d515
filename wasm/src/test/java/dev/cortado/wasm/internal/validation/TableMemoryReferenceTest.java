package dev.cortado.wasm.internal.validation;

import static dev.cortado.wasm.ValType.EXTERNREF;
import static dev.cortado.wasm.ValType.F32;
import static dev.cortado.wasm.ValType.FUNCREF;
import static dev.cortado.wasm.ValType.I32;
import static dev.cortado.wasm.code.Opcode.DATA_DROP;
import static dev.cortado.wasm.code.Opcode.DROP;
import static dev.cortado.wasm.code.Opcode.ELEM_DROP;
import static dev.cortado.wasm.code.Opcode.F32_LOAD;
import static dev.cortado.wasm.code.Opcode.F64_STORE;
import static dev.cortado.wasm.code.Opcode.I32_LOAD;
import static dev.cortado.wasm.code.Opcode.I32_LOAD16_U;
import static dev.cortado.wasm.code.Opcode.I32_LOAD8_S;
import static dev.cortado.wasm.code.Opcode.I32_STORE;
import static dev.cortado.wasm.code.Opcode.I64_LOAD;
import static dev.cortado.wasm.code.Opcode.I64_LOAD32_U;
import static dev.cortado.wasm.code.Opcode.I64_STORE16;
import static dev.cortado.wasm.code.Opcode.MEMORY_COPY;
import static dev.cortado.wasm.code.Opcode.MEMORY_FILL;
import static dev.cortado.wasm.code.Opcode.MEMORY_GROW;
import static dev.cortado.wasm.code.Opcode.MEMORY_INIT;
import static dev.cortado.wasm.code.Opcode.MEMORY_SIZE;
import static dev.cortado.wasm.code.Opcode.REF_FUNC;
import static dev.cortado.wasm.code.Opcode.REF_IS_NULL;
import static dev.cortado.wasm.code.Opcode.TABLE_COPY;
import static dev.cortado.wasm.code.Opcode.TABLE_FILL;
import static dev.cortado.wasm.code.Opcode.TABLE_GET;
import static dev.cortado.wasm.code.Opcode.TABLE_GROW;
import static dev.cortado.wasm.code.Opcode.TABLE_INIT;
import static dev.cortado.wasm.code.Opcode.TABLE_SET;
import static dev.cortado.wasm.code.Opcode.TABLE_SIZE;
import static dev.cortado.wasm.code.Opcode.UNREACHABLE;
import static dev.cortado.wasm.internal.validation.TestModule.f32;
import static dev.cortado.wasm.internal.validation.TestModule.f64;
import static dev.cortado.wasm.internal.validation.TestModule.func;
import static dev.cortado.wasm.internal.validation.TestModule.i32;
import static dev.cortado.wasm.internal.validation.TestModule.i64;
import static dev.cortado.wasm.internal.validation.TestModule.memArg;
import static dev.cortado.wasm.internal.validation.TestModule.module;
import static dev.cortado.wasm.internal.validation.TestModule.op;
import static dev.cortado.wasm.internal.validation.TestModule.refNull;
import static dev.cortado.wasm.internal.validation.ValidationAssertions.assertInvalid;
import static dev.cortado.wasm.internal.validation.ValidationAssertions.assertValid;

import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table, memory and reference instructions (spec 3.3.2, 3.3.6, 3.3.7). */
class TableMemoryReferenceTest {
  private static final List<ValType> NONE = List.of();

  // ---- Tables.

  @Test
  void tableAccessUsesTheTableElementType() {
    TestModule m =
        module()
            .table(FUNCREF)
            .table(EXTERNREF)
            .function(
                NONE,
                List.of(EXTERNREF),
                NONE,
                i32(0),
                op(TABLE_GET, 0),
                op(DROP),
                i32(0),
                refNull(EXTERNREF),
                op(TABLE_SET, 1),
                refNull(FUNCREF),
                i32(1),
                op(TABLE_GROW, 0),
                op(DROP),
                i32(0),
                refNull(EXTERNREF),
                i32(1),
                op(TABLE_FILL, 1),
                op(TABLE_SIZE, 1),
                op(DROP),
                i32(0),
                op(TABLE_GET, 1));
    assertValid(m);
  }

  @Test
  void tableOperandOfTheOtherReferenceType() {
    assertInvalid(
        module()
            .table(FUNCREF)
            .function(NONE, NONE, NONE, i32(0), refNull(EXTERNREF), op(TABLE_SET, 0)),
        "type mismatch");
    assertInvalid(
        module().table(EXTERNREF).function(NONE, List.of(FUNCREF), NONE, i32(0), op(TABLE_GET, 0)),
        "type mismatch");
    assertInvalid(
        module()
            .table(EXTERNREF)
            .function(NONE, NONE, NONE, refNull(FUNCREF), i32(1), op(TABLE_GROW, 0), op(DROP)),
        "type mismatch");
    assertInvalid(
        module()
            .table(EXTERNREF)
            .function(NONE, NONE, NONE, i32(0), refNull(FUNCREF), i32(1), op(TABLE_FILL, 0)),
        "type mismatch");
  }

  @Test
  void unknownTable() {
    assertInvalid(func(NONE, NONE, i32(0), op(TABLE_GET, 0), op(DROP)), "unknown table 0");
    assertInvalid(
        module().table(FUNCREF).function(NONE, NONE, NONE, op(TABLE_SIZE, 1), op(DROP)),
        "unknown table 1");
    assertInvalid(
        module()
            .table(FUNCREF)
            .function(NONE, NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_COPY, 0, 3)),
        "unknown table 3");
    assertInvalid(
        module()
            .elem(SegmentMode.PASSIVE, FUNCREF)
            .function(NONE, NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_INIT, 0, 0)),
        "unknown table 0");
  }

  @Test
  void tableCopyNeedsEqualElementTypes() {
    assertValid(
        module()
            .table(FUNCREF)
            .table(FUNCREF)
            .function(NONE, NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_COPY, 0, 1)));
    assertInvalid(
        module()
            .table(FUNCREF)
            .table(EXTERNREF)
            .function(NONE, NONE, NONE, i32(0), i32(0), i32(0), op(TABLE_COPY, 0, 1)),
        "type mismatch");
    assertInvalid(
        module()
            .table(FUNCREF)
            .function(NONE, NONE, NONE, i32(0), i32(0), i64(0), op(TABLE_COPY, 0, 0)),
        "type mismatch");
  }

  @Test
  void tableInitAndElemDrop() {
    TestModule m =
        module()
            .table(EXTERNREF)
            .elem(SegmentMode.PASSIVE, EXTERNREF, refNull(EXTERNREF))
            .function(
                NONE, NONE, NONE, i32(0), i32(0), i32(1), op(TABLE_INIT, 0, 0), op(ELEM_DROP, 0));
    assertValid(m);
    assertInvalid(
        module()
            .table(FUNCREF)
            .elem(SegmentMode.PASSIVE, EXTERNREF)
            .function(NONE, NONE, NONE, i32(0), i32(0), i32(1), op(TABLE_INIT, 0, 0)),
        "type mismatch");
    assertInvalid(
        module()
            .table(FUNCREF)
            .function(NONE, NONE, NONE, i32(0), i32(0), i32(1), op(TABLE_INIT, 4, 0)),
        "unknown elem segment 4");
    assertInvalid(func(NONE, NONE, op(ELEM_DROP, 0)), "unknown elem segment 0");
  }

  // ---- Memories.

  @Test
  void loadsAndStores() {
    TestModule m =
        module()
            .memory()
            .function(
                NONE,
                NONE,
                NONE,
                i32(0),
                memArg(I64_LOAD, 3),
                op(DROP),
                i32(0),
                f64(1),
                memArg(F64_STORE, 3),
                i32(0),
                i64(1),
                memArg(I64_STORE16, 1),
                i32(0),
                memArg(I32_LOAD8_S, 0),
                op(DROP));
    assertValid(m);
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, i64(0), memArg(I32_LOAD, 2), op(DROP)),
        "type mismatch");
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, i32(0), i64(0), memArg(I32_STORE, 2)),
        "type mismatch");
    assertInvalid(
        module().memory().function(NONE, List.of(I32), NONE, i32(0), memArg(F32_LOAD, 2)),
        "type mismatch");
  }

  @Test
  void alignmentMustNotBeLargerThanNatural() {
    assertValid(
        module().memory().function(NONE, NONE, NONE, i32(0), memArg(I32_LOAD, 0), op(DROP)));
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, i32(0), memArg(I32_LOAD, 3), op(DROP)),
        "alignment must not be larger than natural");
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, i32(0), memArg(I32_LOAD8_S, 1), op(DROP)),
        "alignment must not be larger than natural");
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, i32(0), memArg(I32_LOAD16_U, 2), op(DROP)),
        "alignment must not be larger than natural");
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, i32(0), memArg(I64_LOAD32_U, 3), op(DROP)),
        "alignment must not be larger than natural");
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, i32(0), memArg(I64_LOAD, 4), op(DROP)),
        "alignment must not be larger than natural");
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, i32(0), memArg(I64_LOAD, -1), op(DROP)),
        "alignment must not be larger than natural");
  }

  @Test
  void memoryInstructionsNeedAMemory() {
    assertInvalid(func(NONE, NONE, i32(0), memArg(I32_LOAD, 2), op(DROP)), "unknown memory 0");
    assertInvalid(func(NONE, NONE, op(MEMORY_SIZE, 0), op(DROP)), "unknown memory 0");
    assertInvalid(func(NONE, NONE, i32(0), op(MEMORY_GROW, 0), op(DROP)), "unknown memory 0");
    assertInvalid(func(NONE, NONE, i32(0), i32(0), i32(0), op(MEMORY_FILL, 0)), "unknown memory 0");
    assertInvalid(
        func(NONE, NONE, i32(0), i32(0), i32(0), op(MEMORY_COPY, 0, 0)), "unknown memory 0");
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, op(MEMORY_SIZE, 1), op(DROP)),
        "unknown memory 1");
    assertInvalid(
        module()
            .memory()
            .function(
                NONE, NONE, NONE, i32(0), Instruction.ofMemArg(I32_LOAD, 2, 0, 1, 0), op(DROP)),
        "unknown memory 1");
  }

  @Test
  void bulkMemory() {
    TestModule m =
        module()
            .memory()
            .passiveData()
            .function(
                NONE,
                List.of(I32),
                NONE,
                i32(0),
                i32(0),
                i32(1),
                op(MEMORY_INIT, 0, 0),
                op(DATA_DROP, 0),
                i32(0),
                i32(0),
                i32(1),
                op(MEMORY_COPY, 0, 0),
                i32(0),
                i32(0),
                i32(1),
                op(MEMORY_FILL, 0),
                i32(1),
                op(MEMORY_GROW, 0));
    assertValid(m);
    assertInvalid(
        module().memory().function(NONE, NONE, NONE, i32(0), f32(0), i32(1), op(MEMORY_FILL, 0)),
        "type mismatch");
  }

  @Test
  void dataSegmentIndices() {
    assertInvalid(func(NONE, NONE, op(DATA_DROP, 0)), "unknown data segment 0");
    assertInvalid(
        module().memory().passiveData().function(NONE, NONE, NONE, op(DATA_DROP, 4)),
        "unknown data segment 4");
    assertInvalid(
        module()
            .memory()
            .passiveData()
            .function(NONE, NONE, NONE, i32(0), i32(0), i32(0), op(MEMORY_INIT, 1, 0)),
        "unknown data segment 1");
    // The memory is looked up before the data segment, as the reference interpreter does.
    assertInvalid(
        func(NONE, NONE, i32(0), i32(0), i32(0), op(MEMORY_INIT, 1, 0)), "unknown memory 0");
  }

  // ---- References.

  @Test
  void refNullAndIsNull() {
    assertValid(func(NONE, List.of(I32), refNull(EXTERNREF), op(REF_IS_NULL)));
    assertValid(func(NONE, List.of(I32), op(UNREACHABLE), op(REF_IS_NULL)));
    assertInvalid(func(NONE, List.of(I32), i32(0), op(REF_IS_NULL)), "type mismatch");
    assertInvalid(func(NONE, List.of(I32), op(REF_IS_NULL)), "type mismatch");
    assertInvalid(func(NONE, List.of(FUNCREF), refNull(EXTERNREF)), "type mismatch");
  }

  @Test
  void refFuncNeedsADeclaredFunction() {
    assertInvalid(func(NONE, NONE, op(REF_FUNC, 0), op(DROP)), "undeclared function reference");
    assertInvalid(
        module().start(0).function(NONE, NONE, NONE, op(REF_FUNC, 0), op(DROP)),
        "undeclared function reference");
    assertInvalid(func(NONE, NONE, op(REF_FUNC, 3), op(DROP)), "unknown function 3");
  }

  @Test
  void functionsAreDeclaredByElemSegmentsExportsAndGlobals() {
    Instruction[] body = {op(REF_FUNC, 0), op(DROP)};
    assertValid(
        module()
            .elem(SegmentMode.DECLARATIVE, FUNCREF, op(REF_FUNC, 0))
            .function(NONE, NONE, NONE, body));
    assertValid(module().export("f", ExternKind.FUNC, 0).function(NONE, NONE, NONE, body));
    assertValid(module().global(FUNCREF, false, op(REF_FUNC, 0)).function(NONE, NONE, NONE, body));
    // Declaring another function does not help.
    assertInvalid(
        module()
            .elem(SegmentMode.DECLARATIVE, FUNCREF, op(REF_FUNC, 1))
            .function(NONE, NONE, NONE, body)
            .function(NONE, NONE, NONE),
        "undeclared function reference 0");
  }

  @Test
  void refFuncHasTypeFuncref() {
    assertInvalid(
        module()
            .export("f", ExternKind.FUNC, 0)
            .function(NONE, List.of(EXTERNREF), NONE, op(REF_FUNC, 0)),
        "type mismatch");
    assertInvalid(
        module()
            .export("f", ExternKind.FUNC, 0)
            .function(NONE, List.of(F32), NONE, op(Opcode.REF_FUNC, 0)),
        "type mismatch");
  }
}
