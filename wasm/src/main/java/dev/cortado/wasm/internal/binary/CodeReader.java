package dev.cortado.wasm.internal.binary;

import dev.cortado.wasm.MalformedModuleException;
import dev.cortado.wasm.ValType;
import dev.cortado.wasm.code.BlockType;
import dev.cortado.wasm.code.Instruction;
import dev.cortado.wasm.code.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes instructions (spec 5.4) into flat {@link Instruction} lists, as the binary format has
 * them: structured instructions are followed by their body, an optional {@code else} and an {@code
 * end}, and every expression ends with an {@code end} of its own.
 *
 * <p>Nesting is tracked with an explicit stack, not recursion, so deep nesting cannot overflow the
 * Java stack. Each instruction's offset is the absolute offset of its opcode byte (of the prefix
 * byte for {@code 0xFC} and {@code 0xFD} instructions).
 */
final class CodeReader {
  /** An open {@code block} or {@code loop}, or an {@code if} whose {@code else} has been seen. */
  private static final byte PLAIN = 0;

  /** An open {@code if} that may still take an {@code else}. */
  private static final byte IF_WITHOUT_ELSE = 1;

  private final ByteReader in;
  private byte[] openBlocks = new byte[16];
  private boolean usesDataIndex;

  CodeReader(ByteReader in) {
    this.in = in;
  }

  /** The reader this one reads instructions from. */
  ByteReader input() {
    return in;
  }

  /**
   * Whether any expression read so far uses a data index ({@code memory.init}, {@code data.drop}),
   * which requires a data count section (spec 5.5.16); resets the flag.
   */
  boolean takeUsesDataIndex() {
    boolean result = usesDataIndex;
    usesDataIndex = false;
    return result;
  }

  /** Reads an expression up to and including the {@code end} that closes it (spec 5.4.9). */
  List<Instruction> expression() {
    List<Instruction> out = new ArrayList<>();
    int depth = 0;
    while (true) {
      int at = in.position();
      int op = in.u8();
      switch (op) {
        case 0x0B -> {
          out.add(Instruction.of(Opcode.END, at));
          if (depth == 0) {
            return out;
          }
          depth--;
        }
        case 0x05 -> {
          // Like the reference interpreter: an else that no if is waiting for ends the current
          // instruction sequence, which must then be closed by an end.
          if (depth == 0 || openBlocks[depth - 1] != IF_WITHOUT_ELSE) {
            throw in.malformed("END opcode expected", at);
          }
          openBlocks[depth - 1] = PLAIN;
          out.add(Instruction.of(Opcode.ELSE, at));
        }
        case 0x02, 0x03, 0x04 -> {
          Opcode opcode = Opcode.ofByte(op);
          out.add(Instruction.ofBlock(opcode, blockType(), at));
          if (depth == openBlocks.length) {
            openBlocks = Arrays.copyOf(openBlocks, depth * 2);
          }
          openBlocks[depth++] = op == 0x04 ? IF_WITHOUT_ELSE : PLAIN;
        }
        case 0xFC, 0xFD -> out.add(prefixed(op, at));
        default -> {
          Opcode opcode = Opcode.ofByte(op);
          if (opcode == null) {
            throw unknownOpcode(op, at);
          }
          out.add(immediates(opcode, at));
        }
      }
    }
  }

  private Instruction prefixed(int prefix, int at) {
    long sub = in.u32();
    Opcode opcode = Opcode.ofPrefixed(prefix, sub);
    if (opcode == null) {
      // 0xFD 0x100 to 0x113 are relaxed SIMD (WebAssembly 3.0).
      String feature = prefix == 0xFD && sub >= 0x100 && sub <= 0x113 ? "relaxed simd" : null;
      throw in.laterProposalOr(feature, at, "illegal opcode " + hex(prefix) + " " + hex(sub));
    }
    if (opcode == Opcode.MEMORY_INIT || opcode == Opcode.DATA_DROP) {
      usesDataIndex = true;
    }
    return immediates(opcode, at);
  }

