package dev.cortado.wasm.internal.binary;

import static dev.cortado.wasm.internal.binary.ModuleAssertions.assertSameContent;
import static dev.cortado.wasm.internal.binary.TestBytes.bytes;
import static dev.cortado.wasm.internal.binary.TestBytes.module;
import static dev.cortado.wasm.internal.binary.TestBytes.section;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.CustomSection;
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
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryWriterTest {
  private static List<Instruction> expr(Instruction... instructions) {
    List<Instruction> result = new java.util.ArrayList<>(List.of(instructions));
    result.add(Instruction.of(Opcode.END, 0));
    return result;
  }

  private static List<Instruction> refFunc(int index) {
    return expr(Instruction.ofIndex(Opcode.REF_FUNC, index, 0));
  }

  /** Writes, checks that reading gives the module back, and returns the bytes. */
  private static byte[] writeAndCheck(WasmModule module) {
    byte[] bytes = BinaryWriter.write(module);
    assertSameContent(BinaryReader.read(bytes), module);
    return bytes;
  }

  @Test
  void everySectionCanonically() {
    WasmModule.Builder b = WasmModule.builder();
    b.types.add(FuncType.of(List.of(ValType.I32), List.of(ValType.I64)));
    b.imports.add(Import.func("m", "f", 0));
    b.imports.add(Import.global("m", "g", new GlobalType(ValType.F32, true)));
    b.functions.add(
        new FunctionDefinition(
            0,
            List.of(ValType.I32, ValType.I32, ValType.F64, ValType.I32),
            expr(Instruction.ofConst(Opcode.I64_CONST, -1, 0)),
            0));
    b.tables.add(new TableType(ValType.FUNCREF, Limits.of(1, 200)));
    b.memories.add(MemType.of(Limits.of(1)));
    b.globals.add(
        new GlobalDefinition(
            new GlobalType(ValType.I32, false),
            expr(Instruction.ofConst(Opcode.I32_CONST, 64, 0))));
    b.exports.add(new Export("e", ExternKind.FUNC, 1));
    b.start(1);
    b.elements.add(
        new ElemSegment(
            ValType.FUNCREF,
            List.of(refFunc(1)),
            SegmentMode.ACTIVE,
            0,
            expr(Instruction.ofConst(Opcode.I32_CONST, 0, 0))));
    b.datas.add(new DataSegment(bytes('a'), SegmentMode.PASSIVE, 0, null));
    b.dataCount(1);
    byte[] expected =
        module(
            section(1, 0x01, 0x60, 0x01, 0x7F, 0x01, 0x7E),
            section(
                2, 0x02, 0x01, 'm', 0x01, 'f', 0x00, 0x00, 0x01, 'm', 0x01, 'g', 0x03, 0x7D, 0x01),
            section(3, 0x01, 0x00),
            section(4, 0x01, 0x70, 0x01, 0x01, 0xC8, 0x01),
            section(5, 0x01, 0x00, 0x01),
            section(6, 0x01, 0x7F, 0x00, 0x41, 0xC0, 0x00, 0x0B),
            section(7, 0x01, 0x01, 'e', 0x00, 0x01),
            section(8, 0x01),
            section(9, 0x01, 0x00, 0x41, 0x00, 0x0B, 0x01, 0x01),
            section(12, 0x01),
            // Locals in runs: 2 i32, 1 f64, 1 i32.
            section(10, 0x01, 0x0A, 0x03, 0x02, 0x7F, 0x01, 0x7C, 0x01, 0x7F, 0x42, 0x7F, 0x0B),
            section(11, 0x01, 0x01, 0x01, 'a'));
    assertThat(writeAndCheck(b.build())).isEqualTo(expected);
  }

  @Test
  void nonCanonicalInputIsWrittenCanonically() {
    // A padded u32 count and a padded i32.const.
    byte[] padded =
        module(
            section(1, 0x81, 0x80, 0x80, 0x00, 0x60, 0x00, 0x00),
            section(6, 0x01, 0x7F, 0x00, 0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x0B));
    assertThat(BinaryWriter.write(BinaryReader.read(padded)))
        .isEqualTo(
            module(
                section(1, 0x01, 0x60, 0x00, 0x00),
                section(6, 0x01, 0x7F, 0x00, 0x41, 0x7F, 0x0B)));
  }

  @Test
  void elementSegmentsUseTheMostCompactEncoding() {
    List<Instruction> offset = expr(Instruction.ofConst(Opcode.I32_CONST, 0, 0));
    List<Instruction> nullFunc =
        expr(Instruction.ofTypes(Opcode.REF_NULL, List.of(ValType.FUNCREF), 0));
    WasmModule.Builder b = WasmModule.builder();
    b.elements.add(
        new ElemSegment(ValType.FUNCREF, List.of(refFunc(0)), SegmentMode.ACTIVE, 0, offset));
    b.elements.add(
        new ElemSegment(ValType.FUNCREF, List.of(refFunc(0)), SegmentMode.PASSIVE, 0, null));
    b.elements.add(
        new ElemSegment(ValType.FUNCREF, List.of(refFunc(0)), SegmentMode.ACTIVE, 1, offset));
    b.elements.add(new ElemSegment(ValType.FUNCREF, List.of(), SegmentMode.DECLARATIVE, 0, null));
    b.elements.add(
        new ElemSegment(ValType.FUNCREF, List.of(nullFunc), SegmentMode.ACTIVE, 0, offset));
    b.elements.add(
        new ElemSegment(ValType.FUNCREF, List.of(nullFunc), SegmentMode.PASSIVE, 0, null));
    b.elements.add(new ElemSegment(ValType.EXTERNREF, List.of(), SegmentMode.ACTIVE, 0, offset));
    b.elements.add(
        new ElemSegment(ValType.FUNCREF, List.of(nullFunc), SegmentMode.DECLARATIVE, 0, null));
    byte[] expected =
        module(
            section(
                9, 0x08, 0x00, 0x41, 0x00, 0x0B, 0x01, 0x00, // active table 0, indices
                0x01, 0x00, 0x01, 0x00, // passive, indices
                0x02, 0x01, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x00, // active table 1, indices
                0x03, 0x00, 0x00, // declarative, no elements
                0x04, 0x41, 0x00, 0x0B, 0x01, 0xD0, 0x70, 0x0B, // active table 0, expressions
                0x05, 0x70, 0x01, 0xD0, 0x70, 0x0B, // passive, expressions
                0x06, 0x00, 0x41, 0x00, 0x0B, 0x6F, 0x00, // externref: explicit table and type
                0x07, 0x70, 0x01, 0xD0, 0x70, 0x0B)); // declarative, expressions
    assertThat(writeAndCheck(b.build())).isEqualTo(expected);
  }

  @Test
  void dataSegments() {
    List<Instruction> offset = expr(Instruction.ofConst(Opcode.I32_CONST, 1, 0));
    WasmModule.Builder b = WasmModule.builder();
    b.datas.add(new DataSegment(bytes(7), SegmentMode.ACTIVE, 0, offset));
    b.datas.add(new DataSegment(bytes(), SegmentMode.ACTIVE, 2, offset));
    assertThat(writeAndCheck(b.build()))
        .isEqualTo(
            module(
                section(
                    11, 0x02, 0x00, 0x41, 0x01, 0x0B, 0x01, 0x07, 0x02, 0x02, 0x41, 0x01, 0x0B,
                    0x00)));
  }

  @Test
  void customSectionsGoBackWhereTheyWere() {
    WasmModule.Builder b = WasmModule.builder();
    b.types.add(FuncType.of(List.of(), List.of()));
    b.customSections.add(new CustomSection("first", bytes(1), 0));
    b.customSections.add(new CustomSection("after types", bytes(), 1));
    // After an import section the module does not have: an empty one is written as a landmark.
    b.customSections.add(new CustomSection("after imports", bytes(2, 3), 2));
    b.customSections.add(new CustomSection("after data", bytes(), 11));
    byte[] bytes = writeAndCheck(b.build());
    assertThat(BinaryReader.read(bytes).customSections()).isEqualTo(b.build().customSections());
    assertThat(bytes)
        .isEqualTo(
            module(
                section(0, 0x05, 'f', 'i', 'r', 's', 't', 0x01),
                section(1, 0x01, 0x60, 0x00, 0x00),
                section(0, 0x0B, 'a', 'f', 't', 'e', 'r', ' ', 't', 'y', 'p', 'e', 's'),
                section(2, 0x00),
                section(
                    0, 0x0D, 'a', 'f', 't', 'e', 'r', ' ', 'i', 'm', 'p', 'o', 'r', 't', 's', 2, 3),
                section(11, 0x00),
                section(0, 0x0A, 'a', 'f', 't', 'e', 'r', ' ', 'd', 'a', 't', 'a')));
  }

  @Test
  void aDataCountSectionIsWrittenWhenCodeNeedsOne() {
    // A module built from text has no data count, but memory.init needs one in the binary format.
    WasmModule.Builder b = WasmModule.builder();
    b.types.add(FuncType.of(List.of(), List.of()));
    b.functions.add(
        new FunctionDefinition(0, List.of(), expr(Instruction.ofIndex(Opcode.DATA_DROP, 0, 0)), 0));
    b.datas.add(new DataSegment(bytes(), SegmentMode.PASSIVE, 0, null));
    WasmModule decoded = BinaryReader.read(BinaryWriter.write(b.build()));
    assertThat(decoded.dataCount()).hasValue(1);
    // Without such code there is none.
    b.functions.clear();
    assertThat(BinaryReader.read(BinaryWriter.write(b.build())).dataCount()).isEmpty();
  }

  @Test
  void bigSectionsHaveMultiByteSizes() {
    WasmModule.Builder b = WasmModule.builder();
    for (int i = 0; i < 100; i++) {
      b.types.add(FuncType.of(List.of(ValType.I32, ValType.I64), List.of()));
    }
    byte[] bytes = writeAndCheck(b.build());
    assertThat(bytes).startsWith(TestBytes.HEADER);
    assertThat(bytes[8]).isEqualTo((byte) 1);
    assertThat(bytes.length).isEqualTo(8 + 1 + 2 + 1 + 100 * 5);
  }
}
