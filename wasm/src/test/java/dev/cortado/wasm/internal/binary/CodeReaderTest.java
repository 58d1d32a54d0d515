package dev.cortado.wasm.internal.binary;

import static dev.cortado.wasm.internal.binary.BinaryReaderTest.assertMalformed;
import static dev.cortado.wasm.internal.binary.BinaryReaderTest.assertUnsupported;
import static dev.cortado.wasm.internal.binary.TestBytes.bytes;
import static dev.cortado.wasm.internal.binary.TestBytes.function;
import static dev.cortado.wasm.internal.binary.TestBytes.module;
import static dev.cortado.wasm.internal.binary.TestBytes.section;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cortado.wasm.FuncType;
import dev.cortado.wasm.FunctionDefinition;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.WasmModule;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Instructions (spec 5.4): opcodes, immediates, structure, and their errors. */
class CodeReaderTest {
  /** The decoded body of {@link TestBytes#function}'s function. */
  private static List<Instruction> body(int... code) {
    return BinaryReader.read(function(code)).functions().get(0).body();
  }

  private static Instruction first(int... code) {
    return body(code).get(0);
  }

  private static Instruction end() {
    return Instruction.of(Opcode.END, 0);
  }

  @Test
  void plainInstructions() {
    assertThat(body(0x00, 0x01, 0x1A, 0x1B, 0x0F, 0x6A, 0xC4, 0xD1, 0x0B))
        .containsExactly(
            Instruction.of(Opcode.UNREACHABLE, 0),
            Instruction.of(Opcode.NOP, 0),
            Instruction.of(Opcode.DROP, 0),
            Instruction.of(Opcode.SELECT, 0),
            Instruction.of(Opcode.RETURN, 0),
            Instruction.of(Opcode.I32_ADD, 0),
            Instruction.of(Opcode.I64_EXTEND32_S, 0),
            Instruction.of(Opcode.REF_IS_NULL, 0),
            end());
    assertThat(first(0xFC, 0x07, 0x0B)).isEqualTo(Instruction.of(Opcode.I64_TRUNC_SAT_F64_U, 0));
  }

  @Test
  void offsetsAreAbsolute() {
    // function(): the body's locals byte is at 0x1b, its code from 0x1c.
    List<Instruction> body = body(0x01, 0xFC, 0x00, 0x41, 0x80, 0x01, 0x0B);
    assertThat(body.stream().map(Instruction::offset)).containsExactly(0x1C, 0x1D, 0x1F, 0x22);
    assertThat(BinaryReader.read(function(0x0B)).functions().get(0).offset()).isEqualTo(0x1B);
  }

  @Test
  void blockTypes() {
    assertThat(first(0x02, 0x40, 0x0B, 0x0B).blockType()).isEqualTo(BlockType.EMPTY);
    assertThat(first(0x03, 0x7F, 0x0B, 0x0B).blockType()).isEqualTo(BlockType.of(ValType.I32));
    assertThat(first(0x02, 0x6F, 0x0B, 0x0B).blockType())
        .isEqualTo(BlockType.of(ValType.EXTERNREF));
    assertThat(first(0x02, 0x00, 0x0B, 0x0B).blockType()).isEqualTo(BlockType.ofIndex(0));
    assertThat(first(0x02, 0x3F, 0x0B, 0x0B).blockType()).isEqualTo(BlockType.ofIndex(63));
    assertThat(first(0x02, 0xC0, 0x00, 0x0B, 0x0B).blockType()).isEqualTo(BlockType.ofIndex(64));
    assertThat(first(0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B, 0x0B).blockType())
        .isEqualTo(BlockType.ofIndex(Integer.MAX_VALUE)); // clamped, still out of range
    assertMalformed(function(0x02, 0x41, 0x0B, 0x0B), "malformed reference type");
    // A negative or over-long s33 falls back to a value type, which is too long.
    assertMalformed(function(0x02, 0xC0, 0x7F, 0x0B, 0x0B), "integer representation too long");
    assertMalformed(
        function(0x02, 0x80, 0x80, 0x80, 0x80, 0x10, 0x0B, 0x0B),
        "integer representation too long");
    assertUnsupported(function(0x02, 0x63, 0x00, 0x0B, 0x0B), "function references");
  }

