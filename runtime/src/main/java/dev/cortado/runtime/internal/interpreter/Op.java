package dev.cortado.runtime.internal.interpreter;

/**
 * The interpreter's opcodes: the instruction stream of a {@link CompiledFunction} is an {@code
 * int[]} of these, each followed by its operands (documented per opcode). Operands name frame slots
 * relative to the frame pointer, so no instruction pushes or pops (docs/interpreter.md, "The code
 * array"). Numbers are dense so that the dispatch {@code switch} compiles to a {@code tableswitch};
 * the opcodes from {@link #RARE} on are run out of line by {@link RareOps}.
 */
final class Op {
  private Op() {}

  // Control. Targets are code positions; every other operand is a slot relative to fp.
  static final int UNREACHABLE = 0;

  /** Target. */
  static final int JUMP = 1;

  /** Condition slot, target: jumps if the i32 is not zero. */
  static final int JUMP_IF = 2;

  /** Condition slot, target: jumps if the i32 is zero. */
  static final int JUMP_IF_NOT = 3;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_EQ = 4;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_NE = 5;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_LT_S = 6;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_LT_U = 7;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_GT_S = 8;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_GT_U = 9;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_LE_S = 10;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_LE_U = 11;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_GE_S = 12;

  /** Slots a and b, target: jumps if the i32 comparison of a and b holds. */
  static final int JUMP_IF_I32_GE_U = 13;

  /** Target, arity, source, destination: copies arity slots, then jumps. */
  static final int BR_MOVE = 14;

  /** Condition slot, then as BR_MOVE if the i32 is not zero. */
  static final int BR_IF_MOVE = 15;

  /** Index slot, arity, source, count, then count (target, destination) pairs, the default last. */
  static final int BR_TABLE = 16;

  /** Arity, source slot of the results. */
  static final int RETURN = 17;

  /** Function index, slot of the first argument (the callee's frame pointer). */
  static final int CALL = 18;

  /** Canonical type id, table index, index slot, slot of the first argument. */
  static final int CALL_INDIRECT = 19;

  /**
   * Loop ordinal, operand top: a loop header, where interruption is polled and hot loops tier up.
   */
  static final int LOOP = 20;

  /** Cost: charges the store's fuel at a charge point of FuelCosts. */
  static final int FUEL = 21;

  // Moves, constants, variables.
  /** Destination, source. */
  static final int MOVE = 22;

  /** Destination, value. */
  static final int CONST32 = 23;

  /** Destination, low half, high half. */
  static final int CONST64 = 24;

  /** Destination, a, b, condition. */
  static final int SELECT = 25;

  /** Destination, global index. */
  static final int GLOBAL_GET = 26;

  /** Source, global index. */
  static final int GLOBAL_SET = 27;

  // Memory: f32/f64 accesses and the i64 forms of the narrow accesses share these.
  /** Destination, address slot, static offset. */
  static final int I32_LOAD = 28;

  /** Destination, address slot, static offset. */
  static final int I64_LOAD = 29;

  /** Destination, address slot, static offset. */
  static final int I32_LOAD8_S = 30;

  /** Destination, address slot, static offset. */
  static final int I32_LOAD8_U = 31;

  /** Destination, address slot, static offset. */
  static final int I32_LOAD16_S = 32;

  /** Destination, address slot, static offset. */
  static final int I32_LOAD16_U = 33;

  /** Destination, address slot, static offset. */
  static final int I64_LOAD32_S = 34;

  /** Destination, address slot, static offset. */
  static final int I64_LOAD32_U = 35;

  /** Address slot, value slot, static offset. */
  static final int I32_STORE = 36;

  /** Address slot, value slot, static offset. */
  static final int I64_STORE = 37;

  /** Address slot, value slot, static offset. */
  static final int I32_STORE8 = 38;

  /** Address slot, value slot, static offset. */
  static final int I32_STORE16 = 39;

