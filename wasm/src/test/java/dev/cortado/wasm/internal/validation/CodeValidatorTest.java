package dev.cortado.wasm.internal.validation;

import static dev.cortado.wasm.ValType.EXTERNREF;
import static dev.cortado.wasm.ValType.F32;
import static dev.cortado.wasm.ValType.F64;
import static dev.cortado.wasm.ValType.FUNCREF;
import static dev.cortado.wasm.ValType.I32;
import static dev.cortado.wasm.ValType.I64;
import static dev.cortado.wasm.code.Opcode.BLOCK;
import static dev.cortado.wasm.code.Opcode.BR;
import static dev.cortado.wasm.code.Opcode.BR_IF;
import static dev.cortado.wasm.code.Opcode.CALL;
import static dev.cortado.wasm.code.Opcode.CALL_INDIRECT;
import static dev.cortado.wasm.code.Opcode.DROP;
import static dev.cortado.wasm.code.Opcode.ELSE;
import static dev.cortado.wasm.code.Opcode.END;
import static dev.cortado.wasm.code.Opcode.F32_ADD;
import static dev.cortado.wasm.code.Opcode.GLOBAL_GET;
import static dev.cortado.wasm.code.Opcode.GLOBAL_SET;
import static dev.cortado.wasm.code.Opcode.I32_ADD;
import static dev.cortado.wasm.code.Opcode.I32_EQZ;
import static dev.cortado.wasm.code.Opcode.I64_ADD;
import static dev.cortado.wasm.code.Opcode.IF;
import static dev.cortado.wasm.code.Opcode.LOCAL_GET;
import static dev.cortado.wasm.code.Opcode.LOCAL_SET;
import static dev.cortado.wasm.code.Opcode.LOCAL_TEE;
import static dev.cortado.wasm.code.Opcode.LOOP;
import static dev.cortado.wasm.code.Opcode.NOP;
import static dev.cortado.wasm.code.Opcode.RETURN;
import static dev.cortado.wasm.code.Opcode.SELECT;
import static dev.cortado.wasm.code.Opcode.UNREACHABLE;
import static dev.cortado.wasm.internal.validation.TestModule.block;
import static dev.cortado.wasm.internal.validation.TestModule.brTable;
import static dev.cortado.wasm.internal.validation.TestModule.f32;
import static dev.cortado.wasm.internal.validation.TestModule.f64;
import static dev.cortado.wasm.internal.validation.TestModule.func;
import static dev.cortado.wasm.internal.validation.TestModule.i32;
import static dev.cortado.wasm.internal.validation.TestModule.i64;
import static dev.cortado.wasm.internal.validation.TestModule.module;
import static dev.cortado.wasm.internal.validation.TestModule.op;
import static dev.cortado.wasm.internal.validation.TestModule.refNull;
import static dev.cortado.wasm.internal.validation.TestModule.select;
import static dev.cortado.wasm.internal.validation.ValidationAssertions.assertInvalid;
import static dev.cortado.wasm.internal.validation.ValidationAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.InvalidModuleException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stack typing, control flow, calls and variables in function bodies (spec 3.3). */
class CodeValidatorTest {
  private static final List<ValType> NONE = List.of();

  // ---- Operand stack.

  @Test
  void numericInstructionsPopAndPushTheirSignature() {
    assertValid(func(NONE, List.of(I32), i32(1), i32(2), op(I32_ADD)));
    assertValid(func(NONE, List.of(I32), i64(1), op(Opcode.I64_EQZ)));
    assertValid(func(NONE, List.of(F64), i32(1), op(Opcode.F64_CONVERT_I32_U)));
  }

  @Test
  void operandOfTheWrongTypeIsATypeMismatch() {
    InvalidModuleException e =
        assertInvalid(func(NONE, List.of(I32), i32(1), i64(2), op(I32_ADD)), "type mismatch");
    assertThat(e.reason())
        .isEqualTo("type mismatch: instruction requires [i32 i32] but stack has [i32 i64]");
  }

  @Test
  void missingOperandIsATypeMismatch() {
    assertInvalid(func(NONE, List.of(I32), i32(1), op(I32_ADD)), "type mismatch");
    assertInvalid(func(NONE, NONE, op(DROP)), "type mismatch");
  }

  @Test
  void operandsOutsideTheCurrentBlockAreNotAvailable() {
    assertInvalid(
        func(NONE, NONE, i32(1), block(BLOCK), op(DROP), op(END), op(DROP)), "type mismatch");
  }

