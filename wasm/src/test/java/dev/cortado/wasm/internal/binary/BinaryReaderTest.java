package dev.cortado.wasm.internal.binary;

import static dev.cortado.wasm.internal.binary.TestBytes.bytes;
import static dev.cortado.wasm.internal.binary.TestBytes.concat;
import static dev.cortado.wasm.internal.binary.TestBytes.function;
import static dev.cortado.wasm.internal.binary.TestBytes.module;
import static dev.cortado.wasm.internal.binary.TestBytes.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.MemType;
import dev.cortado.wasm.Names;
import dev.cortado.wasm.SegmentMode;
import dev.cortado.wasm.TableType;
import dev.cortado.wasm.UnsupportedFeatureException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Sections (spec 5.5) and the module-level rules of the binary format. */
class BinaryReaderTest {
  static AbstractThrowableAssert<?, ?> assertMalformed(byte[] bytes, String reason) {
    return assertThatThrownBy(() -> BinaryReader.read(bytes))
        .isExactlyInstanceOf(MalformedModuleException.class)
        .satisfies(e -> assertThat(((MalformedModuleException) e).reason()).isEqualTo(reason));
  }

  static AbstractThrowableAssert<?, ?> assertUnsupported(byte[] bytes, String feature) {
    return assertThatThrownBy(() -> BinaryReader.read(bytes))
        .isInstanceOf(UnsupportedFeatureException.class)
        .satisfies(e -> assertThat(((UnsupportedFeatureException) e).feature()).isEqualTo(feature));
  }

  private static byte[] custom(String name, int... data) {
    byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return section(0, concat(bytes(nameBytes.length), nameBytes, bytes(data)));
  }

  private static List<Instruction> expr(Instruction... instructions) {
    List<Instruction> result = new java.util.ArrayList<>(List.of(instructions));
    result.add(Instruction.of(Opcode.END, 0));
    return result;
  }

  private static List<Instruction> i32Const(int value) {
    return expr(Instruction.ofConst(Opcode.I32_CONST, value, 0));
  }

  private static List<Instruction> refFunc(int index) {
    return expr(Instruction.ofIndex(Opcode.REF_FUNC, index, 0));
  }

  private static List<Instruction> refNull(ValType type) {
    return expr(Instruction.ofTypes(Opcode.REF_NULL, List.of(type), 0));
  }

  @Test
  void emptyModule() {
    WasmModule m = BinaryReader.read(module());
    assertThat(m.types()).isEmpty();
    assertThat(m.functions()).isEmpty();
    assertThat(m.start()).isEmpty();
    assertThat(m.dataCount()).isEmpty();
    assertThat(m.names()).isEqualTo(Names.EMPTY);
    assertThat(m.sourceText()).isNull();
  }

  @Test
  void header() {
    assertMalformed(bytes(), "unexpected end of section or function");
    assertMalformed(bytes(0x00, 0x61, 0x73), "unexpected end of section or function");
    assertMalformed(
        bytes(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00), "unexpected end of section or function");
    assertMalformed(
            bytes(0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00), "magic header not detected")
        .hasMessage("offset 0x0: magic header not detected");
    assertMalformed(bytes(0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00), "unknown binary version")
        .hasMessage("offset 0x4: unknown binary version");
  }