  @Test
  void structureIsFlat() {
    assertThat(body(0x04, 0x40, 0x01, 0x05, 0x01, 0x0B, 0x02, 0x40, 0x03, 0x40, 0x0B, 0x0B, 0x0B))
        .containsExactly(
            Instruction.ofBlock(Opcode.IF, BlockType.EMPTY, 0),
            Instruction.of(Opcode.NOP, 0),
            Instruction.of(Opcode.ELSE, 0),
            Instruction.of(Opcode.NOP, 0),
            end(),
            Instruction.ofBlock(Opcode.BLOCK, BlockType.EMPTY, 0),
            Instruction.ofBlock(Opcode.LOOP, BlockType.EMPTY, 0),
            end(),
            end(),
            end());
  }

  @Test
  void misplacedElse() {
    assertMalformed(function(0x05, 0x0B), "END opcode expected");
    assertMalformed(function(0x02, 0x40, 0x05, 0x0B, 0x0B), "END opcode expected");
    assertMalformed(function(0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B), "END opcode expected");
  }

  @Test
  void truncatedBodies() {
    assertMalformed(function(0x02, 0x40), "unexpected end of section or function");
    assertMalformed(function(0x41), "unexpected end of section or function");
    // The body ends before its final end: read on, then the size does not match.
    assertMalformed(
        module(
            section(1, 0x01, 0x60, 0x00, 0x00),
            section(3, 0x01, 0x00),
            section(10, 0x01, 0x02, 0x00, 0x01),
            bytes(0x0B)),
        "section size mismatch");
  }

  @Test
  void indexImmediates() {
    assertThat(first(0x0C, 0x03, 0x0B)).isEqualTo(Instruction.ofIndex(Opcode.BR, 3, 0));
    assertThat(first(0x10, 0x80, 0x01, 0x0B)).isEqualTo(Instruction.ofIndex(Opcode.CALL, 128, 0));
    assertThat(first(0x0E, 0x02, 0x00, 0x01, 0x02, 0x0B))
        .isEqualTo(Instruction.ofBrTable(new int[] {0, 1, 2}, 0));
    assertThat(first(0x0E, 0x00, 0x05, 0x0B).labels()).containsExactly(5);
    // call_indirect: type index, then table index.
    Instruction callIndirect = first(0x11, 0x02, 0x01, 0x0B);
    assertThat(callIndirect.index()).isEqualTo(2);
    assertThat(callIndirect.index2()).isEqualTo(1);
    // table.init: element index, then table; table.copy: destination, then source.
    assertThat(first(0xFC, 0x0C, 0x03, 0x01, 0x0B))
        .isEqualTo(Instruction.ofIndices(Opcode.TABLE_INIT, 3, 1, 0));
    assertThat(first(0xFC, 0x0E, 0x01, 0x02, 0x0B))
        .isEqualTo(Instruction.ofIndices(Opcode.TABLE_COPY, 1, 2, 0));
    assertThat(first(0xFC, 0x0F, 0x04, 0x0B))
        .isEqualTo(Instruction.ofIndex(Opcode.TABLE_GROW, 4, 0));
    assertThat(first(0xFC, 0x0D, 0x02, 0x0B))
        .isEqualTo(Instruction.ofIndex(Opcode.ELEM_DROP, 2, 0));
    assertThat(first(0x25, 0x01, 0x0B)).isEqualTo(Instruction.ofIndex(Opcode.TABLE_GET, 1, 0));
    assertThat(first(0x23, 0x07, 0x0B)).isEqualTo(Instruction.ofIndex(Opcode.GLOBAL_GET, 7, 0));
    assertMalformed(function(0x0E, 0x7F, 0x0B), "length out of bounds");
  }