  @Test
  void functionMustLeaveExactlyItsResults() {
    assertValid(func(NONE, List.of(I32, I64), i32(1), i64(2)));
    assertInvalid(func(NONE, List.of(I32), i64(1)), "type mismatch");
    assertInvalid(func(NONE, List.of(I32), i32(1), i32(2)), "type mismatch");
    InvalidModuleException e = assertInvalid(func(NONE, List.of(I32)), "type mismatch");
    assertThat(e.reason())
        .isEqualTo("type mismatch: end of function requires [i32] but stack has []");
  }

  // ---- Unreachable code: the polymorphic stack.

  @Test
  void unreachableMakesTheStackPolymorphic() {
    assertValid(func(NONE, List.of(I32), op(UNREACHABLE)));
    assertValid(func(NONE, List.of(I32), op(UNREACHABLE), op(I32_ADD)));
    assertValid(func(NONE, NONE, op(UNREACHABLE), op(I32_ADD), op(DROP), op(DROP), op(DROP)));
    assertValid(func(NONE, List.of(I64), i64(1), op(RETURN), op(I64_ADD)));
    assertInvalid(func(NONE, List.of(I64), op(RETURN)), "type mismatch");
  }

  @Test
  void knownOperandsAreStillCheckedInUnreachableCode() {
    // The spec's own example: (unreachable) (i64.const 0) (i32.add).
    assertInvalid(func(NONE, List.of(I32), op(UNREACHABLE), i64(0), op(I32_ADD)), "type mismatch");
    assertInvalid(func(NONE, List.of(I32), op(UNREACHABLE), i64(0)), "type mismatch");
    assertInvalid(func(NONE, NONE, op(UNREACHABLE), i32(0)), "type mismatch");
  }

  @Test
  void unreachableOnlyAffectsItsOwnBlock() {
    assertInvalid(
        func(NONE, List.of(I32), block(BLOCK), op(UNREACHABLE), op(END), op(I32_EQZ)),
        "type mismatch");
    assertValid(func(NONE, List.of(I32), block(BLOCK, I32), op(UNREACHABLE), op(END), op(I32_EQZ)));
  }

  // ---- Blocks.

  @Test
  void blockTypes() {
    assertValid(func(NONE, List.of(I32), block(BLOCK, I32), i32(1), op(END)));
    assertInvalid(func(NONE, List.of(I32), block(BLOCK, I32), i64(1), op(END)), "type mismatch");
    assertInvalid(func(NONE, NONE, block(BLOCK), i32(1), op(END)), "type mismatch");
  }

  @Test
  void multiValueBlocksTakeParametersFromTheStack() {
    TestModule m = module();
    int type = m.type(List.of(I32, I32), List.of(I32, I64));
    m.function(
        NONE,
        List.of(I32, I64),
        NONE,
        i32(1),
        i32(2),
        block(BLOCK, BlockType.ofIndex(type)),
        op(I32_ADD),
        i64(3),
        op(END));
    assertValid(m);

    TestModule missing = module();
    int type2 = missing.type(List.of(I32, I32), List.of(I32));
    missing.function(
        NONE,
        List.of(I32),
        NONE,
        i32(1),
        block(BLOCK, BlockType.ofIndex(type2)),
        op(I32_ADD),
        op(END));
    assertInvalid(missing, "type mismatch");
  }

  @Test
  void unknownBlockTypeIndex() {
    assertInvalid(func(NONE, NONE, block(BLOCK, BlockType.ofIndex(5)), op(END)), "unknown type 5");
  }

  @Test
  void loopLabelTakesTheLoopParametersAndBlockLabelItsResults() {
    TestModule loop = module();
    int noneToI32 = loop.type(NONE, List.of(I32));
    loop.function(
        NONE, List.of(I32), NONE, block(LOOP, BlockType.ofIndex(noneToI32)), op(BR, 0), op(END));
    assertValid(loop);

    TestModule block = module();
    int type = block.type(NONE, List.of(I32));
    block.function(
        NONE, List.of(I32), NONE, block(BLOCK, BlockType.ofIndex(type)), op(BR, 0), op(END));
    assertInvalid(block, "type mismatch");

    TestModule loopWithParam = module();
    int i32ToI32 = loopWithParam.type(List.of(I32), List.of(I32));
    loopWithParam.function(
        NONE,
        List.of(I32),
        NONE,
        i32(7),
        block(LOOP, BlockType.ofIndex(i32ToI32)),
        i32(0),
        op(BR_IF, 0),
        op(END));
    assertValid(loopWithParam);
  }

