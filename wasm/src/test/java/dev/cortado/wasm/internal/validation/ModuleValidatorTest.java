package dev.cortado.wasm.internal.validation;

import static dev.cortado.wasm.ValType.EXTERNREF;
import static dev.cortado.wasm.ValType.F32;
import static dev.cortado.wasm.ValType.FUNCREF;
import static dev.cortado.wasm.ValType.I32;
import static dev.cortado.wasm.ValType.I64;
import static dev.cortado.wasm.code.Opcode.F32_NEG;
import static dev.cortado.wasm.code.Opcode.GLOBAL_GET;
import static dev.cortado.wasm.code.Opcode.I32_ADD;
import static dev.cortado.wasm.code.Opcode.LOCAL_GET;
import static dev.cortado.wasm.code.Opcode.NOP;
import static dev.cortado.wasm.code.Opcode.REF_FUNC;
import static dev.cortado.wasm.internal.validation.TestModule.expr;
import static dev.cortado.wasm.internal.validation.TestModule.f32;
import static dev.cortado.wasm.internal.validation.TestModule.i32;
import static dev.cortado.wasm.internal.validation.TestModule.i64;
import static dev.cortado.wasm.internal.validation.TestModule.module;
import static dev.cortado.wasm.internal.validation.TestModule.op;
import static dev.cortado.wasm.internal.validation.TestModule.refNull;
import static dev.cortado.wasm.internal.validation.ValidationAssertions.assertInvalid;
import static dev.cortado.wasm.internal.validation.ValidationAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cortado.wasm.ExternKind;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.GlobalDefinition;
import dev.cortado.wasm.GlobalType;
import dev.cortado.wasm.Import;
import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.Limits;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Module-level rules: types, limits, constant expressions, segments, start, exports (spec 3.4). */
class ModuleValidatorTest {
  private static final List<ValType> NONE = List.of();

  @Test
  void emptyModuleIsValid() {
    assertValid(module());
  }

  @Test
  void functionAndImportTypeIndicesMustExist() {
    WasmModule.Builder b = WasmModule.builder();
    b.functions.add(new FunctionDefinition(3, NONE, expr(), 0));
    InvalidModuleException e = assertInvalid(b.build(), "unknown type 3");
    assertThat(e.location()).isEqualTo("func 0");

    WasmModule.Builder imports = WasmModule.builder();
    imports.imports.add(Import.func("m", "f", 0));
    assertInvalid(imports.build(), "unknown type 0");
  }

  // ---- Limits.

  @Test
  void memoryLimits() {
    assertValid(module().memory(Limits.of(0, 65536)));
    assertInvalid(
        module().memory(Limits.of(65537)), "memory size must be at most 65536 pages (4GiB)");
    assertInvalid(
        module().memory(Limits.of(0, 65537)), "memory size must be at most 65536 pages (4GiB)");
    assertInvalid(
        module().memory(Limits.of(0x1_0000_0000L)),
        "memory size must be at most 65536 pages (4GiB)");
    assertInvalid(
        module().memory(Limits.of(2, 1)), "size minimum must not be greater than maximum");
    assertInvalid(module().importMemory(2, 1), "size minimum must not be greater than maximum");
  }

  @Test
  void tableLimits() {
    assertValid(module().table(FUNCREF, Limits.of(0, 0xFFFF_FFFFL)));
    assertInvalid(
        module().table(FUNCREF, Limits.of(0x1_0000_0000L)), "table size must be at most 2^32-1");
    assertInvalid(
        module().table(EXTERNREF, Limits.of(1, 0)),
        "size minimum must not be greater than maximum");
  }

  @Test
  void tableElementTypeMustBeAReference() {
    assertInvalid(module().table(I32), "type mismatch");
  }

  @Test
  void multipleMemoriesAreNotAllowed() {
    assertInvalid(module().memory().memory(), "multiple memories");
    assertInvalid(module().importMemory(1, 2).memory(), "multiple memories");
    assertValid(module().importMemory(1, 2));
  }