  @Test
  void typeImmediates() {
    assertThat(first(0x1C, 0x01, 0x7E, 0x0B))
        .isEqualTo(Instruction.ofTypes(Opcode.SELECT_TYPED, List.of(ValType.I64), 0));
    assertThat(first(0x1C, 0x00, 0x0B).types()).isEmpty(); // well-formed, if invalid
    assertThat(first(0xD0, 0x70, 0x0B))
        .isEqualTo(Instruction.ofTypes(Opcode.REF_NULL, List.of(ValType.FUNCREF), 0));
    assertMalformed(function(0xD0, 0x7F, 0x0B), "malformed reference type");
    assertUnsupported(function(0xD0, 0x6E, 0x0B), "gc");
  }

  @Test
  void constants() {
    assertThat(first(0x41, 0x7F, 0x0B).value()).isEqualTo(-1);
    assertThat(first(0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x0B).value())
        .isEqualTo(Integer.MIN_VALUE);
    assertThat(
            first(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F, 0x0B).value())
        .isEqualTo(Long.MIN_VALUE);
    assertThat(first(0x43, 0x01, 0x00, 0xC0, 0x7F, 0x0B).value()).isEqualTo(0x7FC0_0001L);
    // f32 bits are kept zero-extended in value().
    assertThat(first(0x43, 0x00, 0x00, 0x00, 0x80, 0x0B).value()).isEqualTo(0x8000_0000L);
    assertThat(first(0x44, 0x18, 0x2D, 0x44, 0x54, 0xFB, 0x21, 0x09, 0x40, 0x0B).value())
        .isEqualTo(Double.doubleToRawLongBits(Math.PI));
    assertMalformed(function(0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B), "integer too large");
    assertMalformed(function(0x43, 0x00, 0x00), "unexpected end of section or function");
  }

  @Test
  void memoryImmediates() {
    Instruction load = first(0x28, 0x02, 0x10, 0x0B);
    assertThat(load.align()).isEqualTo(2);
    assertThat(load.memoryOffset()).isEqualTo(16);
    assertThat(load.memoryIndex()).isZero();
    assertThat(first(0x36, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B).memoryOffset())
        .isEqualTo(0xFFFF_FFFFL);
    assertThat(first(0x28, 0x1F, 0x00, 0x0B).align()).isEqualTo(31); // well-formed, if invalid
    assertMalformed(function(0x28, 0x20, 0x00, 0x0B), "malformed memop flags");
    // The multi-memory bit: the 2.0 testsuite expects this message for it.
    assertMalformed(function(0x28, 0x40, 0x00, 0x00, 0x0B), "malformed memop flags");
    assertThat(first(0x3F, 0x00, 0x0B)).isEqualTo(Instruction.ofIndex(Opcode.MEMORY_SIZE, 0, 0));
    assertThat(first(0x40, 0x00, 0x0B)).isEqualTo(Instruction.ofIndex(Opcode.MEMORY_GROW, 0, 0));
    assertThat(first(0xFC, 0x0A, 0x00, 0x00, 0x0B))
        .isEqualTo(Instruction.ofIndices(Opcode.MEMORY_COPY, 0, 0, 0));
    assertThat(first(0xFC, 0x0B, 0x00, 0x0B))
        .isEqualTo(Instruction.ofIndex(Opcode.MEMORY_FILL, 0, 0));
  }