  @Test
  void ifNeedsAnI32Condition() {
    assertValid(func(NONE, NONE, i32(1), block(IF), op(END)));
    assertInvalid(func(NONE, NONE, block(IF), op(END)), "type mismatch");
    assertInvalid(func(NONE, NONE, i64(1), block(IF), op(END)), "type mismatch");
  }

  @Test
  void ifBranchesMustBothProduceTheResults() {
    assertValid(
        func(NONE, List.of(I32), i32(1), block(IF, I32), i32(2), op(ELSE), i32(3), op(END)));
    assertInvalid(
        func(NONE, List.of(I32), i32(1), block(IF, I32), i32(2), op(ELSE), i64(3), op(END)),
        "type mismatch");
    assertInvalid(
        func(NONE, List.of(I32), i32(1), block(IF, I32), op(ELSE), i32(3), op(END)),
        "type mismatch");
  }

  @Test
  void ifWithoutElseMustHaveEqualParametersAndResults() {
    assertInvalid(
        func(NONE, List.of(I32), i32(1), block(IF, I32), i32(2), op(END)), "type mismatch");

    TestModule passThrough = module();
    int type = passThrough.type(List.of(I32), List.of(I32));
    passThrough.function(
        NONE, List.of(I32), NONE, i32(5), i32(1), block(IF, BlockType.ofIndex(type)), op(END));
    assertValid(passThrough);
  }

  @Test
  void elseBranchStartsWithTheIfParameters() {
    TestModule m = module();
    int type = m.type(List.of(I32), List.of(I32));
    m.function(
        NONE,
        List.of(I32),
        NONE,
        i32(5),
        i32(1),
        block(IF, BlockType.ofIndex(type)),
        op(I32_EQZ),
        op(ELSE),
        i32(1),
        op(I32_ADD),
        op(END));
    assertValid(m);
  }

  // ---- Branches.

  @Test
  void brNeedsTheLabelTypesAndMakesTheRestUnreachable() {
    assertValid(func(NONE, List.of(I32), block(BLOCK, I32), i32(1), op(BR, 0), op(END)));
    assertValid(
        func(NONE, List.of(I32), block(BLOCK, I32), i32(1), op(BR, 0), op(I32_ADD), op(END)));
    // A value pushed after the branch is known, and must suit the block's end.
    assertInvalid(
        func(NONE, List.of(I32), block(BLOCK, I32), i32(1), op(BR, 0), op(F32_ADD), op(END)),
        "type mismatch");
    assertInvalid(
        func(NONE, List.of(I32), block(BLOCK, I32), i64(1), op(BR, 0), op(END)), "type mismatch");
    // br to the function's implicit label takes the function's results.
    assertValid(func(NONE, List.of(I32), i32(1), op(BR, 0)));
  }

  @Test
  void unknownLabel() {
    assertInvalid(func(NONE, NONE, op(BR, 1)), "unknown label 1");
    assertInvalid(func(NONE, NONE, block(BLOCK), i32(0), op(BR_IF, 2), op(END)), "unknown label 2");
    assertInvalid(func(NONE, NONE, i32(0), brTable(0, 1)), "unknown label 1");
    assertInvalid(func(NONE, NONE, i32(0), brTable(1, 0)), "unknown label 1");
    assertInvalid(func(NONE, NONE, op(BR, -1)), "unknown label 4294967295");
  }

  @Test
  void brIfKeepsTheLabelTypesOnTheStack() {
    assertValid(func(NONE, List.of(I32), block(BLOCK, I32), i32(1), i32(0), op(BR_IF, 0), op(END)));
    assertInvalid(func(NONE, NONE, block(BLOCK), op(BR_IF, 0), op(END)), "type mismatch");
    assertInvalid(
        func(NONE, List.of(I32), block(BLOCK, I32), f32(1), i32(0), op(BR_IF, 0), op(END)),
        "type mismatch");
  }

  @Test
  void brTableTargetsMustAgree() {
    assertValid(
        func(
            NONE,
            List.of(I32),
            block(BLOCK, I32),
            block(BLOCK, I32),
            i32(7),
            i32(0),
            brTable(0, 1, 0),
            op(END),
            op(END)));
    // Different arities.
    assertInvalid(
        func(
            NONE,
            List.of(I32),
            block(BLOCK, I32),
            block(BLOCK),
            i32(7),
            i32(0),
            brTable(0, 1),
            op(END),
            op(END)),
        "type mismatch");
    // Same arity, different types.
    assertInvalid(
        func(
            NONE,
            List.of(I32),
            block(BLOCK, I32),
            block(BLOCK, F32),
            i32(7),
            i32(0),
            brTable(0, 1),
            op(END),
            op(DROP),
            i32(0),
            op(END)),
        "type mismatch");
    assertInvalid(func(NONE, NONE, block(BLOCK), brTable(0), op(END)), "type mismatch");
  }