  @Test
  void sharedAndSixtyFourBitMemoriesAreLaterFeatures() {
    WasmModule.Builder shared = WasmModule.builder();
    shared.memories.add(new MemType(Limits.of(1, 1), true, false));
    assertThatThrownBy(() -> Validator.validate(shared.build()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("unsupported: threads");

    WasmModule.Builder memory64 = WasmModule.builder();
    memory64.memories.add(new MemType(Limits.of(1), false, true));
    assertThatThrownBy(() -> Validator.validate(memory64.build()))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("unsupported: memory64");
  }

  // ---- Constant expressions.

  @Test
  void globalInitializerMustBeConstant() {
    assertValid(module().global(I32, false, i32(1)));
    assertInvalid(module().global(F32, false, f32(0), op(F32_NEG)), "constant expression required");
    assertInvalid(module().global(F32, false, op(LOCAL_GET, 0)), "constant expression required");
    assertInvalid(module().global(I32, false, i32(0), op(NOP)), "constant expression required");
    assertInvalid(module().global(I32, false, op(NOP)), "constant expression required");
    assertInvalid(
        module().global(I32, false, i32(1), i32(2), op(I32_ADD)), "constant expression required");
  }

  @Test
  void globalInitializerMustHaveTheGlobalType() {
    InvalidModuleException e = assertInvalid(module().global(I32, false, i64(1)), "type mismatch");
    assertThat(e.reason())
        .isEqualTo("type mismatch: constant expression requires [i32] but has [i64]");
    assertThat(e.location()).isEqualTo("global 0, offset 0x0");
    assertInvalid(module().global(I32, false), "type mismatch");
    assertInvalid(module().global(I32, false, i32(1), i32(2)), "type mismatch");
    assertInvalid(module().global(FUNCREF, false, refNull(EXTERNREF)), "type mismatch");
    assertValid(module().global(EXTERNREF, true, refNull(EXTERNREF)));
  }

  @Test
  void constantGlobalGetReadsImmutableImportedGlobalsOnly() {
    assertValid(module().importGlobal(I32, false).global(I32, false, op(GLOBAL_GET, 0)));
    assertInvalid(
        module().importGlobal(I32, true).global(I32, false, op(GLOBAL_GET, 0)),
        "constant expression required");
    assertInvalid(
        module().global(I32, false, i32(0)).global(I32, false, op(GLOBAL_GET, 0)),
        "unknown global 0");
    assertInvalid(
        module().importGlobal(I32, false).global(I32, false, op(GLOBAL_GET, 2)),
        "unknown global 2");
    assertInvalid(
        module().importGlobal(I64, false).global(I32, false, op(GLOBAL_GET, 0)), "type mismatch");
  }

  @Test
  void constantRefFunc() {
    assertValid(module().global(FUNCREF, false, op(REF_FUNC, 0)).function(NONE, NONE, NONE));
    assertInvalid(
        module().importFunction(NONE, NONE).global(FUNCREF, false, op(REF_FUNC, 7)),
        "unknown function 7");
  }

  // ---- Element segments.

  @Test
  void activeElemSegments() {
    assertValid(
        module()
            .table(FUNCREF)
            .function(NONE, NONE, NONE)
            .activeElem(FUNCREF, 0, expr(i32(0)), op(REF_FUNC, 0), refNull(FUNCREF)));
    assertInvalid(
        module().activeElem(FUNCREF, 0, expr(i32(0)), refNull(FUNCREF)), "unknown table 0");
    assertInvalid(module().table(EXTERNREF).activeElem(FUNCREF, 0, expr(i32(0))), "type mismatch");
    assertInvalid(module().table(FUNCREF).activeElem(FUNCREF, 0, expr(i64(0))), "type mismatch");
    assertInvalid(
        module().table(FUNCREF).activeElem(FUNCREF, 0, expr(i32(0), op(NOP))),
        "constant expression required");
    assertInvalid(
        module().table(FUNCREF).activeElem(FUNCREF, 0, expr(op(GLOBAL_GET, 0))),
        "unknown global 0");
    assertInvalid(
        module()
            .importGlobal(I32, true)
            .table(FUNCREF)
            .activeElem(FUNCREF, 0, expr(op(GLOBAL_GET, 0))),
        "constant expression required");
  }

  @Test
  void elemItemsMustHaveTheSegmentType() {
    assertValid(module().elem(SegmentMode.PASSIVE, EXTERNREF, refNull(EXTERNREF)));
    assertInvalid(module().elem(SegmentMode.PASSIVE, EXTERNREF, refNull(FUNCREF)), "type mismatch");
    assertInvalid(
        module()
            .function(NONE, NONE, NONE)
            .elem(SegmentMode.DECLARATIVE, EXTERNREF, op(REF_FUNC, 0)),
        "type mismatch");
    assertInvalid(
        module().elem(SegmentMode.PASSIVE, FUNCREF, op(REF_FUNC, 0)), "unknown function 0");
    assertInvalid(module().elem(SegmentMode.PASSIVE, FUNCREF, i32(0)), "type mismatch");
  }

  // ---- Data segments.

  @Test
  void activeDataSegments() {
    assertValid(module().memory().activeData(0, i32(0)).passiveData());
    assertInvalid(module().activeData(0, i32(0)), "unknown memory 0");
    assertInvalid(module().memory().activeData(1, i32(0)), "unknown memory 1");
    assertInvalid(module().memory().activeData(0, i64(0)), "type mismatch");
    assertInvalid(module().memory().activeData(0), "type mismatch");
    assertInvalid(module().memory().activeData(0, op(GLOBAL_GET, 0)), "unknown global 0");
    assertInvalid(
        module().importGlobal(I32, false).memory().activeData(0, op(GLOBAL_GET, 1)),
        "unknown global 1");
    assertValid(module().importGlobal(I32, false).memory().activeData(0, op(GLOBAL_GET, 0)));
  }

  // ---- Start function.

  @Test
  void startFunction() {
    assertValid(module().function(NONE, NONE, NONE).start(0));
    assertInvalid(module().function(NONE, NONE, NONE).start(1), "unknown function 1");
    InvalidModuleException e =
        assertInvalid(
            module().function(NONE, List.of(I32), NONE, i32(0)).start(0), "start function");
    assertThat(e.reason()).contains("must not have parameters or results");
    assertInvalid(module().function(List.of(I32), NONE, NONE).start(0), "start function");
    assertValid(module().importFunction(NONE, NONE).start(0));
  }

  // ---- Exports.

  @Test
  void exportNamesMustBeUnique() {
    assertValid(
        module()
            .function(NONE, NONE, NONE)
            .memory()
            .export("a", ExternKind.FUNC, 0)
            .export("b", ExternKind.MEMORY, 0)
            .export("c", ExternKind.FUNC, 0));
    InvalidModuleException e =
        assertInvalid(
            module()
                .function(NONE, NONE, NONE)
                .memory()
                .export("a", ExternKind.FUNC, 0)
                .export("a", ExternKind.MEMORY, 0),
            "duplicate export name");
    assertThat(e.location()).isEqualTo("export \"a\"");
  }

  @Test
  void exportedItemsMustExist() {
    assertInvalid(module().export("f", ExternKind.FUNC, 0), "unknown function 0");
    assertInvalid(module().export("t", ExternKind.TABLE, 0), "unknown table 0");
    assertInvalid(module().export("m", ExternKind.MEMORY, 0), "unknown memory 0");
    assertInvalid(module().export("g", ExternKind.GLOBAL, 1), "unknown global 1");
    assertValid(module().importGlobal(I32, true).export("g", ExternKind.GLOBAL, 0));
  }

  // ---- Robustness: a module built by hand never makes the validator crash.

  @Test
  void instructionsMissingTheirImmediatesAreInvalidNotCrashes() {
    TestModule m = module().table(FUNCREF);
    m.function(NONE, NONE, NONE, Instruction.of(Opcode.BR_TABLE, 0));
    assertInvalid(m, "br_table requires a default label");
    assertInvalid(
        module().function(NONE, NONE, NONE, Instruction.of(Opcode.BLOCK, 0)), "missing block type");
    assertInvalid(
        module().function(NONE, NONE, NONE, Instruction.of(Opcode.REF_NULL, 0)),
        "ref.null requires a reference type");
    assertInvalid(
        module()
            .function(
                NONE, NONE, NONE, i32(0), i32(0), i32(0), Instruction.of(Opcode.SELECT_TYPED, 0)),
        "invalid result arity");
  }

  @Test
  void globalsOfEveryImportKindAreCounted() {
    WasmModule.Builder b = WasmModule.builder();
    b.imports.add(Import.global("m", "g", new GlobalType(I32, false)));
    b.globals.add(new GlobalDefinition(new GlobalType(I32, false), expr(op(GLOBAL_GET, 0))));
    b.globals.add(new GlobalDefinition(new GlobalType(I32, false), expr(op(GLOBAL_GET, 1))));
    InvalidModuleException e = assertInvalid(b.build(), "unknown global 1");
    assertThat(e.location()).startsWith("global 2");
  }
}