  @Test
  void reservedBytesMustBeZero() {
    String zero = "zero byte expected";
    assertMalformed(function(0x3F, 0x01, 0x0B), zero);
    assertMalformed(function(0x40, 0x80, 0x00, 0x0B), zero);
    assertMalformed(function(0xFC, 0x0A, 0x00, 0x01, 0x0B), zero);
    assertMalformed(function(0xFC, 0x0A, 0x01, 0x00, 0x0B), zero);
    assertMalformed(function(0xFC, 0x0B, 0x01, 0x0B), zero);
    assertMalformed(
        module(
            section(1, 0x01, 0x60, 0x00, 0x00),
            section(3, 0x01, 0x00),
            section(12, 0x01),
            section(10, 0x01, 0x06, 0x00, 0xFC, 0x08, 0x00, 0x01, 0x0B),
            section(11, 0x01, 0x01, 0x00)),
        zero);
  }

  @Test
  void memoryInitAndDataDrop() {
    WasmModule m =
        BinaryReader.read(
            module(
                section(1, 0x01, 0x60, 0x00, 0x00),
                section(3, 0x01, 0x00),
                section(12, 0x01),
                section(10, 0x01, 0x09, 0x00, 0xFC, 0x08, 0x00, 0x00, 0xFC, 0x09, 0x00, 0x0B),
                section(11, 0x01, 0x01, 0x00)));
    assertThat(m.functions().get(0).body())
        .startsWith(
            Instruction.ofIndices(Opcode.MEMORY_INIT, 0, 0, 0),
            Instruction.ofIndex(Opcode.DATA_DROP, 0, 0));
  }

  @Test
  void illegalOpcodes() {
    assertMalformed(function(0x27, 0x0B), "illegal opcode 27");
    assertMalformed(function(0xC5, 0x0B), "illegal opcode c5");
    assertMalformed(function(0xFF, 0x0B), "illegal opcode ff");
    assertMalformed(function(0xFC, 0x12, 0x0B), "illegal opcode fc 12");
    assertMalformed(function(0xFD, 0x9A, 0x01, 0x0B), "illegal opcode fd 9a");
    assertMalformed(function(0xFD, 0x94, 0x02, 0x0B), "illegal opcode fd 114");
    assertMalformed(
        function(0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B), "illegal opcode fc ffffffff");
    assertMalformed(function(0x0B, 0x0B), "section size mismatch"); // end closes the body early
  }

  @Test
  void instructionsOfLaterProposals() {
    assertUnsupported(function(0xFD, 0x80, 0x02, 0x0B), "relaxed simd"); // i8x16.relaxed_swizzle
    assertUnsupported(function(0xFD, 0x93, 0x02, 0x0B), "relaxed simd");
    assertUnsupported(function(0x12, 0x00, 0x0B), "tail calls");
    assertUnsupported(function(0x13, 0x00, 0x00, 0x0B), "tail calls");
    assertUnsupported(function(0x06, 0x40, 0x0B), "exceptions");
    assertUnsupported(function(0x08, 0x00, 0x0B), "exceptions");
    assertUnsupported(function(0x1F, 0x40, 0x00, 0x0B), "exceptions");
    assertUnsupported(function(0x14, 0x00, 0x0B), "function references");
    assertUnsupported(function(0xD5, 0x0B), "gc");
    assertUnsupported(function(0xFB, 0x00, 0x0B), "gc");
    assertUnsupported(function(0xFE, 0x00, 0x0B), "threads");
  }

  @Test
  void opcodesPastTheBodyAreJustIllegal() {
    // The body (size 2: no locals, nop) lacks its end; reading on finds 0x06 after the section.
    assertMalformed(
        module(
            section(1, 0x01, 0x60, 0x00, 0x00),
            section(3, 0x01, 0x00),
            section(10, 0x01, 0x02, 0x00, 0x01),
            bytes(0x06)),
        "illegal opcode 06");
  }

