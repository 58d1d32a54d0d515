package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.List;

/** Encodes flat {@link Instruction} lists (spec 5.4), the inverse of {@link CodeReader}. */
final class CodeWriter {
  private CodeWriter() {}

  /** Writes {@code code} as it is: an expression already ends with its {@code end}. */
  static void write(List<Instruction> code, ByteWriter out) {
    for (Instruction instruction : code) {
      write(instruction, out);
    }
  }

  static void write(Instruction instruction, ByteWriter out) {
    Opcode opcode = instruction.opcode();
    if (opcode.prefix() != 0) {
      out.u8(opcode.prefix()).u32(opcode.code());
    } else {
      out.u8(opcode.code());
    }
    switch (opcode.immediate()) {
      case NONE -> {}
      case BLOCK_TYPE -> blockType(instruction.blockType(), out);
      case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM, MEMORY -> out.u32(instruction.index());
      case LABEL_TABLE -> {
        int n = instruction.labelCount();
        out.u32(n - 1);
        for (int i = 0; i < n; i++) {
          out.u32(instruction.label(i));
        }
      }
      case TYPE_TABLE, DATA_MEMORY, MEMORY_MEMORY, ELEM_TABLE, TABLE_TABLE ->
          out.u32(instruction.index()).u32(instruction.index2());
      case VALUE_TYPES -> {
        out.u32(instruction.types().size());
        for (ValType type : instruction.types()) {
          out.u8(type.code());
        }
      }
      case REF_TYPE -> out.u8(instruction.types().get(0).code());
      case MEMARG -> memArg(instruction, out);
      case MEMARG_LANE -> {
        memArg(instruction, out);
        out.u8(instruction.laneIndex());
      }
      case V128 -> out.fixed64(instruction.v128Low()).fixed64(instruction.v128High());
      case SHUFFLE -> {
        for (int lane : instruction.shuffleLanes()) {
          out.u8(lane);
        }
      }
      case LANE -> out.u8(instruction.laneIndex());
      case I32 -> out.signed((int) instruction.value());
      case I64 -> out.signed(instruction.value());
      case F32 -> out.fixed32((int) instruction.value());
      case F64 -> out.fixed64(instruction.value());
    }
  }

  private static void blockType(BlockType type, ByteWriter out) {
    if (type.isIndex()) {
      out.signed(type.typeIndex());
    } else if (type.valType() != null) {
      out.u8(type.valType().code());
    } else {
      out.u8(0x40);
    }
  }

  /**
   * Alignment then offset; a memory other than 0 is written as multi-memory does (flag bit 6, then
   * the index), which a 2.0 reader rejects.
   */
  private static void memArg(Instruction instruction, ByteWriter out) {
    if (instruction.memoryIndex() == 0) {
      out.u32(instruction.align());
    } else {
      out.u32(instruction.align() | 0x40).u32(instruction.memoryIndex());
    }
    out.u32(instruction.memoryOffset());
  }
}