  // Numeric operators with slot operands: unary ones destination, a; binary ones destination, a, b.
  static final int I32_EQZ = 40;
  static final int I64_EQZ = 41;
  static final int I64_EXTEND_I32_S = 42;
  static final int I64_EXTEND_I32_U = 43;
  static final int F64_CONVERT_I32_S = 44;
  static final int F64_CONVERT_I64_S = 45;
  static final int I32_TRUNC_F64_S = 46;
  static final int F64_NEG = 47;
  static final int F64_ABS = 48;
  static final int F64_SQRT = 49;
  static final int I32_ADD = 50;
  static final int I32_SUB = 51;
  static final int I32_MUL = 52;
  static final int I32_AND = 53;
  static final int I32_OR = 54;
  static final int I32_XOR = 55;
  static final int I32_SHL = 56;
  static final int I32_SHR_S = 57;
  static final int I32_SHR_U = 58;
  static final int I32_EQ = 59;
  static final int I32_NE = 60;
  static final int I32_LT_S = 61;
  static final int I32_LT_U = 62;
  static final int I32_GT_S = 63;
  static final int I32_GT_U = 64;
  static final int I32_LE_S = 65;
  static final int I32_LE_U = 66;
  static final int I32_GE_S = 67;
  static final int I32_GE_U = 68;
  static final int I64_ADD = 69;
  static final int I64_SUB = 70;
  static final int I64_MUL = 71;
  static final int I64_AND = 72;
  static final int I64_OR = 73;
  static final int I64_XOR = 74;
  static final int I64_SHL = 75;
  static final int I64_SHR_S = 76;
  static final int I64_SHR_U = 77;
  static final int I64_EQ = 78;
  static final int I64_NE = 79;
  static final int I64_LT_S = 80;
  static final int I64_LT_U = 81;
  static final int I64_GT_S = 82;
  static final int I64_GT_U = 83;
  static final int I64_LE_S = 84;
  static final int I64_LE_U = 85;
  static final int I64_GE_S = 86;
  static final int I64_GE_U = 87;
  static final int F32_ADD = 88;
  static final int F32_SUB = 89;
  static final int F32_MUL = 90;
  static final int F32_DIV = 91;
  static final int F64_ADD = 92;
  static final int F64_SUB = 93;
  static final int F64_MUL = 94;
  static final int F64_DIV = 95;
  static final int F64_EQ = 96;
  static final int F64_NE = 97;
  static final int F64_LT = 98;
  static final int F64_GT = 99;
  static final int F64_LE = 100;
  static final int F64_GE = 101;
  static final int I32_DIV_S = 102;
  static final int I32_DIV_U = 103;
  static final int I32_REM_S = 104;
  static final int I32_REM_U = 105;
  static final int I32_ROTL = 106;
  static final int I32_ROTR = 107;
  static final int I64_ROTL = 108;
  static final int I64_ROTR = 109;

  // SIMD (see SimdInterpreter).
  /** Operand top, sub-opcode, immediates. */
  static final int SIMD = 110;

  // Rare numeric operators (RareOps), same operands.
  static final int I32_CLZ = 111;
  static final int I32_CTZ = 112;
  static final int I32_POPCNT = 113;
  static final int I64_CLZ = 114;
  static final int I64_CTZ = 115;
  static final int I64_POPCNT = 116;
  static final int F32_ABS = 117;
  static final int F32_NEG = 118;
  static final int F32_CEIL = 119;
  static final int F32_FLOOR = 120;
  static final int F32_TRUNC = 121;
  static final int F32_NEAREST = 122;
  static final int F32_SQRT = 123;
  static final int F64_CEIL = 124;
  static final int F64_FLOOR = 125;
  static final int F64_TRUNC = 126;
  static final int F64_NEAREST = 127;
  static final int I32_TRUNC_F32_S = 128;
  static final int I32_TRUNC_F32_U = 129;
  static final int I32_TRUNC_F64_U = 130;
  static final int I64_TRUNC_F32_S = 131;
  static final int I64_TRUNC_F32_U = 132;
  static final int I64_TRUNC_F64_S = 133;
  static final int I64_TRUNC_F64_U = 134;
  static final int F32_CONVERT_I32_S = 135;
  static final int F32_CONVERT_I32_U = 136;
  static final int F32_CONVERT_I64_S = 137;
  static final int F32_CONVERT_I64_U = 138;
  static final int F32_DEMOTE_F64 = 139;
  static final int F64_CONVERT_I32_U = 140;
  static final int F64_CONVERT_I64_U = 141;
  static final int F64_PROMOTE_F32 = 142;
  static final int I32_EXTEND8_S = 143;
  static final int I32_EXTEND16_S = 144;
  static final int I32_TRUNC_SAT_F32_S = 145;
  static final int I32_TRUNC_SAT_F32_U = 146;
  static final int I32_TRUNC_SAT_F64_S = 147;
  static final int I32_TRUNC_SAT_F64_U = 148;
  static final int I64_TRUNC_SAT_F32_S = 149;
  static final int I64_TRUNC_SAT_F32_U = 150;
  static final int I64_TRUNC_SAT_F64_S = 151;
  static final int I64_TRUNC_SAT_F64_U = 152;
  static final int I64_DIV_S = 153;
  static final int I64_DIV_U = 154;
  static final int I64_REM_S = 155;
  static final int I64_REM_U = 156;
  static final int F32_MIN = 157;
  static final int F32_MAX = 158;
  static final int F32_COPYSIGN = 159;
  static final int F64_MIN = 160;
  static final int F64_MAX = 161;
  static final int F64_COPYSIGN = 162;
  static final int F32_EQ = 163;
  static final int F32_NE = 164;
  static final int F32_LT = 165;
  static final int F32_GT = 166;
  static final int F32_LE = 167;
  static final int F32_GE = 168;