  @Test
  void deepNestingNeedsNoRecursion() {
    int depth = 200_000;
    ByteWriter code = new ByteWriter().u8(0x00);
    for (int i = 0; i < depth; i++) {
      code.u8(0x02).u8(0x40);
    }
    for (int i = 0; i <= depth; i++) {
      code.u8(0x0B);
    }
    ByteWriter codeSection = new ByteWriter().u32(1).u32(code.size()).bytes(code);
    byte[] bytes =
        new ByteWriter()
            .bytes(module(section(1, 0x01, 0x60, 0x00, 0x00), section(3, 0x01, 0x00)))
            .section(10, codeSection)
            .toByteArray();
    assertThat(BinaryReader.read(bytes).functions().get(0).body()).hasSize(2 * depth + 1);
  }

  /** Every opcode, with immediates, survives writing and reading. */
  @Test
  void everyOpcodeRoundTrips() {
    List<Instruction> body = new ArrayList<>();
    for (Opcode op : Opcode.values()) {
      switch (op) {
        case BLOCK, LOOP, IF, ELSE, END -> {}
        default -> body.add(sample(op));
      }
    }
    body.add(Instruction.ofBlock(Opcode.BLOCK, BlockType.ofIndex(300), 0));
    body.add(Instruction.ofBlock(Opcode.LOOP, BlockType.of(ValType.F64), 0));
    body.add(Instruction.ofBlock(Opcode.IF, BlockType.EMPTY, 0));
    body.add(Instruction.of(Opcode.ELSE, 0));
    body.add(end());
    body.add(end());
    body.add(end());
    body.add(end());
    WasmModule.Builder b = WasmModule.builder();
    b.types.add(FuncType.of(List.of(), List.of()));
    b.functions.add(new FunctionDefinition(0, List.of(ValType.I32), body, 0));
    b.dataCount(0);
    WasmModule decoded = BinaryReader.read(BinaryWriter.write(b.build()));
    List<Instruction> decodedBody = decoded.functions().get(0).body();
    assertThat(decodedBody).isEqualTo(body);
    Set<Opcode> seen = decodedBody.stream().map(Instruction::opcode).collect(Collectors.toSet());
    assertThat(seen).isEqualTo(EnumSet.allOf(Opcode.class));
  }

  private static Instruction sample(Opcode op) {
    return switch (op.immediate()) {
      case NONE -> Instruction.of(op, 0);
      case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM -> Instruction.ofIndex(op, 200, 0);
      case MEMORY -> Instruction.ofIndex(op, 0, 0);
      case LABEL_TABLE -> Instruction.ofBrTable(new int[] {0, 130, 2}, 0);
      case TYPE_TABLE, ELEM_TABLE, TABLE_TABLE -> Instruction.ofIndices(op, 129, 3, 0);
      case DATA_MEMORY -> Instruction.ofIndices(op, 5, 0, 0);
      case MEMORY_MEMORY -> Instruction.ofIndices(op, 0, 0, 0);
      case VALUE_TYPES -> Instruction.ofTypes(op, List.of(ValType.V128), 0);
      case REF_TYPE -> Instruction.ofTypes(op, List.of(ValType.EXTERNREF), 0);
      case MEMARG -> Instruction.ofMemArg(op, 3, 0xFFFF_FFFFL, 0, 0);
      case I32 -> Instruction.ofConst(op, -123_456, 0);
      case I64 -> Instruction.ofConst(op, Long.MIN_VALUE + 7, 0);
      case F32 -> Instruction.ofConst(op, Float.floatToRawIntBits(-1.5f) & 0xFFFF_FFFFL, 0);
      case F64 -> Instruction.ofConst(op, Double.doubleToRawLongBits(-0.0), 0);
      case V128 -> Instruction.ofV128Const(0x0123_4567_89AB_CDEFL, -2L, 0);
      case SHUFFLE ->
          Instruction.ofShuffle(
              new int[] {0, 31, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255}, 0);
      case LANE -> Instruction.ofLane(op, 1, 0);
      case MEMARG_LANE -> Instruction.ofMemArgLane(op, 0, 0x8000_0000L, 0, 1, 0);
      case BLOCK_TYPE -> throw new AssertionError(op);
    };
  }
}