  /** Reads the immediates of {@code opcode}, whose opcode bytes have been read. */
  private Instruction immediates(Opcode opcode, int at) {
    return switch (opcode.immediate()) {
      case NONE -> Instruction.of(opcode, at);
      case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM ->
          Instruction.ofIndex(opcode, in.index(), at);
      case LABEL_TABLE -> brTable(at);
      case TYPE_TABLE, ELEM_TABLE, TABLE_TABLE -> {
        int first = in.index();
        yield Instruction.ofIndices(opcode, first, in.index(), at);
      }
      case VALUE_TYPES -> {
        int n = in.length32();
        List<ValType> types = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          types.add(in.valType());
        }
        yield Instruction.ofTypes(opcode, types, at);
      }
      case REF_TYPE -> Instruction.ofTypes(opcode, List.of(in.refType()), at);
      case MEMARG -> memArg(opcode, at);
      case MEMARG_LANE -> {
        Instruction m = memArg(opcode, at);
        yield Instruction.ofMemArgLane(
            opcode, m.align(), m.memoryOffset(), m.memoryIndex(), in.u8(), at);
      }
      case V128 -> {
        long low = in.fixed64();
        yield Instruction.ofV128Const(low, in.fixed64(), at);
      }
      case SHUFFLE -> {
        int[] lanes = new int[16];
        for (int i = 0; i < lanes.length; i++) {
          lanes[i] = in.u8();
        }
        yield Instruction.ofShuffle(lanes, at);
      }
      case LANE -> Instruction.ofLane(opcode, in.u8(), at);
      case MEMORY -> {
        zeroByte();
        yield Instruction.ofIndex(opcode, 0, at);
      }
      case MEMORY_MEMORY -> {
        zeroByte();
        zeroByte();
        yield Instruction.ofIndices(opcode, 0, 0, at);
      }
      case DATA_MEMORY -> {
        int data = in.index();
        zeroByte();
        yield Instruction.ofIndices(opcode, data, 0, at);
      }
      case I32 -> Instruction.ofConst(opcode, in.s32(), at);
      case I64 -> Instruction.ofConst(opcode, in.s64(), at);
      case F32 -> Instruction.ofConst(opcode, in.fixed32() & 0xFFFF_FFFFL, at);
      case F64 -> Instruction.ofConst(opcode, in.fixed64(), at);
      case BLOCK_TYPE -> throw new AssertionError(opcode); // handled by expression()
    };
  }

  private Instruction brTable(int at) {
    int n = in.length32();
    // Grown as targets are read: n is bounded by the input's size, but not trusted further.
    int[] labels = new int[Math.min(n + 1, 1024)];
    for (int i = 0; i <= n; i++) {
      if (i == labels.length) {
        labels = Arrays.copyOf(labels, Math.min(n + 1, i * 2));
      }
      labels[i] = in.index();
    }
    return Instruction.ofBrTable(labels, at);
  }

  /**
   * Spec 5.4.6: alignment flags then offset. The reference interpreter rejects flags of 32 and
   * above; the testsuite expects that even for flags with the multi-memory bit (64) set.
   */
  private Instruction memArg(Opcode opcode, int at) {
    long align = in.u32();
    if (align >= 32) {
      throw in.malformed("malformed memop flags", in.position() - 1);
    }
    long offset = in.u32();
    return Instruction.ofMemArg(opcode, (int) align, offset, 0, at);
  }

  /** A reserved byte that must be zero (a memory index in later proposals). */
  private void zeroByte() {
    if (in.u8() != 0) {
      throw in.malformed("zero byte expected", in.position() - 1);
    }
  }

  /**
   * Spec 5.4.1 block types: 0x40 (empty), a value type, or a type index as a non-negative s33.
   * Failures are reported as the reference interpreter does, which tries those forms in the order
   * index, empty, value type and reports the last failure.
   */
  private BlockType blockType() {
    int at = in.position();
    int b = in.u8();
    if (b == 0x40) {
      return BlockType.EMPTY;
    }
    if ((b & 0xC0) == 0) {
      return BlockType.ofIndex(b); // a one-byte non-negative s33
    }
    if ((b & 0x80) == 0) {
      ValType type = ValType.ofCode(b);
      if (type == null) {
        throw in.badType(b, at);
      }
      return BlockType.of(type);
    }
    in.position(at);
    long index;
    try {
      index = in.s33();
    } catch (MalformedModuleException e) {
      index = -1;
    }
    if (index < 0) {
      throw in.malformed("integer representation too long", at + 1);
    }
    return BlockType.ofIndex((int) Math.min(index, Integer.MAX_VALUE));
  }

  /**
   * An opcode byte that is no 2.0 instruction: an instruction of a later proposal when it lies
   * inside the function body or section, else (the reference interpreter's) illegal opcode.
   */
  private MalformedModuleException unknownOpcode(int op, int at) {
    String feature =
        switch (op) {
          // try, catch, throw, rethrow, throw_ref, delegate, catch_all, try_table
          case 0x06, 0x07, 0x08, 0x09, 0x0A, 0x18, 0x19, 0x1F -> "exceptions";
          case 0x12, 0x13 -> "tail calls"; // return_call, return_call_indirect
          // call_ref, return_call_ref, ref.as_non_null, br_on_null, br_on_non_null
          case 0x14, 0x15, 0xD3, 0xD4, 0xD6 -> "function references";
          case 0xD5, 0xFB -> "gc"; // ref.eq and the gc prefix
          case 0xFE -> "threads";
          default -> null;
        };
    return in.laterProposalOr(feature, at, "illegal opcode " + hex(op));
  }

  private static String hex(long value) {
    String s = Long.toHexString(value);
    return s.length() < 2 ? "0" + s : s;
  }
}