  @Test
  void typeSection() {
    WasmModule m =
        BinaryReader.read(
            module(
                section(
                    1, 0x02, 0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7D, 0x60, 0x00, 0x02, 0x6F, 0x70)));
    assertThat(m.types())
        .containsExactly(
            FuncType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.F32)),
            FuncType.of(List.of(), List.of(ValType.EXTERNREF, ValType.FUNCREF)));
    assertMalformed(module(section(1, 0x01, 0x61, 0x00, 0x00)), "malformed function type");
    assertMalformed(
        module(section(1, 0x01, 0xE0, 0x7F, 0x00, 0x00)), "integer representation too long");
    assertUnsupported(module(section(1, 0x01, 0x5F, 0x00)), "gc"); // struct
    assertUnsupported(module(section(1, 0x01, 0x4E, 0x00)), "gc"); // rec
  }

  @Test
  void importSection() {
    WasmModule m =
        BinaryReader.read(
            module(
                section(
                    2, 0x04, 0x01, 'm', 0x01, 'f', 0x00, 0x00, 0x01, 'm', 0x01, 't', 0x01, 0x70,
                    0x01, 0x01, 0x02, 0x01, 'm', 0x01, 'M', 0x02, 0x00, 0x01, 0x01, 'm', 0x01, 'g',
                    0x03, 0x7E, 0x01)));
    assertThat(m.imports())
        .containsExactly(
            Import.func("m", "f", 0),
            Import.table("m", "t", new TableType(ValType.FUNCREF, Limits.of(1, 2))),
            Import.memory("m", "M", MemType.of(Limits.of(1))),
            Import.global("m", "g", new GlobalType(ValType.I64, true)));
    assertThat(m.importedFunctionCount()).isEqualTo(1);
    assertMalformed(module(section(2, 0x01, 0x00, 0x00, 0x04, 0x00)), "malformed import kind");
    assertMalformed(module(section(2, 0x01, 0x00, 0x00, 0x03, 0x7F, 0x02)), "malformed mutability");
    assertMalformed(
        module(section(2, 0x01, 0x01, 0xFF, 0x00, 0x00, 0x00)), "malformed UTF-8 encoding");
  }

  @Test
  void functionAndCodeSections() {
    byte[] bytes =
        module(
            section(1, 0x01, 0x60, 0x00, 0x00),
            section(3, 0x02, 0x00, 0x00),
            section(
                10, 0x02, 0x09, 0x02, 0x02, 0x7F, 0x01, 0x7C, 0x20, 0x00, 0x1A, 0x0B, 0x02, 0x00,
                0x0B));
    WasmModule m = BinaryReader.read(bytes);
    assertThat(m.functions()).hasSize(2);
    FunctionDefinition f = m.functions().get(0);
    assertThat(f.typeIndex()).isZero();
    assertThat(f.locals()).containsExactly(ValType.I32, ValType.I32, ValType.F64);
    assertThat(f.body())
        .containsExactly(
            Instruction.ofIndex(Opcode.LOCAL_GET, 0, 0),
            Instruction.of(Opcode.DROP, 0),
            Instruction.of(Opcode.END, 0));
    // Offsets are absolute: the body starts after its size, at its locals.
    assertThat(f.offset()).isEqualTo(23);
    assertThat(f.body().stream().map(Instruction::offset)).containsExactly(28, 30, 31);
    assertThat(m.functions().get(1).offset()).isEqualTo(33);
    assertThat(m.functions().get(1).locals()).isEmpty();
  }

  @Test
  void functionAndCodeCountsMustAgree() {
    assertMalformed(
        module(section(1, 0x01, 0x60, 0x00, 0x00), section(3, 0x01, 0x00)),
        "function and code section have inconsistent lengths");
    assertMalformed(
        module(section(10, 0x01, 0x02, 0x00, 0x0B)),
        "function and code section have inconsistent lengths");
  }

  @Test
  void locals() {
    // 50000 locals are fine; 50001, or counts whose u32 sum overflows, are too many.
    WasmModule m =
        BinaryReader.read(
            module(
                section(1, 0x01, 0x60, 0x00, 0x00),
                section(3, 0x01, 0x00),
                section(10, 0x01, 0x06, 0x01, 0xD0, 0x86, 0x03, 0x7F, 0x0B)));
    assertThat(m.functions().get(0).locals()).hasSize(50_000);
    assertMalformed(
        module(
            section(1, 0x01, 0x60, 0x00, 0x00),
            section(3, 0x01, 0x00),
            section(10, 0x01, 0x06, 0x01, 0xD1, 0x86, 0x03, 0x7F, 0x0B)),
        "too many locals");
    assertMalformed(
        module(
            section(1, 0x01, 0x60, 0x00, 0x00),
            section(3, 0x01, 0x00),
            section(10, 0x01, 0x0A, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x02, 0x7E, 0x0B)),
        "too many locals");
  }

  @Test
  void tableAndMemorySections() {
    WasmModule m =
        BinaryReader.read(
            module(
                section(4, 0x02, 0x70, 0x00, 0x01, 0x6F, 0x01, 0x00, 0x80, 0x01),
                section(5, 0x02, 0x00, 0x00, 0x01, 0x01, 0xFF, 0xFF, 0x03)));
    assertThat(m.tables())
        .containsExactly(
            new TableType(ValType.FUNCREF, Limits.of(1)),
            new TableType(ValType.EXTERNREF, Limits.of(0, 128)));
    assertThat(m.memories())
        .containsExactly(MemType.of(Limits.of(0)), MemType.of(Limits.of(1, 65535)));
    assertMalformed(module(section(4, 0x01, 0x7F, 0x00, 0x00)), "malformed reference type");
    // u32 bounds.
    assertMalformed(
        module(section(5, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F)), "integer too large");
    BinaryReader.read(module(section(5, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
  }

  @Test
  void limitsFlags() {
    // The 2.0 testsuite expects "integer too large" for flag 2 and for unknown flags.
    assertMalformed(module(section(5, 0x01, 0x02, 0x00)), "integer too large");
    assertMalformed(module(section(4, 0x01, 0x70, 0x02, 0x00)), "integer too large");
    assertMalformed(module(section(5, 0x01, 0x10, 0x00)), "integer too large");
    assertMalformed(module(section(5, 0x01, 0x81, 0x00, 0x00)), "integer representation too long");
    assertUnsupported(module(section(5, 0x01, 0x03, 0x00, 0x01)), "threads");
    assertUnsupported(module(section(5, 0x01, 0x04, 0x00)), "memory64");
    assertUnsupported(module(section(5, 0x01, 0x07, 0x00, 0x01)), "memory64");
    assertUnsupported(module(section(4, 0x01, 0x70, 0x04, 0x00)), "memory64");
    assertMalformed(module(section(4, 0x01, 0x70, 0x03, 0x00, 0x00)), "integer too large");
    // Past the section's declared end, flags are just malformed.
    assertMalformed(module(bytes(0x05, 0x01, 0x01, 0x03, 0x00, 0x01)), "integer too large");
    // A table with an initializer expression (function references).
    assertUnsupported(
        module(section(4, 0x01, 0x40, 0x00, 0x70, 0x00, 0x01, 0xD0, 0x70, 0x0B)),
        "function references");
  }

  @Test
  void globalSection() {
    WasmModule m =
        BinaryReader.read(
            module(section(6, 0x02, 0x7F, 0x00, 0x41, 0x2A, 0x0B, 0x6F, 0x01, 0xD0, 0x6F, 0x0B)));
    assertThat(m.globals())
        .containsExactly(
            new GlobalDefinition(new GlobalType(ValType.I32, false), i32Const(42)),
            new GlobalDefinition(
                new GlobalType(ValType.EXTERNREF, true), refNull(ValType.EXTERNREF)));
    assertMalformed(module(section(6, 0x01, 0x7F, 0xFF, 0x41, 0x00, 0x0B)), "malformed mutability");
    assertMalformed(
        module(section(6, 0x01, 0x7F, 0x00, 0x41, 0x00)), "unexpected end of section or function");
  }

  @Test
  void exportAndStartSections() {
    WasmModule m =
        BinaryReader.read(
            module(
                section(7, 0x02, 0x01, 'f', 0x00, 0x00, 0x01, 'm', 0x02, 0x00), section(8, 0x05)));
    assertThat(m.exports())
        .containsExactly(
            new Export("f", ExternKind.FUNC, 0), new Export("m", ExternKind.MEMORY, 0));
    assertThat(m.start()).hasValue(5);
    assertMalformed(module(section(7, 0x01, 0x00, 0x04, 0x00)), "malformed export kind");
  }

  @Test
  void elementSectionAllEightEncodings() {
    WasmModule m =
        BinaryReader.read(
            module(
                section(
                    9,
                    0x08,
                    // 0: active table 0, function indices
                    0x00,
                    0x41,
                    0x00,
                    0x0B,
                    0x02,
                    0x00,
                    0x01,
                    // 1: passive, elemkind, function indices
                    0x01,
                    0x00,
                    0x01,
                    0x02,
                    // 2: active table 1, elemkind, function indices
                    0x02,
                    0x01,
                    0x41,
                    0x01,
                    0x0B,
                    0x00,
                    0x01,
                    0x03,
                    // 3: declarative, elemkind, function indices
                    0x03,
                    0x00,
                    0x01,
                    0x04,
                    // 4: active table 0, expressions
                    0x04,
                    0x41,
                    0x02,
                    0x0B,
                    0x02,
                    0xD2,
                    0x05,
                    0x0B,
                    0xD0,
                    0x70,
                    0x0B,
                    // 5: passive, reftype, expressions
                    0x05,
                    0x6F,
                    0x01,
                    0xD0,
                    0x6F,
                    0x0B,
                    // 6: active table 2, reftype, expressions
                    0x06,
                    0x02,
                    0x41,
                    0x03,
                    0x0B,
                    0x70,
                    0x01,
                    0xD2,
                    0x06,
                    0x0B,
                    // 7: declarative, reftype, expressions
                    0x07,
                    0x70,
                    0x01,
                    0xD2,
                    0x07,
                    0x0B)));
    ValType funcref = ValType.FUNCREF;
    assertThat(m.elements())
        .containsExactly(
            new ElemSegment(
                funcref, List.of(refFunc(0), refFunc(1)), SegmentMode.ACTIVE, 0, i32Const(0)),
            new ElemSegment(funcref, List.of(refFunc(2)), SegmentMode.PASSIVE, 0, null),
            new ElemSegment(funcref, List.of(refFunc(3)), SegmentMode.ACTIVE, 1, i32Const(1)),
            new ElemSegment(funcref, List.of(refFunc(4)), SegmentMode.DECLARATIVE, 0, null),
            new ElemSegment(
                funcref, List.of(refFunc(5), refNull(funcref)), SegmentMode.ACTIVE, 0, i32Const(2)),
            new ElemSegment(
                ValType.EXTERNREF,
                List.of(refNull(ValType.EXTERNREF)),
                SegmentMode.PASSIVE,
                0,
                null),
            new ElemSegment(funcref, List.of(refFunc(6)), SegmentMode.ACTIVE, 2, i32Const(3)),
            new ElemSegment(funcref, List.of(refFunc(7)), SegmentMode.DECLARATIVE, 0, null));
    // The ref.func made from a compact index sits at the index's offset.
    assertThat(m.elements().get(1).init().get(0).get(0).offset()).isEqualTo(21);
  }

  @Test
  void malformedElementSegments() {
    assertMalformed(module(section(9, 0x01, 0x08, 0x00)), "malformed elements segment kind");
    assertMalformed(module(section(9, 0x01, 0x01, 0x01, 0x00)), "malformed element kind");
    assertMalformed(
        module(section(9, 0x01, 0x05, 0x7F, 0x01, 0xD2, 0x00, 0x0B)), "malformed reference type");
  }

  @Test
  void dataSectionAndDataCount() {
    WasmModule m =
        BinaryReader.read(
            module(
                section(12, 0x03),
                section(
                    11, 0x03, 0x00, 0x41, 0x00, 0x0B, 0x02, 'h', 'i', 0x01, 0x01, 'x', 0x02, 0x01,
                    0x41, 0x08, 0x0B, 0x00)));
    assertThat(m.dataCount()).hasValue(3);
    assertThat(m.datas())
        .containsExactly(
            new DataSegment(bytes('h', 'i'), SegmentMode.ACTIVE, 0, i32Const(0)),
            new DataSegment(bytes('x'), SegmentMode.PASSIVE, 0, null),
            new DataSegment(bytes(), SegmentMode.ACTIVE, 1, i32Const(8)));
    assertMalformed(module(section(11, 0x01, 0x03, 0x00)), "malformed data segment kind");
    assertMalformed(
        module(section(12, 0x01)), "data count and data section have inconsistent lengths");
    assertMalformed(
        module(section(12, 0x00), section(11, 0x01, 0x01, 0x00)),
        "data count and data section have inconsistent lengths");
  }

  @Test
  void dataIndicesRequireADataCountSection() {
    assertMalformed(
        function(0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xFC, 0x08, 0x00, 0x00, 0x0B),
        "data count section required");
    assertMalformed(function(0xFC, 0x09, 0x00, 0x0B), "data count section required");
    BinaryReader.read(function(0xFC, 0x0B, 0x00, 0x0B)); // memory.fill needs none
  }

  @Test
  void customSectionsKeepTheirPosition() {
    WasmModule m =
        BinaryReader.read(
            module(
                custom("a", 1, 2, 3),
                section(1, 0x00),
                custom("b"),
                custom("c", 4),
                section(3, 0x00),
                custom("d")));
    assertThat(m.customSections())
        .containsExactly(
            new CustomSection("a", bytes(1, 2, 3), 0),
            new CustomSection("b", bytes(), 1),
            new CustomSection("c", bytes(4), 1),
            new CustomSection("d", bytes(), 3));
  }

  @Test
  void malformedCustomSections() {
    assertMalformed(module(section(0, 0x01, 0xFF)), "malformed UTF-8 encoding");
    // The name runs past the declared size.
    assertMalformed(
        module(bytes(0x00, 0x01, 0x03, 'a', 'b', 'c')), "unexpected end of section or function");
    assertMalformed(module(bytes(0x00, 0x00)), "unexpected end of section or function");
    assertMalformed(module(bytes(0x00)), "unexpected end of section or function");
    assertMalformed(module(bytes(0x00, 0x05, 0x01, 'a')), "length out of bounds");
  }

  @Test
  void sectionOrder() {
    String unexpected = "unexpected content after last section";
    assertMalformed(module(section(3, 0x00), section(1, 0x00)), unexpected);
    assertMalformed(module(section(1, 0x00), section(1, 0x00)), unexpected);
    assertMalformed(module(section(10, 0x00), section(12, 0x00)), unexpected);
    assertMalformed(module(section(11, 0x00), section(10, 0x00)), unexpected)
        .hasMessage("offset 0xb: " + unexpected);
    // The data count section goes between the element and code sections.
    BinaryReader.read(module(section(9, 0x00), section(12, 0x00), section(10, 0x00)));
  }

  @Test
  void sectionIdsAndSizes() {
    assertMalformed(module(bytes(0x0E, 0x01, 0x00)), "malformed section id");
    assertMalformed(module(bytes(0x80, 0x01, 0x00)), "malformed section id");
    assertUnsupported(module(section(13, 0x00)), "exceptions");
    assertMalformed(module(bytes(0x01, 0x02, 0x00, 0x00)), "section size mismatch");
    assertMalformed(module(bytes(0x01, 0x05, 0x00)), "length out of bounds");
    // A section read past its size: the count says one type, the size says none.
    assertMalformed(module(bytes(0x01, 0x01, 0x01, 0x60, 0x00, 0x00)), "section size mismatch");
  }
}