  @Test
  void brTableInUnreachableCodeAcceptsTargetsOfDifferentTypes() {
    assertValid(
        func(
            NONE,
            List.of(I32),
            block(BLOCK, I32),
            block(BLOCK, F32),
            op(UNREACHABLE),
            brTable(0, 1),
            op(END),
            op(DROP),
            i32(0),
            op(END)));
  }

  @Test
  void returnNeedsTheFunctionResults() {
    assertValid(func(NONE, List.of(I32), block(BLOCK), i32(1), op(RETURN), op(END), i32(2)));
    assertInvalid(func(NONE, List.of(I32), f32(1), op(RETURN)), "type mismatch");
    assertInvalid(func(NONE, List.of(I32), op(RETURN)), "type mismatch");
  }

  // ---- Calls.

  @Test
  void callUsesTheCalleeType() {
    TestModule m = module().importFunction(List.of(I32, F64), List.of(I64));
    m.function(NONE, List.of(I64), NONE, i32(1), f64(2), op(CALL, 0));
    assertValid(m);

    TestModule wrong = module().importFunction(List.of(I32, F64), List.of(I64));
    wrong.function(NONE, List.of(I64), NONE, f64(2), i32(1), op(CALL, 0));
    assertInvalid(wrong, "type mismatch");

    assertInvalid(func(NONE, NONE, op(CALL, 7)), "unknown function 7");
  }

  @Test
  void callIndirectNeedsAFuncrefTableAndAType() {
    TestModule m = module().table(FUNCREF);
    int type = m.type(List.of(I32), List.of(I32));
    m.function(NONE, List.of(I32), NONE, i32(1), i32(0), op(CALL_INDIRECT, type, 0));
    assertValid(m);

    TestModule noIndex = module().table(FUNCREF);
    int type2 = noIndex.type(List.of(I32), List.of(I32));
    noIndex.function(NONE, List.of(I32), NONE, i32(1), op(CALL_INDIRECT, type2, 0));
    assertInvalid(noIndex, "type mismatch");

    assertInvalid(func(NONE, NONE, i32(0), op(CALL_INDIRECT, 0, 0)), "unknown table 0");

    TestModule unknownType = module().table(FUNCREF);
    unknownType.function(NONE, NONE, NONE, i32(0), op(CALL_INDIRECT, 9, 0));
    assertInvalid(unknownType, "unknown type 9");

    TestModule externTable = module().table(EXTERNREF);
    externTable.function(NONE, NONE, NONE, i32(0), op(CALL_INDIRECT, 0, 0));
    assertInvalid(externTable, "type mismatch");
  }

  // ---- Parametric instructions.

  @Test
  void untypedSelectIsForNumericOperandsOfOneType() {
    assertValid(func(NONE, List.of(F64), f64(1), f64(2), i32(0), op(SELECT)));
    assertInvalid(func(NONE, List.of(I32), i32(1), i64(2), i32(0), op(SELECT)), "type mismatch");
    assertInvalid(func(NONE, List.of(I32), i32(1), i32(2), i64(0), op(SELECT)), "type mismatch");
    assertInvalid(
        func(NONE, List.of(FUNCREF), refNull(FUNCREF), refNull(FUNCREF), i32(0), op(SELECT)),
        "type mismatch");
  }

  @Test
  void untypedSelectInUnreachableCode() {
    assertValid(func(NONE, List.of(I32), op(UNREACHABLE), op(SELECT)));
    assertValid(func(NONE, List.of(I64), op(UNREACHABLE), i64(1), i32(0), op(SELECT)));
    assertInvalid(
        func(NONE, List.of(I32), op(UNREACHABLE), i64(1), i32(0), op(SELECT)), "type mismatch");
    assertInvalid(
        func(NONE, NONE, op(UNREACHABLE), refNull(FUNCREF), i32(0), op(SELECT), op(DROP)),
        "type mismatch");
  }

  @Test
  void typedSelect() {
    assertValid(
        func(NONE, List.of(FUNCREF), refNull(FUNCREF), refNull(FUNCREF), i32(0), select(FUNCREF)));
    assertValid(func(NONE, List.of(I32), i32(1), i32(2), i32(0), select(I32)));
    assertInvalid(func(NONE, List.of(I32), i32(1), i64(2), i32(0), select(I32)), "type mismatch");
    assertInvalid(func(NONE, NONE, i32(0), select()), "invalid result arity");
    assertInvalid(
        func(NONE, List.of(I32), i32(1), i32(1), i32(1), i32(1), i32(0), select(I32, I32)),
        "invalid result arity");
  }