  // References, tables and bulk memory (RareOps). Operands of the bulk operations are consecutive
  // slots from base.
  /** Destination, source. */
  static final int MOVE_REF = 169;

  /** Destination, a, b, condition. */
  static final int SELECT_REF = 170;

  /** Destination, global index. */
  static final int GLOBAL_GET_REF = 171;

  /** Source, global index. */
  static final int GLOBAL_SET_REF = 172;

  /** Destination. */
  static final int REF_NULL = 173;

  /** Destination, reference slot. */
  static final int REF_IS_NULL = 174;

  /** Destination, function index. */
  static final int REF_FUNC = 175;

  /** Destination, index slot, table. */
  static final int TABLE_GET = 176;

  /** Base (index, reference), table. */
  static final int TABLE_SET = 177;

  /** Destination, table. */
  static final int TABLE_SIZE = 178;

  /** Base (reference, count; the result replaces the reference), table. */
  static final int TABLE_GROW = 179;

  /** Base (index, reference, count), table. */
  static final int TABLE_FILL = 180;

  /** Base (destination, source, count), element segment, table. */
  static final int TABLE_INIT = 181;

  /** Base (destination, source, count), destination table, source table. */
  static final int TABLE_COPY = 182;

  /** Element segment. */
  static final int ELEM_DROP = 183;

  /** Destination. */
  static final int MEMORY_SIZE = 184;

  /** Destination, page count slot. */
  static final int MEMORY_GROW = 185;

  /** Base (destination, source, count), data segment. */
  static final int MEMORY_INIT = 186;

  /** Base (destination, source, count). */
  static final int MEMORY_COPY = 187;

  /** Base (destination, value, count). */
  static final int MEMORY_FILL = 188;

  /** Data segment. */
  static final int DATA_DROP = 189;

  /** The first opcode that {@link RareOps} runs. */
  static final int RARE = 111;

  /** The number of opcodes. */
  static final int COUNT = 190;

