package dev.cortado.wasm.code;

import dev.cortado.wasm.ValType;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One instruction of a function body or constant expression, with its immediates.
 *
 * <p>Code is kept flat, as in the binary format: {@code block}, {@code loop} and {@code if} are
 * followed by their body, an optional {@code else}, and an {@code end}; every expression ends with
 * an {@code end} of its own. Which accessors are meaningful depends on {@link Opcode#immediate()};
 * the others return 0, -1 or null.
 *
 * <p>{@link #offset()} is where the instruction came from: a byte offset in a binary module, or a
 * character offset in a text module; {@link dev.cortado.wasm.WasmModule#locate(int)} turns it into
 * words for an error message.
 */
public final class Instruction {
  // A function body holds one of these per instruction (a 40 MB module some 16 million), so the
  // immediates few instructions have share one field: 40 bytes an instruction instead of 56 with a
  // field each, which the decoder's allocation and garbage collection are in proportion to.
  private final Opcode opcode;
  private final int index;
  private final int index2;
  private final long value;
  private final int offset;

  /**
   * The rarer immediates, by {@link Opcode#immediate()}: the {@code br_table} targets ({@code
   * int[]}), a block type, the value types of {@code select t*} or {@code ref.null} (a list), or a
   * {@link Long} with the high 64 bits of a {@code v128.const} or of the 16 packed {@code
   * i8x16.shuffle} lane indices (the low 64 bits are in {@link #value}), or a lane index; else
   * null.
   */
  private final Object extra;

  private Instruction(Opcode opcode, int index, int index2, long value, Object extra, int offset) {
    this.opcode = Objects.requireNonNull(opcode);
    this.index = index;
    this.index2 = index2;
    this.value = value;
    this.extra = extra;
    this.offset = offset;
  }

  /** An instruction without immediates ({@link Opcode.Immediate#NONE}). */
  public static Instruction of(Opcode opcode, int offset) {
    return new Instruction(opcode, 0, 0, 0, null, offset);
  }

  /** An instruction with one index immediate (label, function, local, global, table, ...). */
  public static Instruction ofIndex(Opcode opcode, int index, int offset) {
    return new Instruction(opcode, index, 0, 0, null, offset);
  }

  /**
   * An instruction with two index immediates: {@code call_indirect} (type, table), {@code
   * memory.init} (data, memory), {@code memory.copy} (dst, src), {@code table.init} (elem, table),
   * {@code table.copy} (dst, src).
   */
  public static Instruction ofIndices(Opcode opcode, int index, int index2, int offset) {
    return new Instruction(opcode, index, index2, 0, null, offset);
  }

  /** A constant ({@code i32.const} sign-extended, {@code i64.const}, or float raw bits). */
  public static Instruction ofConst(Opcode opcode, long value, int offset) {
    return new Instruction(opcode, 0, 0, value, null, offset);
  }

  /** A load or store: alignment as log2, static offset (unsigned), memory index. */
  public static Instruction ofMemArg(
      Opcode opcode, int align, long memoryOffset, int memoryIndex, int offset) {
    return new Instruction(opcode, align, memoryIndex, memoryOffset, null, offset);
  }

  /** {@code block}, {@code loop} or {@code if}. */
  public static Instruction ofBlock(Opcode opcode, BlockType blockType, int offset) {
    return new Instruction(opcode, 0, 0, 0, Objects.requireNonNull(blockType), offset);
  }

  /** {@code br_table}: the targets with the default target last. */
  public static Instruction ofBrTable(int[] labels, int offset) {
    return new Instruction(Opcode.BR_TABLE, 0, 0, 0, labels.clone(), offset);
  }

  /** {@code select t*} or {@code ref.null t}. */
  public static Instruction ofTypes(Opcode opcode, List<ValType> types, int offset) {
    return new Instruction(opcode, 0, 0, 0, List.copyOf(types), offset);
  }

  /**
   * {@code v128.const}: the 128-bit constant as its low and high 64 bits (little-endian: byte 0 of
   * the constant is the lowest byte of {@code low}).
   */
  public static Instruction ofV128Const(long low, long high, int offset) {
    return new Instruction(Opcode.V128_CONST, 0, 0, low, high, offset);
  }

  /** {@code i8x16.shuffle}: 16 lane indices, each 0 to 255 (validation requires below 32). */
  public static Instruction ofShuffle(int[] lanes, int offset) {
    if (lanes.length != 16) {
      throw new IllegalArgumentException("i8x16.shuffle takes 16 lane indices");
    }
    long low = 0;
    long high = 0;
    for (int i = 0; i < 8; i++) {
      low |= (long) (lanes[i] & 0xFF) << (8 * i);
      high |= (long) (lanes[i + 8] & 0xFF) << (8 * i);
    }
    return new Instruction(Opcode.I8X16_SHUFFLE, 0, 0, low, high, offset);
  }

  /** {@code extract_lane} or {@code replace_lane} with a lane index (0 to 255 when decoded). */
  public static Instruction ofLane(Opcode opcode, int lane, int offset) {
    return new Instruction(opcode, 0, 0, 0, (long) lane, offset);
  }

  /** A lane load or store ({@code v128.load8_lane}, ...): memory argument and lane index. */
  public static Instruction ofMemArgLane(
      Opcode opcode, int align, long memoryOffset, int memoryIndex, int lane, int offset) {
    return new Instruction(opcode, align, memoryIndex, memoryOffset, (long) lane, offset);
  }

  public Opcode opcode() {
    return opcode;
  }

  /** The first index immediate (see {@link Opcode.Immediate}). */
  public int index() {
    return index;
  }

  /** The second index immediate (see {@link Opcode.Immediate}). */
  public int index2() {
    return index2;
  }

  /** The constant: i32 sign-extended, i64, or the raw bits of f32 (low 32 bits) or f64. */
  public long value() {
    return value;
  }

  /** {@code br_table} targets, default last; a copy. */
  public int[] labels() {
    return extra instanceof int[] labels ? labels.clone() : null;
  }

  /** {@code br_table}: the number of targets including the default. */
  public int labelCount() {
    return ((int[]) extra).length;
  }

  /** {@code br_table}: the i-th target (the default is {@code labelCount() - 1}). */
  public int label(int i) {
    return ((int[]) extra)[i];
  }

  public BlockType blockType() {
    return extra instanceof BlockType blockType ? blockType : null;
  }

  /** {@code select t*}: the types; {@code ref.null}: a single reference type. */
  @SuppressWarnings("unchecked")
  public List<ValType> types() {
    return extra instanceof List<?> types ? (List<ValType>) types : null;
  }

  /** Memory access alignment, as log2 of bytes. */
  public int align() {
    return index;
  }

  /** Memory access static offset (unsigned). */
  public long memoryOffset() {
    return value;
  }

  /** Memory access memory index. */
  public int memoryIndex() {
    return index2;
  }

  /** {@code v128.const}: the low 64 bits of the constant (bytes 0 to 7). */
  public long v128Low() {
    return value;
  }

  /** {@code v128.const}: the high 64 bits of the constant (bytes 8 to 15). */
  public long v128High() {
    return high();
  }

  private long high() {
    return extra instanceof Long high ? high : 0;
  }

  /** {@code i8x16.shuffle}: the 16 lane indices, each 0 to 255. */
  public int[] shuffleLanes() {
    long high = high();
    int[] lanes = new int[16];
    for (int i = 0; i < 8; i++) {
      lanes[i] = (int) (value >>> (8 * i)) & 0xFF;
      lanes[i + 8] = (int) (high >>> (8 * i)) & 0xFF;
    }
    return lanes;
  }

  /** The lane index of {@code extract_lane}, {@code replace_lane} and the lane loads and stores. */
  public int laneIndex() {
    return (int) high();
  }

  /** Byte offset (binary) or character offset (text) of this instruction in its source. */
  public int offset() {
    return offset;
  }

  /**
   * Instructions are equal when their opcode and immediates are; {@link #offset()} (where they came
   * from) is not compared, so that modules decoded from different encodings compare equal.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Instruction other
        && opcode == other.opcode
        && index == other.index
        && index2 == other.index2
        && value == other.value
        && (extra instanceof int[] labels
            ? other.extra instanceof int[] otherLabels && Arrays.equals(labels, otherLabels)
            : Objects.equals(extra, other.extra));
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        opcode,
        index,
        index2,
        value,
        extra instanceof int[] labels ? Arrays.hashCode(labels) : Objects.hashCode(extra));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(opcode.mnemonic());
    switch (opcode.immediate()) {
      case NONE -> {}
      case BLOCK_TYPE -> sb.append(' ').append(blockType());
      case LABEL_TABLE -> {
        for (int l : (int[]) extra) {
          sb.append(' ').append(l);
        }
      }
      case MEMARG ->
          sb.append(" offset=")
              .append(Long.toUnsignedString(value))
              .append(" align=")
              .append(1 << index);
      case MEMARG_LANE ->
          sb.append(" offset=")
              .append(Long.toUnsignedString(value))
              .append(" align=")
              .append(1 << index)
              .append(' ')
              .append(high());
      case V128 -> sb.append(String.format(" i64x2 0x%016x 0x%016x", value, high()));
      case SHUFFLE -> {
        for (int lane : shuffleLanes()) {
          sb.append(' ').append(lane);
        }
      }
      case LANE -> sb.append(' ').append(high());
      case I32, I64 -> sb.append(' ').append(value);
      case F32 -> sb.append(' ').append(Float.intBitsToFloat((int) value));
      case F64 -> sb.append(' ').append(Double.longBitsToDouble(value));
      case VALUE_TYPES, REF_TYPE -> sb.append(' ').append(types());
      case TYPE_TABLE, DATA_MEMORY, MEMORY_MEMORY, ELEM_TABLE, TABLE_TABLE ->
          sb.append(' ').append(index).append(' ').append(index2);
      default -> sb.append(' ').append(index);
    }
    return sb.toString();
  }
}