  // ---- Variables.

  @Test
  void localsAreParametersThenDeclaredLocals() {
    TestModule m =
        module()
            .function(
                List.of(I32),
                List.of(F32),
                List.of(I64, F32),
                op(LOCAL_GET, 0),
                op(DROP),
                i64(1),
                op(LOCAL_SET, 1),
                f32(1),
                op(LOCAL_TEE, 2));
    assertValid(m);
    assertInvalid(
        module().function(List.of(I32), NONE, List.of(I64), op(LOCAL_GET, 2), op(DROP)),
        "unknown local 2");
    assertInvalid(
        module().function(List.of(I32), NONE, List.of(I64), i32(1), op(LOCAL_SET, 1)),
        "type mismatch");
    assertInvalid(
        module().function(List.of(I32), List.of(I32), NONE, f32(1), op(LOCAL_TEE, 0)),
        "type mismatch");
  }

  @Test
  void globals() {
    TestModule m =
        module()
            .importGlobal(I64, false)
            .global(F32, true, f32(0))
            .function(NONE, List.of(I64), NONE, f32(2), op(GLOBAL_SET, 1), op(GLOBAL_GET, 0));
    assertValid(m);
    assertInvalid(func(NONE, NONE, op(GLOBAL_GET, 0), op(DROP)), "unknown global 0");
    assertInvalid(
        module().global(F32, false, f32(0)).function(NONE, NONE, NONE, f32(1), op(GLOBAL_SET, 0)),
        "global is immutable");
    assertInvalid(
        module().importGlobal(I32, false).function(NONE, NONE, NONE, i32(1), op(GLOBAL_SET, 0)),
        "global is immutable");
    assertInvalid(
        module().global(F32, true, f32(0)).function(NONE, NONE, NONE, i32(1), op(GLOBAL_SET, 0)),
        "type mismatch");
  }

  // ---- Structure of the flat code.

  @Test
  void elseWithoutIf() {
    assertInvalid(func(NONE, NONE, block(BLOCK), op(ELSE), op(END)), "else without a matching if");
  }

  @Test
  void codeAfterTheFinalEnd() {
    WasmModule.Builder b = module().builder();
    b.types.add(FuncType.of(NONE, NONE));
    b.functions.add(new FunctionDefinition(0, NONE, List.of(op(END), op(NOP)), 0));
    assertInvalid(b.build(), "operators remaining after end of function");
  }

  @Test
  void bodyWithoutFinalEnd() {
    WasmModule.Builder b = module().builder();
    b.types.add(FuncType.of(NONE, NONE));
    b.functions.add(new FunctionDefinition(0, NONE, List.of(op(NOP)), 0));
    assertInvalid(b.build(), "function body must end with end");
    b.functions.set(0, new FunctionDefinition(0, NONE, List.of(), 0));
    assertInvalid(b.build(), "function body must end with end");
  }

  @Test
  void deepNestingNeedsNoRecursion() {
    int depth = 100_000;
    List<Instruction> body = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      body.add(block(BLOCK, I32));
    }
    body.add(i32(1));
    for (int i = 0; i < depth; i++) {
      body.add(op(END));
    }
    assertValid(func(NONE, List.of(I32), body.toArray(Instruction[]::new)));
  }

  // ---- Error locations.

  @Test
  void locationNamesTheFunctionIndexAndTheInstructionOffset() {
    TestModule m = module().importFunction(NONE, NONE);
    m.function(NONE, NONE, NONE);
    m.function(
        NONE,
        NONE,
        NONE,
        Instruction.ofConst(Opcode.I64_CONST, 1, 0x20),
        Instruction.of(Opcode.I32_EQZ, 0x2a));
    InvalidModuleException e = assertInvalid(m, "type mismatch");
    assertThat(e.location()).isEqualTo("func 2, offset 0x2a");
    assertThat(e.getMessage()).startsWith("func 2, offset 0x2a: type mismatch");
  }

  @Test
  void locationInATextModuleIsLineAndColumn() {
    String text = "(module\n  (func\n    (drop)))";
    TestModule m = module();
    m.builder().sourceText(text);
    m.function(NONE, NONE, NONE, Instruction.of(DROP, text.indexOf("drop")));
    InvalidModuleException e = assertInvalid(m, "type mismatch");
    assertThat(e.location()).isEqualTo("func 0, 3:6");
  }
}