  private static final String[] NAMES = {
    "unreachable",
    "jump",
    "jump_if",
    "jump_if_not",
    "jump_if_i32_eq",
    "jump_if_i32_ne",
    "jump_if_i32_lt_s",
    "jump_if_i32_lt_u",
    "jump_if_i32_gt_s",
    "jump_if_i32_gt_u",
    "jump_if_i32_le_s",
    "jump_if_i32_le_u",
    "jump_if_i32_ge_s",
    "jump_if_i32_ge_u",
    "br_move",
    "br_if_move",
    "br_table",
    "return",
    "call",
    "call_indirect",
    "loop",
    "fuel",
    "move",
    "const32",
    "const64",
    "select",
    "global_get",
    "global_set",
    "i32_load",
    "i64_load",
    "i32_load8_s",
    "i32_load8_u",
    "i32_load16_s",
    "i32_load16_u",
    "i64_load32_s",
    "i64_load32_u",
    "i32_store",
    "i64_store",
    "i32_store8",
    "i32_store16",
    "i32_eqz",
    "i64_eqz",
    "i64_extend_i32_s",
    "i64_extend_i32_u",
    "f64_convert_i32_s",
    "f64_convert_i64_s",
    "i32_trunc_f64_s",
    "f64_neg",
    "f64_abs",
    "f64_sqrt",
    "i32_add",
    "i32_sub",
    "i32_mul",
    "i32_and",
    "i32_or",
    "i32_xor",
    "i32_shl",
    "i32_shr_s",
    "i32_shr_u",
    "i32_eq",
    "i32_ne",
    "i32_lt_s",
    "i32_lt_u",
    "i32_gt_s",
    "i32_gt_u",
    "i32_le_s",
    "i32_le_u",
    "i32_ge_s",
    "i32_ge_u",
    "i64_add",
    "i64_sub",
    "i64_mul",
    "i64_and",
    "i64_or",
    "i64_xor",
    "i64_shl",
    "i64_shr_s",
    "i64_shr_u",
    "i64_eq",
    "i64_ne",
    "i64_lt_s",
    "i64_lt_u",
    "i64_gt_s",
    "i64_gt_u",
    "i64_le_s",
    "i64_le_u",
    "i64_ge_s",
    "i64_ge_u",
    "f32_add",
    "f32_sub",
    "f32_mul",
    "f32_div",
    "f64_add",
    "f64_sub",
    "f64_mul",
    "f64_div",
    "f64_eq",
    "f64_ne",
    "f64_lt",
    "f64_gt",
    "f64_le",
    "f64_ge",
    "i32_div_s",
    "i32_div_u",
    "i32_rem_s",
    "i32_rem_u",
    "i32_rotl",
    "i32_rotr",
    "i64_rotl",
    "i64_rotr",
    "simd",
    "i32_clz",
    "i32_ctz",
    "i32_popcnt",
    "i64_clz",
    "i64_ctz",
    "i64_popcnt",
    "f32_abs",
    "f32_neg",
    "f32_ceil",
    "f32_floor",
    "f32_trunc",
    "f32_nearest",
    "f32_sqrt",
    "f64_ceil",
    "f64_floor",
    "f64_trunc",
    "f64_nearest",
    "i32_trunc_f32_s",
    "i32_trunc_f32_u",
    "i32_trunc_f64_u",
    "i64_trunc_f32_s",
    "i64_trunc_f32_u",
    "i64_trunc_f64_s",
    "i64_trunc_f64_u",
    "f32_convert_i32_s",
    "f32_convert_i32_u",
    "f32_convert_i64_s",
    "f32_convert_i64_u",
    "f32_demote_f64",
    "f64_convert_i32_u",
    "f64_convert_i64_u",
    "f64_promote_f32",
    "i32_extend8_s",
    "i32_extend16_s",
    "i32_trunc_sat_f32_s",
    "i32_trunc_sat_f32_u",
    "i32_trunc_sat_f64_s",
    "i32_trunc_sat_f64_u",
    "i64_trunc_sat_f32_s",
    "i64_trunc_sat_f32_u",
    "i64_trunc_sat_f64_s",
    "i64_trunc_sat_f64_u",
    "i64_div_s",
    "i64_div_u",
    "i64_rem_s",
    "i64_rem_u",
    "f32_min",
    "f32_max",
    "f32_copysign",
    "f64_min",
    "f64_max",
    "f64_copysign",
    "f32_eq",
    "f32_ne",
    "f32_lt",
    "f32_gt",
    "f32_le",
    "f32_ge",
    "move_ref",
    "select_ref",
    "global_get_ref",
    "global_set_ref",
    "ref_null",
    "ref_is_null",
    "ref_func",
    "table_get",
    "table_set",
    "table_size",
    "table_grow",
    "table_fill",
    "table_init",
    "table_copy",
    "elem_drop",
    "memory_size",
    "memory_grow",
    "memory_init",
    "memory_copy",
    "memory_fill",
    "data_drop",
  };

  /** Each opcode's length in words, operands included; 0 where it varies. */
  private static final byte[] LENGTHS = {
    1, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 6, 0, 3, 3, 5, 3, 2, 3, 3, 4, 5, 3, 3, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 5, 3, 3, 2, 3, 3, 4, 3, 3, 3, 3, 4, 4, 2, 2, 3,
    3, 2, 2, 2,
  };

  /** A readable name for disassembly and messages. */
  static String name(int op) {
    return op >= 0 && op < NAMES.length ? NAMES[op] : "op" + op;
  }

  /** The name of the instruction at {@code pc}: for {@link #SIMD}, its sub-opcode's. */
  static String name(int[] code, int pc) {
    return code[pc] == SIMD ? "simd " + SimdInterpreter.name(code[pc + 2]) : name(code[pc]);
  }

  /** The length of the instruction at {@code pc}, opcode and operands. */
  static int length(int[] code, int pc) {
    return switch (code[pc]) {
      case BR_TABLE -> 5 + 2 * code[pc + 4];
      case SIMD -> 3 + SimdInterpreter.immediates(code[pc + 2]);
      default -> LENGTHS[code[pc]];
    };
  }
}
